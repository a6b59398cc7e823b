/**
 * Cache of main's campaigns: the list, the campaign being looked at, and its messages (paged on demand
 * for the virtualised table). `campaignProgress` patches counts in place; `campaignsChanged` reloads.
 */
import { create } from 'zustand';
import type { CampaignPreview, CampaignProgressEvent, CampaignView, MessageEventView, MessageRow, MessageState, MoveTarget } from '../../../shared/campaigns.ts';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import type { SavedForm } from '../../../shared/drafts.ts';
import { getApi } from '../api.ts';
import { saveDownload } from '../files/save-download.ts';
import { toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './load-status.ts';

export const MESSAGE_PAGE_SIZE = 200;
/** A running campaign's visible messages are re-read at most this often while progress arrives. */
export const MESSAGE_REFRESH_MS = 1000;

/** What a retry sends again: failed and expired; every unknown (an explicit risk); or only the unknown ones probably never received. */
export type RetryChoice = 'failed' | 'unknown' | 'probablyLost';

export interface MessagesState {
  campaignId: string | null;
  states: MessageState[];
  search: string;
  total: number;
  /** Loaded rows by index; the virtualised table asks for the pages it shows. */
  rows: Record<number, MessageRow>;
  status: LoadStatus;
  error: AppErrorShape | null;
}

export interface DetailState {
  id: string | null;
  campaign: CampaignView | null;
  status: LoadStatus;
  error: AppErrorShape | null;
}

interface CampaignsState {
  campaigns: CampaignView[];
  status: LoadStatus;
  error: AppErrorShape | null;
  detail: DetailState;
  messages: MessagesState;

  load: () => Promise<void>;
  /** Shows one campaign (null: back to the list) and loads it with its first messages. */
  open: (id: string | null) => Promise<void>;
  reloadDetail: () => Promise<void>;
  receiveProgress: (event: CampaignProgressEvent) => void;

  pause: (id: string) => Promise<Result<CampaignView>>;
  resume: (id: string) => Promise<Result<CampaignView>>;
  cancel: (id: string) => Promise<Result<CampaignView>>;
  /** A new campaign with this one's failed/expired messages, or — as an explicit choice — its unknown ones. */
  retry: (id: string, choice: RetryChoice) => Promise<Result<CampaignView>>;
  /** Account failover: where a paused campaign's unsent rest can go, what that would send, and the move itself. */
  moveTargets: (id: string) => Promise<Result<MoveTarget[]>>;
  movePreview: (id: string, accountId: string) => Promise<Result<CampaignPreview>>;
  move: (id: string, accountId: string) => Promise<Result<CampaignView>>;
  exportMessages: (id: string, format: 'xlsx' | 'csv') => Promise<Result<{ rows: number }>>;
  /** The compose form that sends this campaign again (nothing is saved). */
  duplicate: (id: string) => Promise<Result<SavedForm>>;

  filterMessages: (states: MessageState[], search: string) => Promise<void>;
  /** Makes sure rows [start, end) are loaded. */
  ensureMessages: (start: number, end: number) => Promise<void>;
  /** Re-reads the pages already loaded (rows change state while a campaign runs). */
  refreshMessages: () => Promise<void>;
  history: (messageId: number) => Promise<Result<MessageEventView[]>>;
}

const emptyMessages: MessagesState = { campaignId: null, states: [], search: '', total: 0, rows: {}, status: 'idle', error: null };
const emptyDetail: DetailState = { id: null, campaign: null, status: 'idle', error: null };

let loadSeq = 0;
let detailSeq = 0;
let messagesGen = 0;
const pending = new Set<string>();

async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: toErrorShape(err) };
  }
}

function upsert(list: CampaignView[], campaign: CampaignView): CampaignView[] {
  const at = list.findIndex((c) => c.id === campaign.id);
  if (at === -1) return [campaign, ...list];
  const next = list.slice();
  next[at] = campaign;
  return next;
}

function patchProgress(c: CampaignView, e: CampaignProgressEvent): CampaignView {
  return { ...c, state: e.state, counts: e.counts, waitingUntil: e.waitingUntil, lastError: e.lastError };
}

