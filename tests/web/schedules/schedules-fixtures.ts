/**
 * A fake main for the Schedules screen: the compose fake (accounts, a list) plus an in-memory schedule
 * list behind the schedule methods, validated with the shared schemas like main does.
 */
import type { Result } from '../../../src/shared/errors.ts';
import { scheduleCreateSchema, scheduleIdSchema, scheduleUpdateSchema, type ScheduleRunView, type ScheduleView } from '../../../src/shared/schedules.ts';
import { setBridgeForTests } from '../../../src/renderer/src/api.ts';
import { useSchedulesStore } from '../../../src/renderer/src/stores/schedules.ts';
import { installComposeMain } from '../compose/compose-fixtures.ts';
import type { FakeMain } from '../fake-bridge.ts';

export interface ScheduleFake {
  fake: FakeMain;
  schedules: ScheduleView[];
  /** Runs per schedule id, newest first (what `scheduleRuns` answers). */
  runs: Map<string, ScheduleRunView[]>;
  /** What the next call of a method answers with instead (an error). */
  failNext: (method: string, error: { code: string; message: string; fields?: Record<string, string> }) => void;
}

export function fakeSchedule(over: Partial<ScheduleView> & { id: string }): ScheduleView {
  return {
    kind: 'local',
    name: 'Morning note',
    accountId: 'acc-e',
    accountName: 'Wholesale',
    provider: 'eims',
    state: 'active',
    draft: { name: 'Morning note', accountId: 'acc-e', content: { mode: 'text', body: 'Good morning' }, recipients: { listIds: ['list-1'], pasted: '' }, quietHours: null },
    when: { zone: 'Europe/Berlin', repeat: { kind: 'daily', time: '09:00' }, startDate: null, endDate: null, maxRuns: null },
    missedPolicy: 'run-once',
    nextRunAt: Date.UTC(2026, 2, 30, 7, 0),
    providerTime: null,
    runCount: 0,
    lastRun: null,
    lastError: null,
    parts: [],
    recipients: null,
    job: null,
    createdAt: 1,
    updatedAt: 1,
    ...over,
  };
}

export function installSchedulesMain(language: 'en' | 'zh' = 'en'): ScheduleFake {
  const fake = installComposeMain(language);
  useSchedulesStore.setState({ schedules: [], status: 'idle', error: null, busy: {} });
  const state: ScheduleFake = { fake, schedules: [], runs: new Map(), failNext: (m, e) => fake.failNext(m, e) };
  const bridge = fake.bridge as unknown as Record<string, (input: unknown) => Promise<Result<unknown>>>;
  const wrap = (name: string, fn: (input: unknown) => unknown) => {
    const original = bridge[name]!;
    bridge[name] = async (input) => {
      const r = await original(input); // records the call and applies failNext
      if (!r.ok && r.error.code !== 'NOT_IN_FAKE') return r;
      try {
        return { ok: true, value: JSON.parse(JSON.stringify(fn(input) ?? null)) as unknown };
      } catch (err) {
        return { ok: false, error: err as { code: string; message: string } };
      }
    };
  };
  let next = 1;
  const find = (id: string) => {
    const s = state.schedules.find((x) => x.id === id);
    if (!s) throw { code: 'SCHEDULE_NOT_FOUND', message: 'This schedule no longer exists. Reload the list.' };
    return s;
  };
  wrap('schedulesList', () => state.schedules);
  wrap('scheduleRuns', (input) => state.runs.get(find(scheduleIdSchema.parse(input).id).id) ?? []);
  wrap('scheduleCreate', (input) => {
    const i = scheduleCreateSchema.parse(input);
    const draft = i.kind === 'eims' ? i.eims.draft : i.draft;
    const s = fakeSchedule({
      id: `sch-${next++}`,
      kind: i.kind === 'eims' ? (i.eims.mode === 'timed' ? 'eims-timed' : 'eims-job') : i.kind,
      name: draft.name,
      accountId: draft.accountId,
      draft,
      when: i.kind === 'local' ? i.when : null,
      missedPolicy: i.kind === 'local' ? i.missedPolicy : 'skip',
    });
    state.schedules = [s, ...state.schedules];
    return s;
  });
  wrap('scheduleUpdate', (input) => {
    const i = scheduleUpdateSchema.parse(input);
    const s = { ...find(i.id), name: i.draft.name, draft: i.draft, ...(i.kind === 'local' ? { when: i.when, missedPolicy: i.missedPolicy } : {}) };
    state.schedules = state.schedules.map((x) => (x.id === s.id ? s : x));
    return s;
  });
  wrap('schedulePause', (input) => {
    const s = { ...find(scheduleIdSchema.parse(input).id), state: 'paused' as const };
    state.schedules = state.schedules.map((x) => (x.id === s.id ? s : x));
    return s;
  });
  wrap('scheduleResume', (input) => {
    const s = { ...find(scheduleIdSchema.parse(input).id), state: 'active' as const };
    state.schedules = state.schedules.map((x) => (x.id === s.id ? s : x));
    return s;
  });
  wrap('scheduleDelete', (input) => {
    const s = find(scheduleIdSchema.parse(input).id);
    state.schedules = state.schedules.filter((x) => x.id !== s.id);
    return { providerStillHolds: s.kind === 'eims-timed' || s.kind === 'eims-job' };
  });
  wrap('scheduleRunNow', (input) => {
    const s = find(scheduleIdSchema.parse(input).id);
    const run: ScheduleRunView = { dueAt: Date.UTC(2026, 2, 30, 10, 5), firedAt: Date.UTC(2026, 2, 30, 10, 5), outcome: 'created', campaignId: 'cmp-now', detail: 'Run now by hand; the next run stays as scheduled.' };
    state.runs.set(s.id, [run, ...(state.runs.get(s.id) ?? [])]);
    const next = { ...s, lastRun: run };
    state.schedules = state.schedules.map((x) => (x.id === s.id ? next : x));
    return run;
  });
  wrap('scheduleProviderDetail', (input) => {
    const s = find(scheduleIdSchema.parse(input).id);
    return {
      id: s.id,
      parts: s.parts.map((p, i) => ({
        providerId: p.providerId,
        sendTime: s.providerTime?.wall ?? '',
        sendAt: s.nextRunAt,
        tempId: 2,
        recipients: [{ msgId: `2748871159${i}0`, mobile: '13800000001', params: { name: 'Li' } }],
      })),
    };
  });
  // The api binds the bridge's methods when installed: install it again with the schedule methods.
  setBridgeForTests(fake.bridge);
  return state;
}
