/** Cache of the saved compose drafts (Campaigns → Drafts); `draftsChanged` reloads it. */
import { create } from 'zustand';
import type { DraftDetail, DraftView } from '../../../shared/drafts.ts';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import { getApi } from '../api.ts';
import { attempt, toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './load-status.ts';

interface DraftsState {
  drafts: DraftView[];
  status: LoadStatus;
  error: AppErrorShape | null;
  load: () => Promise<void>;
  get: (id: string) => Promise<Result<DraftDetail>>;
  remove: (id: string) => Promise<Result<{ id: string }>>;
}

let seq = 0;

export const useDraftsStore = create<DraftsState>()((set, get) => ({
  drafts: [],
  status: 'idle',
  error: null,
  load: async () => {
    const mine = ++seq;
    set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading' }));
    try {
      const drafts = await getApi().draftsList();
      if (mine === seq) set({ drafts, status: 'ready', error: null });
    } catch (err) {
      if (mine === seq) set({ status: 'error', error: toErrorShape(err) });
    }
  },
  get: (id) => attempt(() => getApi().draftGet({ id })),
  remove: async (id) => {
    const r = await attempt(() => getApi().draftDelete({ id }));
    await get().load();
    return r;
  },
}));

export function connectDraftsUpdates(): () => void {
  return getApi().on('draftsChanged', () => void useDraftsStore.getState().load());
}
