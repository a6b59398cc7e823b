/**
 * The replies counted on the campaign being looked at (issue 19): counts, opt-outs, reply rate and the
 * newest replies, refreshed when inbound SMS arrive while its page is open.
 */
import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors.ts';
import type { CampaignRepliesPage } from '../../../shared/monitoring.ts';
import { getApi } from '../api.ts';
import { toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './load-status.ts';

export const REPLIES_PAGE = 20;

interface CampaignRepliesState {
  campaignId: string | null;
  page: CampaignRepliesPage | null;
  status: LoadStatus;
  error: AppErrorShape | null;
  load: (campaignId: string) => Promise<void>;
  loadMore: () => Promise<void>;
}

let seq = 0;

export const useCampaignRepliesStore = create<CampaignRepliesState>()((set, get) => ({
  campaignId: null,
  page: null,
  status: 'idle',
  error: null,
  load: async (campaignId) => {
    const mine = ++seq;
    const same = get().campaignId === campaignId;
    set(same ? {} : { campaignId, page: null, status: 'loading', error: null });
    try {
      const limit = Math.max(REPLIES_PAGE, same ? (get().page?.items.length ?? 0) : 0);
      const page = await getApi().campaignReplies({ campaignId, limit });
      if (mine === seq) set({ page, status: 'ready', error: null });
    } catch (err) {
      if (mine === seq) set({ status: 'error', error: toErrorShape(err) });
    }
  },
  loadMore: async () => {
    const { campaignId, page } = get();
    if (campaignId === null || page?.nextCursor == null) return;
    const mine = seq;
    try {
      const more = await getApi().campaignReplies({ campaignId, cursor: page.nextCursor, limit: REPLIES_PAGE });
      if (mine === seq) set({ page: { ...more, items: [...page.items, ...more.items] } });
    } catch (err) {
      if (mine === seq) set({ error: toErrorShape(err) });
    }
  },
}));

/** Reloads the replies when inbound SMS arrive (coalesced). Returns the stop function. */
export function connectCampaignReplies(campaignId: string): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = getApi().on('inboundReceived', () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void useCampaignRepliesStore.getState().load(campaignId);
    }, 500);
  });
  return () => {
    if (timer !== null) clearTimeout(timer);
    stop();
  };
}
