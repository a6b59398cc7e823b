import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import { nextRun } from '../../../shared/recurrence.ts';
import type { LocalScheduleInput, ScheduleView } from '../../../shared/schedules.ts';
import type { CoreContext } from '../context.ts';
import type { ScheduleContext } from './schedule-context.ts';
import type { ScheduleRow } from './schedules-repository.ts';

/** Local schedules: create, edit, pause, resume. The scheduler fires them (scheduler.ts). */
export function createLocalSchedules(ctx: CoreContext, sc: ScheduleContext, onChange: (id: string, reason: 'created' | 'updated') => void) {
  const { repo } = sc;

  function firstRun(input: LocalScheduleInput, runCount: number): number {
    const now = ctx.clock.now();
    const next = nextRun(input.when, now, runCount);
    if (next === null) {
      const once = input.when.repeat.kind === 'once';
      throw new AppError(
        'SCHEDULE_NO_RUN',
        once
          ? 'This time has already passed. Pick a time in the future.'
          : 'This schedule would never run: its end date or run count is already reached. Change the end date or the number of runs.',
        { fields: once ? { 'when.repeat.at': 'Pick a time in the future.' } : { 'when.endDate': 'Pick a later end date.' } },
      );
    }
    return next;
  }

  function check(input: LocalScheduleInput) {
    const a = sc.account(input.draft.accountId);
    sc.checkContent(a.kind, input.draft);
    if (input.draft.ports && a.kind !== 'gsmbox') throw new AppError('CAMPAIGN_NO_PORTS', 'Only a GSM box has ports to choose.', { fields: { 'draft.ports': 'Leave empty.' } });
    return a;
  }

  return {
    create(input: LocalScheduleInput): ScheduleView {
      const a = check(input);
      const now = ctx.clock.now();
      const row: ScheduleRow = {
        id: randomUUID(),
        kind: 'local',
        name: input.draft.name,
        accountId: a.id,
        provider: a.kind,
        state: 'active',
        draft: input.draft,
        when: input.when,
        zone: input.when.zone,
        missedPolicy: input.missedPolicy,
        nextDueAt: firstRun(input, 0),
        runCount: 0,
        lastError: null,
        data: {},
        createdAt: now,
        updatedAt: now,
      };
      repo.insert(row);
      onChange(row.id, 'created');
      return sc.view(row);
    },

    /** New draft, time and policy; runs already made still count toward a run limit. */
    update(id: string, input: LocalScheduleInput): ScheduleView {
      const s = sc.require(id);
      if (s.kind !== 'local') throw new AppError('SCHEDULE_WRONG_KIND', 'This is a provider-side schedule. Change it with its own form.');
      const a = check(input);
      const next = firstRun(input, s.runCount);
      const row: ScheduleRow = {
        ...s,
        name: input.draft.name,
        accountId: a.id,
        provider: a.kind,
        draft: input.draft,
        when: input.when,
        zone: input.when.zone,
        missedPolicy: input.missedPolicy,
        nextDueAt: next,
        state: s.state === 'paused' ? 'paused' : 'active',
        lastError: null,
        updatedAt: ctx.clock.now(),
      };
      repo.save(row);
      onChange(id, 'updated');
      return sc.view(row);
    },

    pause(id: string): ScheduleView {
      const s = sc.require(id);
      if (s.kind !== 'local') throw new AppError('SCHEDULE_NO_PAUSE', 'The provider holds this schedule and cannot pause it. Delete it, or change its time.');
      if (s.state === 'active') {
        repo.save({ ...s, state: 'paused', updatedAt: ctx.clock.now() });
        onChange(id, 'updated');
      }
      return sc.view(sc.require(id));
    },

    /** Runs that fell due while paused do not fire: the next run is computed from now. */
    resume(id: string): ScheduleView {
      const s = sc.require(id);
      if (s.kind !== 'local') throw new AppError('SCHEDULE_NO_PAUSE', 'The provider holds this schedule and cannot pause it. Delete it, or change its time.');
      if (s.state !== 'paused') return sc.view(s);
      const next = s.when ? nextRun(s.when, ctx.clock.now(), s.runCount) : null;
      if (next === null) throw new AppError('SCHEDULE_NO_RUN', 'This schedule has no run left (its time, end date or run count has passed). Edit it to set a new time.');
      repo.save({ ...s, state: 'active', nextDueAt: next, updatedAt: ctx.clock.now() });
      onChange(id, 'updated');
      return sc.view(sc.require(id));
    },
  };
}

export type LocalSchedules = ReturnType<typeof createLocalSchedules>;
