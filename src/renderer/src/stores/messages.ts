/**
 * Cache of the message log (every message, newest first), built for a million rows: pages are keyset
 * windows (`cursor` = an id, exclusive) loaded as the user scrolls; only page cursors are kept for the
 * whole way down, rows only for pages near the viewport. The first page is pinned to the id the list
 * opened at, so pages never shift while messages arrive; newer ones are offered (or shown at once when
 * the user is at the top). The total comes from `messageLogCount`, a separate (slower) call.
 */
import { create } from 'zustand';
import type { MessageEventView, MessageState } from '../../../shared/campaigns.ts';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import type { MessageLogFilter, MessageLogRow } from '../../../shared/monitoring.ts';
import { getApi } from '../api.ts';
import { saveDownload } from '../files/save-download.ts';
import { toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './load-status.ts';

export const LOG_PAGE_SIZE = 200;
/** Pages kept in memory around the viewport; farther ones are dropped (their cursors stay). */
export const LOG_PAGES_KEPT = 40;
/** Live changes re-read the visible pages at most this often. */
export const LOG_REFRESH_MS = 1000;

export interface LogFilter {
  campaignId: string | null;
  accountId: string | null;
  states: MessageState[];
  /** Local dates, YYYY-MM-DD ('' = open). */
  fromDate: string;
  toDate: string;
  search: string;
  /** Only single messages: replies from the inbox and box push tests. */
  singles: boolean;
}

export const emptyLogFilter: LogFilter = { campaignId: null, accountId: null, states: [], fromDate: '', toDate: '', search: '', singles: false };

interface MessagesLogState {
  filter: LogFilter;
  status: LoadStatus;
  error: AppErrorShape | null;
  /** Loaded pages by page number. */
  pages: Record<number, MessageLogRow[]>;
  /** cursors[p] = the cursor that fetches page p (known for every page up to the furthest reached). */
  cursors: Array<number | undefined>;
  /** Row count when the last page has been reached, else null. */
  endCount: number | null;
  total: number | null;
  totalStatus: LoadStatus;
  /** Messages newer than the pinned first page exist. */
  hasNewer: boolean;

  /** Applies a filter and loads its first page and count. */
  setFilter: (filter: LogFilter) => Promise<void>;
  reload: () => Promise<void>;
  /** Makes sure rows [start, end) are loaded when their cursors are known (scrolling reaches them in order). */
  ensure: (start: number, end: number) => Promise<void>;
  /** Live change: re-read the pages in view, the count, and whether newer messages exist. */
  refresh: () => Promise<void>;
  history: (messageId: number) => Promise<Result<MessageEventView[]>>;
  exportLog: (format: 'xlsx' | 'csv') => Promise<Result<{ rows: number }>>;
}

/** How many rows the virtualised list has: what is reachable now plus one page of placeholders while more exist. */
export function logRowCount(s: Pick<MessagesLogState, 'cursors' | 'endCount'>): number {
  return s.endCount ?? s.cursors.length * LOG_PAGE_SIZE;
}

export function rowAt(s: Pick<MessagesLogState, 'pages'>, index: number): MessageLogRow | undefined {
  return s.pages[Math.floor(index / LOG_PAGE_SIZE)]?.[index % LOG_PAGE_SIZE];
}

function dayStart(date: string, plusDays = 0): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays).getTime();
}

/** The contract's filter for the UI's: dates are local days, the "to" day included. */
export function toQueryFilter(f: LogFilter): MessageLogFilter {
  const q: MessageLogFilter = { search: f.search.trim() };
  if (f.campaignId && !f.singles) q.campaignId = f.campaignId;
  if (f.singles) q.singles = true;
  if (f.accountId) q.accountId = f.accountId;
  if (f.states.length > 0) q.states = f.states;
  const from = dayStart(f.fromDate);
  const to = dayStart(f.toDate, 1);
  if (from !== undefined) q.from = from;
  if (to !== undefined) q.to = to;
  return q;
}

let gen = 0;
let countSeq = 0;
/** The page the user looks at (for eviction and live refresh). */
let visible = { first: 0, last: 0 };
const inFlight = new Set<string>();

async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: toErrorShape(err) };
  }
}

