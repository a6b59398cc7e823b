/**
 * Cache of main's schedules (local and provider-side, one list). `schedulesChanged` reloads the list;
 * actions return result envelopes so the screen can show main's sentence next to the control used.
 */
import { create } from 'zustand';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import type { ProviderScheduleDetail, ScheduleRunView, ScheduleView } from '../../../shared/schedules.ts';
import type { MethodInput } from '../../../shared/api.ts';
import type { CampaignDraftInput, CampaignPreview } from '../../../shared/campaigns.ts';
import { getApi, onEvent } from '../api.ts';
import { toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './load-status.ts';

interface SchedulesState {
  schedules: ScheduleView[];
  status: LoadStatus;
  error: AppErrorShape | null;
  /** Ids with an action in flight (buttons show a spinner). */
  busy: Record<string, boolean>;

  load: () => Promise<void>;
  create: (input: MethodInput<'scheduleCreate'>) => Promise<Result<ScheduleView>>;
  update: (input: MethodInput<'scheduleUpdate'>) => Promise<Result<ScheduleView>>;
  pause: (id: string) => Promise<Result<ScheduleView>>;
  resume: (id: string) => Promise<Result<ScheduleView>>;
  remove: (id: string) => Promise<Result<{ providerStillHolds: boolean }>>;
  providerDetail: (id: string) => Promise<Result<ProviderScheduleDetail>>;
  runs: (id: string) => Promise<Result<ScheduleRunView[]>>;
  /** The pre-send summary of a schedule's draft (Compose's review, from main's preview). */
  preview: (draft: CampaignDraftInput) => Promise<Result<CampaignPreview>>;
  /** A local schedule's one run now, by hand. */
  runNow: (id: string) => Promise<Result<ScheduleRunView>>;
}

async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: toErrorShape(err) };
  }
}

function upsert(list: ScheduleView[], s: ScheduleView): ScheduleView[] {
  const at = list.findIndex((x) => x.id === s.id);
  if (at === -1) return [s, ...list];
  const next = list.slice();
  next[at] = s;
  return next;
}

let loadSeq = 0;

export const useSchedulesStore = create<SchedulesState>()((set, get) => {
  const withBusy = async <T>(id: string, fn: () => Promise<T>): Promise<Result<T>> => {
    set((s) => ({ busy: { ...s.busy, [id]: true } }));
    const r = await attempt(fn);
    set((s) => {
      const busy = { ...s.busy };
      delete busy[id];
      return { busy };
    });
    return r;
  };
  const keep = (r: Result<ScheduleView>) => {
    if (r.ok) set((s) => ({ schedules: upsert(s.schedules, r.value) }));
    return r;
  };

  return {
    schedules: [],
    status: 'idle',
    error: null,
    busy: {},

    load: async () => {
      const seq = ++loadSeq;
      if (get().status !== 'ready') set({ status: 'loading' });
      try {
        const schedules = await getApi().schedulesList();
        if (seq === loadSeq) set({ schedules, status: 'ready', error: null });
      } catch (err) {
        if (seq === loadSeq) set({ status: 'error', error: toErrorShape(err) });
      }
    },
    create: async (input) => keep(await withBusy('new', () => getApi().scheduleCreate(input))),
    update: async (input) => keep(await withBusy(input.id, () => getApi().scheduleUpdate(input))),
    pause: async (id) => keep(await withBusy(id, () => getApi().schedulePause({ id }))),
    resume: async (id) => keep(await withBusy(id, () => getApi().scheduleResume({ id }))),
    remove: async (id) => {
      const r = await withBusy(id, () => getApi().scheduleDelete({ id }));
      if (r.ok) set((s) => ({ schedules: s.schedules.filter((x) => x.id !== id) }));
      else void get().load();
      return r;
    },
    providerDetail: (id) => attempt(() => getApi().scheduleProviderDetail({ id })),
    runs: (id) => attempt(() => getApi().scheduleRuns({ id })),
    preview: (draft) => attempt(() => getApi().campaignPreview(draft)),
    runNow: async (id) => {
      const r = await withBusy(id, () => getApi().scheduleRunNow({ id }));
      void get().load();
      return r;
    },
  };
});

/** Reloads on `schedulesChanged`; returns the function that stops listening. */
export function connectSchedulesUpdates(): () => void {
  return onEvent('schedulesChanged', () => void useSchedulesStore.getState().load());
}