export const useCampaignsStore = create<CampaignsState>()((set, get) => {
  const fetchPage = async (page: number, gen: number, force = false) => {
    const { campaignId, states, search } = get().messages;
    if (campaignId === null) return;
    const key = `${gen}:${page}`;
    if (pending.has(key) && !force) return;
    pending.add(key);
    try {
      const res = await getApi().campaignMessages({
        id: campaignId,
        states: states.length > 0 ? states : undefined,
        search,
        offset: page * MESSAGE_PAGE_SIZE,
        limit: MESSAGE_PAGE_SIZE,
      });
      if (gen !== messagesGen) return;
      set((s) => {
        const rows = { ...s.messages.rows };
        res.rows.forEach((r, i) => (rows[page * MESSAGE_PAGE_SIZE + i] = r));
        for (let i = res.total; i < s.messages.total; i++) delete rows[i];
        return { messages: { ...s.messages, rows, total: res.total, status: 'ready', error: null } };
      });
    } catch (err) {
      if (gen === messagesGen) set((s) => ({ messages: { ...s.messages, status: 'error', error: toErrorShape(err) } }));
    } finally {
      pending.delete(key);
    }
  };

  /** After an action answered with the campaign: the cache takes it at once. */
  const took = (r: Result<CampaignView>): Result<CampaignView> => {
    if (r.ok) {
      loadSeq++;
      set((s) => ({
        campaigns: upsert(s.campaigns, r.value),
        detail: s.detail.id === r.value.id ? { ...s.detail, campaign: r.value } : s.detail,
      }));
    }
    return r;
  };

  return {
    campaigns: [],
    status: 'idle',
    error: null,
    detail: emptyDetail,
    messages: emptyMessages,

    load: async () => {
      const seq = ++loadSeq;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const campaigns = await getApi().campaignsList();
        if (seq === loadSeq) set({ campaigns, status: 'ready', error: null });
      } catch (err) {
        if (seq === loadSeq) set({ status: 'error', error: toErrorShape(err) });
      }
    },

    open: async (id) => {
      if (id === get().detail.id) return;
      const gen = ++messagesGen;
      if (id === null) {
        set({ detail: emptyDetail, messages: emptyMessages });
        return;
      }
      const cached = get().campaigns.find((c) => c.id === id) ?? null;
      set({
        detail: { id, campaign: cached, status: cached ? 'ready' : 'loading', error: null },
        messages: { ...emptyMessages, campaignId: id, status: 'loading' },
      });
      await Promise.all([get().reloadDetail(), fetchPage(0, gen)]);
    },

    reloadDetail: async () => {
      const id = get().detail.id;
      if (id === null) return;
      const seq = ++detailSeq;
      try {
        const campaign = await getApi().campaignGet({ id });
        if (seq !== detailSeq || get().detail.id !== id) return;
        set((s) => ({ detail: { id, campaign, status: 'ready', error: null }, campaigns: s.status === 'ready' ? upsert(s.campaigns, campaign) : s.campaigns }));
      } catch (err) {
        if (seq === detailSeq && get().detail.id === id) set((s) => ({ detail: { ...s.detail, status: 'error', error: toErrorShape(err) } }));
      }
    },

    receiveProgress: (e) => {
      set((s) => ({
        campaigns: s.campaigns.map((c) => (c.id === e.id ? patchProgress(c, e) : c)),
        detail: s.detail.campaign?.id === e.id ? { ...s.detail, campaign: patchProgress(s.detail.campaign, e) } : s.detail,
      }));
    },

    pause: async (id) => took(await attempt(() => getApi().campaignPause({ id }))),
    resume: async (id) => took(await attempt(() => getApi().campaignResume({ id }))),
    cancel: async (id) => {
      const r = took(await attempt(() => getApi().campaignCancel({ id })));
      if (r.ok && get().detail.id === id) void get().refreshMessages();
      return r;
    },
    retry: async (id, choice) =>
      took(
        await attempt(() =>
          getApi().campaignRetry({ id, states: choice === 'failed' ? ['failed', 'expired'] : ['unknown'], ...(choice === 'probablyLost' ? { probablyLostOnly: true } : {}) }),
        ),
      ),
    moveTargets: (id) => attempt(() => getApi().campaignMoveTargets({ id })),
    movePreview: (id, accountId) => attempt(() => getApi().campaignMovePreview({ id, accountId })),
    move: async (id, accountId) => took(await attempt(() => getApi().campaignMove({ id, accountId, confirmed: true }))),
    exportMessages: (id, format) =>
      attempt(async () => {
        const file = await getApi().campaignExport({ id, format });
        saveDownload(file);
        return { rows: file.rows };
      }),
    duplicate: (id) => attempt(() => getApi().campaignDuplicate({ id })),

    filterMessages: async (states, search) => {
      const campaignId = get().messages.campaignId;
      if (campaignId === null) return;
      const gen = ++messagesGen;
      set({ messages: { ...emptyMessages, campaignId, states, search, status: 'loading' } });
      await fetchPage(0, gen);
    },
    ensureMessages: async (start, end) => {
      const { messages } = get();
      if (messages.status !== 'ready' && messages.status !== 'error') return;
      const gen = messagesGen;
      const last = Math.min(end, messages.total) - 1;
      const jobs: Promise<void>[] = [];
      for (let page = Math.floor(start / MESSAGE_PAGE_SIZE); page <= Math.floor(last / MESSAGE_PAGE_SIZE); page++) {
        if (get().messages.rows[page * MESSAGE_PAGE_SIZE] === undefined) jobs.push(fetchPage(page, gen));
      }
      await Promise.all(jobs);
    },
    refreshMessages: async () => {
      const { messages } = get();
      if (messages.campaignId === null || messages.status === 'loading') return;
      const gen = messagesGen;
      const pages = new Set<number>([0]);
      for (const i of Object.keys(messages.rows)) pages.add(Math.floor(Number(i) / MESSAGE_PAGE_SIZE));
      await Promise.all([...pages].map((p) => fetchPage(p, gen, true)));
    },
    history: (messageId) => attempt(() => getApi().messageHistory({ messageId })),
  };
});

/**
 * Keeps the cache current while a campaigns screen is open: progress patches counts at once, and the
 * open campaign's visible messages are re-read at most once a second. Returns the stop function.
 */
export function connectCampaignsUpdates(): () => void {
  const api = getApi();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const scheduleMessages = () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void useCampaignsStore.getState().refreshMessages();
    }, MESSAGE_REFRESH_MS);
  };
  const stops = [
    api.on('campaignProgress', (e) => {
      const s = useCampaignsStore.getState();
      const known = s.campaigns.some((c) => c.id === e.id) || s.detail.id === e.id;
      if (!known && s.status === 'ready') void s.load();
      s.receiveProgress(e);
      if (s.detail.id === e.id) scheduleMessages();
    }),
    api.on('campaignsChanged', ({ id }) => {
      const s = useCampaignsStore.getState();
      void s.load();
      if (s.detail.id === id) {
        void s.reloadDetail();
        scheduleMessages();
      }
    }),
  ];
  return () => {
    if (timer !== null) clearTimeout(timer);
    stops.forEach((stop) => stop());
  };
}