export const useMessagesLogStore = create<MessagesLogState>()((set, get) => {
  const fetchPage = async (page: number, g: number, force = false): Promise<void> => {
    const s = get();
    if (page >= s.cursors.length) return;
    if (!force && s.pages[page]) return;
    const key = `${g}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const cursor = s.cursors[page];
      const res = await getApi().messageLog({ ...toQueryFilter(s.filter), ...(cursor !== undefined ? { cursor } : {}), limit: LOG_PAGE_SIZE });
      if (g !== gen) return;
      set((cur) => {
        const pages: Record<number, MessageLogRow[]> = { ...cur.pages, [page]: res.rows };
        const cursors = cur.cursors.slice();
        let endCount = cur.endCount;
        if (res.nextCursor === null) {
          cursors.length = page + 1;
          endCount = page * LOG_PAGE_SIZE + res.rows.length;
          for (const p of Object.keys(pages)) if (Number(p) > page) delete pages[Number(p)];
        } else {
          cursors[page + 1] = res.nextCursor;
          if (endCount !== null && page + 1 >= cursors.length - 1) endCount = null;
        }
        // Keep memory bounded: drop the pages farthest from the viewport.
        const loaded = Object.keys(pages).map(Number);
        if (loaded.length > LOG_PAGES_KEPT) {
          const centre = Math.floor((visible.first + visible.last) / 2 / LOG_PAGE_SIZE);
          loaded.sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
          for (const p of loaded.slice(0, loaded.length - LOG_PAGES_KEPT)) delete pages[p];
        }
        return { pages, cursors, endCount, status: 'ready', error: null };
      });
    } catch (err) {
      if (g === gen) set({ status: 'error', error: toErrorShape(err) });
    } finally {
      inFlight.delete(key);
    }
  };

  const count = async (g: number) => {
    const seq = ++countSeq;
    try {
      const { total } = await getApi().messageLogCount(toQueryFilter(get().filter));
      if (g === gen && seq === countSeq) set({ total, totalStatus: 'ready' });
    } catch {
      if (g === gen && seq === countSeq) set({ totalStatus: 'error' });
    }
  };

  /** Starts over with the current filter: the first page pins the list's top. */
  const start = async () => {
    const g = ++gen;
    visible = { first: 0, last: 0 };
    set({ status: 'loading', error: null, pages: {}, cursors: [undefined], endCount: null, hasNewer: false, totalStatus: 'loading' });
    void count(g);
    try {
      const res = await getApi().messageLog({ ...toQueryFilter(get().filter), limit: LOG_PAGE_SIZE });
      if (g !== gen) return;
      const top = res.rows[0];
      set({
        pages: { 0: res.rows },
        // Page 0 is re-read with this cursor from now on, so newer messages never shift the rows below.
        cursors: res.nextCursor === null ? [top ? top.id + 1 : undefined] : [top ? top.id + 1 : undefined, res.nextCursor],
        endCount: res.nextCursor === null ? res.rows.length : null,
        status: 'ready',
        error: null,
      });
    } catch (err) {
      if (g === gen) set({ status: 'error', error: toErrorShape(err) });
    }
  };

  return {
    filter: emptyLogFilter,
    status: 'idle',
    error: null,
    pages: {},
    cursors: [undefined],
    endCount: null,
    total: null,
    totalStatus: 'idle',
    hasNewer: false,

    setFilter: async (filter) => {
      set({ filter });
      await start();
    },
    reload: start,
    ensure: async (first, end) => {
      visible = { first, last: end - 1 };
      const s = get();
      if (s.status === 'loading' || s.status === 'idle') return;
      const g = gen;
      const jobs: Promise<void>[] = [];
      const lastPage = Math.floor(Math.max(first, end - 1) / LOG_PAGE_SIZE);
      for (let p = Math.floor(first / LOG_PAGE_SIZE); p <= lastPage; p++) if (!s.pages[p]) jobs.push(fetchPage(p, g));
      // Read one page ahead so the placeholders past the end are rarely seen.
      if (s.endCount === null && lastPage + 1 < s.cursors.length && !s.pages[lastPage + 1]) jobs.push(fetchPage(lastPage + 1, g));
      await Promise.all(jobs);
    },
    refresh: async () => {
      const s = get();
      if (s.status !== 'ready') return;
      const g = gen;
      if (visible.first === 0 && s.cursors.length > 0) {
        // At the top: show the newest at once.
        const probe = await attempt(() => getApi().messageLog({ ...toQueryFilter(s.filter), limit: 1 }));
        if (g !== gen) return;
        const newest = probe.ok ? probe.value.rows[0] : undefined;
        const top = s.cursors[0];
        if (newest && (top === undefined || newest.id >= top)) {
          await start();
          return;
        }
      }
      const pages = new Set<number>();
      for (let p = Math.floor(visible.first / LOG_PAGE_SIZE); p <= Math.floor(visible.last / LOG_PAGE_SIZE); p++) pages.add(p);
      await Promise.all([...pages].map((p) => fetchPage(p, g, true)));
      void count(g);
      if (visible.first > 0) {
        const probe = await attempt(() => getApi().messageLog({ ...toQueryFilter(get().filter), limit: 1 }));
        const newest = probe.ok ? probe.value.rows[0] : undefined;
        const top = get().cursors[0];
        if (g === gen && newest && (top === undefined || newest.id >= top)) set({ hasNewer: true });
      }
    },
    history: (messageId) => attempt(() => getApi().messageHistory({ messageId })),
    exportLog: (format) =>
      attempt(async () => {
        const file = await getApi().messageLogExport({ ...toQueryFilter(get().filter), format });
        saveDownload(file);
        return { rows: file.rows };
      }),
  };
});

/** Follows `messagesChanged` while the Messages screen is open (coalesced). Returns the stop function. */
export function connectMessagesLogUpdates(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = getApi().on('messagesChanged', () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void useMessagesLogStore.getState().refresh();
    }, LOG_REFRESH_MS);
  });
  return () => {
    if (timer !== null) clearTimeout(timer);
    stop();
  };
}
