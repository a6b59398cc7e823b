/**
 * When the message being composed goes out: now (a campaign at once), at a time, or on a repeat —
 * the last two create a schedule with the same model as the Schedules screen (the compose draft plus
 * "when"). Kept apart from the compose form so the draft stays the same whatever its timing.
 */
import { create } from 'zustand';
import type { ProviderKind } from '../../../shared/accounts.ts';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import type { ScheduleView } from '../../../shared/schedules.ts';
import { i18next } from '../i18n/index.ts';
import { translateFields, type ComposeForm } from '../screens/compose/compose-model.ts';
import { emptyScheduleForm, toCreateInput, type ScheduleForm } from '../screens/schedules/schedule-form-model.ts';
import { useSchedulesStore } from './schedules.ts';

export type ComposeTiming = 'now' | 'at' | 'repeat';

interface ComposeTimingState {
  timing: ComposeTiming;
  /** The "when" part of a schedule form (its message part is the compose form). */
  when: ScheduleForm;
  busy: boolean;
  error: AppErrorShape | null;
  fieldErrors: Record<string, string>;
  setTiming: (timing: ComposeTiming) => void;
  patch: (next: Partial<ScheduleForm>) => void;
  /** Creates the schedule for the reviewed draft. */
  schedule: (message: ComposeForm, kind: ProviderKind | undefined) => Promise<Result<ScheduleView>>;
  reset: () => void;
}

const fresh = () => emptyScheduleForm(Date.now());

export const useComposeTimingStore = create<ComposeTimingState>()((set, get) => ({
  timing: 'now',
  when: fresh(),
  busy: false,
  error: null,
  fieldErrors: {},
  setTiming: (timing) =>
    set((s) => {
      const repeat = timing === 'at' ? 'once' : timing === 'repeat' && s.when.repeat === 'once' ? 'daily' : s.when.repeat;
      const mode = timing === 'repeat' && s.when.mode !== 'local' ? 'local' : s.when.mode;
      return { timing, when: { ...s.when, repeat, mode }, error: null, fieldErrors: {} };
    }),
  patch: (next) => set((s) => ({ when: { ...s.when, ...next }, fieldErrors: {} })),
  schedule: async (message, kind) => {
    set({ busy: true, error: null, fieldErrors: {} });
    const r = await useSchedulesStore.getState().create(toCreateInput({ ...get().when, message }, kind));
    if (r.ok) set({ busy: false, timing: 'now', when: fresh() });
    else set({ busy: false, error: r.error, fieldErrors: translateFields(r.error.fields, i18next) });
    return r;
  },
  reset: () => set({ timing: 'now', when: fresh(), busy: false, error: null, fieldErrors: {} }),
}));
