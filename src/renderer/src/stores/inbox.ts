/**
 * Cache of the inbox: conversations per number (newest first, paged), the one being read (inbound SMS
 * and what was sent, merged), and unread counts. `inboundReceived` and `messagesChanged` keep it current.
 */
import { create } from 'zustand';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import type { InboxReplyResult, InboxThreadPage, InboxThreadSummary, ThreadItem } from '../../../shared/monitoring.ts';
import { getApi } from '../api.ts';
import { toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './load-status.ts';

export const THREADS_PAGE = 100;
export const THREAD_PAGE = 100;
export const INBOX_REFRESH_MS = 500;

export interface OpenThread {
  number: string;
  /** The contact's name when the number is a contact. */
  name: string | null;
  items: ThreadItem[];
  nextCursor: string | null;
  optedOut: boolean;
  replyAccountId: string | null;
  status: LoadStatus;
  error: AppErrorShape | null;
}

interface InboxState {
  search: string;
  unreadOnly: boolean;
  threads: InboxThreadSummary[];
  nextCursor: string | null;
  unreadTotal: number;
  status: LoadStatus;
  error: AppErrorShape | null;
  thread: OpenThread | null;

  load: () => Promise<void>;
  setQuery: (search: string, unreadOnly: boolean) => Promise<void>;
  loadMoreThreads: () => Promise<void>;
  /** Opens a conversation (null closes it) and marks it read. */
  open: (number: string | null) => Promise<void>;
  reloadThread: () => Promise<void>;
  loadOlder: () => Promise<void>;
  markRead: (number: string) => Promise<Result<{ unreadTotal: number }>>;
  reply: (input: { number: string; accountId: string; text: string; port?: number }) => Promise<Result<InboxReplyResult>>;
}

let listSeq = 0;
let threadSeq = 0;

async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: toErrorShape(err) };
  }
}

function openedFrom(page: InboxThreadPage): OpenThread {
  return { number: page.number, name: page.name, items: page.items, nextCursor: page.nextCursor, optedOut: page.optedOut, replyAccountId: page.replyAccountId, status: 'ready', error: null };
}

export const useInboxStore = create<InboxState>()((set, get) => ({
  search: '',
  unreadOnly: false,
  threads: [],
  nextCursor: null,
  unreadTotal: 0,
  status: 'idle',
  error: null,
  thread: null,

  load: async () => {
    const seq = ++listSeq;
    const { search, unreadOnly, status } = get();
    if (status !== 'ready') set({ status: 'loading' });
    try {
      const page = await getApi().inboxThreads({ search, unreadOnly, limit: THREADS_PAGE });
      if (seq === listSeq) set({ threads: page.threads, nextCursor: page.nextCursor, unreadTotal: page.unreadTotal, status: 'ready', error: null });
    } catch (err) {
      if (seq === listSeq) set({ status: 'error', error: toErrorShape(err) });
    }
  },
  setQuery: async (search, unreadOnly) => {
    set({ search, unreadOnly, status: 'loading', threads: [], nextCursor: null });
    await get().load();
  },
  loadMoreThreads: async () => {
    const { search, unreadOnly, nextCursor } = get();
    if (nextCursor === null) return;
    const seq = listSeq;
    try {
      const page = await getApi().inboxThreads({ search, unreadOnly, cursor: nextCursor, limit: THREADS_PAGE });
      if (seq !== listSeq) return;
      set((s) => {
        const seen = new Set(s.threads.map((t) => t.number));
        return { threads: [...s.threads, ...page.threads.filter((t) => !seen.has(t.number))], nextCursor: page.nextCursor, unreadTotal: page.unreadTotal };
      });
    } catch (err) {
      if (seq === listSeq) set({ error: toErrorShape(err) });
    }
  },
  open: async (number) => {
    const seq = ++threadSeq;
    if (number === null) {
      set({ thread: null });
      return;
    }
    const name = get().threads.find((t) => t.number === number)?.name ?? null;
    set({ thread: { number, name, items: [], nextCursor: null, optedOut: false, replyAccountId: null, status: 'loading', error: null } });
    try {
      const page = await getApi().inboxThread({ number, limit: THREAD_PAGE });
      if (seq !== threadSeq) return;
      set({ thread: openedFrom(page) });
      if (page.items.some((i) => i.kind === 'in' && !i.read)) void get().markRead(number);
    } catch (err) {
      if (seq === threadSeq) set((s) => ({ thread: s.thread ? { ...s.thread, status: 'error', error: toErrorShape(err) } : null }));
    }
  },
  reloadThread: async () => {
    const current = get().thread;
    if (!current || current.status === 'loading') return;
    const seq = ++threadSeq;
    try {
      const page = await getApi().inboxThread({ number: current.number, limit: Math.max(THREAD_PAGE, current.items.length) });
      if (seq !== threadSeq) return;
      set({ thread: openedFrom(page) });
      if (page.items.some((i) => i.kind === 'in' && !i.read)) void get().markRead(current.number);
    } catch (err) {
      if (seq === threadSeq) set((s) => ({ thread: s.thread ? { ...s.thread, error: toErrorShape(err) } : null }));
    }
  },
  loadOlder: async () => {
    const current = get().thread;
    if (!current || current.nextCursor === null) return;
    const seq = threadSeq;
    try {
      const page = await getApi().inboxThread({ number: current.number, cursor: current.nextCursor, limit: THREAD_PAGE });
      if (seq !== threadSeq) return;
      set((s) => (s.thread ? { thread: { ...s.thread, items: [...s.thread.items, ...page.items], nextCursor: page.nextCursor } } : {}));
    } catch (err) {
      if (seq === threadSeq) set((s) => ({ thread: s.thread ? { ...s.thread, error: toErrorShape(err) } : null }));
    }
  },
  markRead: async (number) => {
    const r = await attempt(() => getApi().inboxMarkRead({ number }));
    if (r.ok) {
      set((s) => ({
        unreadTotal: r.value.unreadTotal,
        threads: s.threads.map((t) => (t.number === number ? { ...t, unread: 0 } : t)),
        thread: s.thread?.number === number ? { ...s.thread, items: s.thread.items.map((i) => (i.kind === 'in' ? { ...i, read: true } : i)) } : s.thread,
      }));
    }
    return r;
  },
  reply: async (input) => {
    const r = await attempt(() => getApi().inboxReply(input));
    if (r.ok) {
      void get().reloadThread();
      void get().load();
    }
    return r;
  },
}));

/** Keeps the inbox current while its screen is open (coalesced). Returns the stop function. */
export function connectInboxUpdates(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      const s = useInboxStore.getState();
      void s.load();
      void s.reloadThread();
    }, INBOX_REFRESH_MS);
  };
  const api = getApi();
  const stops = [
    api.on('inboundReceived', (e) => {
      useInboxStore.setState({ unreadTotal: e.unreadTotal });
      schedule();
    }),
    api.on('messagesChanged', () => {
      if (useInboxStore.getState().thread) schedule();
    }),
  ];
  return () => {
    if (timer !== null) clearTimeout(timer);
    stops.forEach((s) => s());
  };
}
