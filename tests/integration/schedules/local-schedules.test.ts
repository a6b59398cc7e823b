/**
 * Local schedules through the contract with a controllable clock: recurrences over DST changes, month
 * ends and leap days fire the right campaigns; missed runs after downtime follow the policy; a crash
 * while firing never sends twice. Campaigns really send to the EIMS simulator.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import type { ScheduleRunView, ScheduleView } from '../../../src/shared/schedules.ts';
import { formatLocalDateTime, instantOf, parseLocalDateTime } from '../../../src/shared/zoned-time.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { call, cnMobiles, waitForCampaign, handedOver } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import type { CoreOptions } from '../../../src/main/core/create-core.ts';
import { MemorySecretStore } from '../../../src/main/core/ports.ts';

const at = (local: string, zone: string) => instantOf(parseLocalDateTime(local), zone);

let tmp: ReturnType<typeof makeTempDir>;
let sim: EimsSim;
let clock: ManualClock;
let tc: TestCore | null = null;
let accountId: string;
/** Kept across restarts, like the OS keychain. */
let secrets: MemorySecretStore;

async function open(extra: Partial<CoreOptions> = {}): Promise<TestCore> {
  tc = makeTestCore(tmp.dir, { clock, secrets, ...extra });
  await tc.core.start();
  // Runs missed while closed fire at start, asynchronously (composing, then writing in steps).
  await tc.core.scheduler.idle();
  return tc;
}
/** Moves the clock, letting each firing finish before looking for the next due time. */
const advance = (target: number) => clock.advanceToAsync(target, () => tc!.core.scheduler.idle());
async function close() {
  await tc?.core.stop();
  tc = null;
}

beforeEach(async () => {
  tmp = makeTempDir();
  secrets = new MemorySecretStore();
  sim = await startEimsSim({ balance: 1_000_000 });
  clock = new ManualClock(at('2026-03-27T12:00', 'Europe/Berlin'));
  const t = await open();
  const v = await call<{ id: string }>(t.core, 'accountsCreate', {
    config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
    secrets: { password: 'demo-password' },
  });
  accountId = v.id;
});
afterEach(async () => {
  await close();
  await sim.close();
  tmp.cleanup();
});

const draft = (numbers: string[], name = 'Morning note') => ({
  name,
  accountId,
  content: { mode: 'text', body: 'Good morning' },
  recipients: { listIds: [], pasted: numbers.join('\n') },
});

async function createLocal(when: Record<string, unknown>, missedPolicy: 'run-once' | 'skip' = 'run-once', numbers = cnMobiles(3)): Promise<ScheduleView> {
  return call<ScheduleView>(tc!.core, 'scheduleCreate', { kind: 'local', draft: draft(numbers), when, missedPolicy });
}
const runs = (id: string) => call<ScheduleRunView[]>(tc!.core, 'scheduleRuns', { id });
const campaigns = () => call<CampaignView[]>(tc!.core, 'campaignsList');

describe('recurrences fire on the right instants', () => {
  it('daily 02:30 Berlin fires once on the spring-forward day, at 03:00 CEST', async () => {
    const s = await createLocal({ zone: 'Europe/Berlin', repeat: { kind: 'daily', time: '02:30' } });
    expect(s.nextRunAt).toBe(at('2026-03-28T02:30', 'Europe/Berlin'));
    await advance(at('2026-03-31T12:00', 'Europe/Berlin'));
    const r = (await runs(s.id)).reverse();
    expect(r.map((x) => formatLocalDateTime(x.dueAt, 'Europe/Berlin'))).toEqual(['2026-03-28T02:30', '2026-03-29T03:00', '2026-03-30T02:30', '2026-03-31T02:30']);
    expect(r.every((x) => x.outcome === 'created' && x.campaignId !== null)).toBe(true);
    expect(new Date(r[1]!.dueAt).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(await campaigns()).toHaveLength(4);
    const view = await call<ScheduleView>(tc!.core, 'scheduleGet', { id: s.id });
    expect(view.runCount).toBe(4);
    expect(view.nextRunAt).toBe(at('2026-04-01T02:30', 'Europe/Berlin'));
    expect(view.lastRun?.dueAt).toBe(at('2026-03-31T02:30', 'Europe/Berlin'));
  });

  it('daily 01:30 New York does not double on the fall-back day', async () => {
    clock.jumpTo(at('2026-10-30T12:00', 'America/New_York'));
    await close();
    await open();
    const s = await createLocal({ zone: 'America/New_York', repeat: { kind: 'daily', time: '01:30' } });
    await advance(at('2026-11-02T12:00', 'America/New_York'));
    const r = (await runs(s.id)).reverse();
    expect(r.map((x) => new Date(x.dueAt).toISOString())).toEqual(['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('monthly on the 31st runs on Feb 29 in 2028 and on each month end, then stops at the run count', async () => {
    clock.jumpTo(at('2028-01-15T00:00', 'Asia/Shanghai'));
    await close();
    await open();
    const s = await createLocal({ zone: 'Asia/Shanghai', repeat: { kind: 'monthly', time: '10:00', day: 31 }, maxRuns: 4 });
    await advance(at('2028-07-01T00:00', 'Asia/Shanghai'));
    const r = (await runs(s.id)).reverse();
    expect(r.map((x) => formatLocalDateTime(x.dueAt, 'Asia/Shanghai'))).toEqual(['2028-01-31T10:00', '2028-02-29T10:00', '2028-03-31T10:00', '2028-04-30T10:00']);
    const view = await call<ScheduleView>(tc!.core, 'scheduleGet', { id: s.id });
    expect(view.state).toBe('done');
    expect(view.nextRunAt).toBeNull();
  });

  it('once: fires at its time and is done; a past time is refused with a plain sentence', async () => {
    await expect(createLocal({ zone: 'Europe/Berlin', repeat: { kind: 'once', at: '2026-03-27T11:00' } })).rejects.toThrow(/already passed/);
    const s = await createLocal({ zone: 'Europe/Berlin', repeat: { kind: 'once', at: '2026-03-27T18:45' } });
    await advance(at('2026-03-27T18:44', 'Europe/Berlin'));
    expect(await campaigns()).toHaveLength(0);
    await advance(at('2026-03-28T18:44', 'Europe/Berlin'));
    const list = await campaigns();
    expect(list).toHaveLength(1);
    expect(list[0]!.name).toBe('Morning note · 2026-03-27 18:45');
    expect((await call<ScheduleView>(tc!.core, 'scheduleGet', { id: s.id })).state).toBe('done');
    const done = await waitForCampaign(tc!.core, list[0]!.id, { until: handedOver });
    expect(done.counts.submitted).toBe(3);
  });

  it('pause stops firing; resume does not fire the runs that fell due while paused', async () => {
    const s = await createLocal({ zone: 'Europe/Berlin', repeat: { kind: 'every', every: 2, unit: 'hours', from: '2026-03-27T13:00' } });
    await advance(at('2026-03-27T13:30', 'Europe/Berlin'));
    expect(await runs(s.id)).toHaveLength(1);
    await call(tc!.core, 'schedulePause', { id: s.id });
    await advance(at('2026-03-27T20:30', 'Europe/Berlin'));
    expect(await runs(s.id)).toHaveLength(1);
    const resumed = await call<ScheduleView>(tc!.core, 'scheduleResume', { id: s.id });
    expect(resumed.nextRunAt).toBe(at('2026-03-27T21:00', 'Europe/Berlin'));
    await advance(at('2026-03-27T21:01', 'Europe/Berlin'));
    expect(await runs(s.id)).toHaveLength(2);
  });

  it('edit changes the time; delete removes it and its future runs', async () => {
    const s = await createLocal({ zone: 'Europe/Berlin', repeat: { kind: 'daily', time: '09:00' } });
    const edited = await call<ScheduleView>(tc!.core, 'scheduleUpdate', {
      kind: 'local',
      id: s.id,
      draft: draft(cnMobiles(2), 'Evening note'),
      when: { zone: 'Europe/Berlin', repeat: { kind: 'weekly', time: '19:00', days: [6] } },
      missedPolicy: 'skip',
    });
    expect(edited.name).toBe('Evening note');
    expect(edited.missedPolicy).toBe('skip');
    expect(edited.nextRunAt).toBe(at('2026-03-28T19:00', 'Europe/Berlin'));
    await call(tc!.core, 'scheduleDelete', { id: s.id });
    expect(await call<ScheduleView[]>(tc!.core, 'schedulesList')).toHaveLength(0);
    await advance(at('2026-03-30T00:00', 'Europe/Berlin'));
    expect(await campaigns()).toHaveLength(0);
    expect(tc!.events.filter((e) => e.name === 'schedulesChanged').map((e) => (e.payload as { reason: string }).reason)).toEqual(['created', 'updated', 'deleted']);
    const audit = await call<{ rows: { action: string; targetId: string }[] }>(tc!.core, 'auditList', { offset: 0, limit: 50 });
    expect(audit.rows.filter((r) => r.targetId === s.id).map((r) => r.action).sort()).toEqual(['schedule.create', 'schedule.delete', 'schedule.update']);
  });

  it('a fired run is in the audit log as a campaign created by the schedule', async () => {
    await createLocal({ zone: 'Europe/Berlin', repeat: { kind: 'once', at: '2026-03-27T12:05' } });
    await advance(at('2026-03-27T12:06', 'Europe/Berlin'));
    const [campaign] = await campaigns();
    const audit = await call<{ rows: { action: string; source: string; targetId: string }[] }>(tc!.core, 'auditList', { offset: 0, limit: 50 });
    expect(audit.rows.find((r) => r.targetId === campaign!.id)).toMatchObject({ action: 'campaign.create', source: 'schedule' });
  });
});

describe('runs missed while the app was not running', () => {
  it('run-once: one campaign at start for three missed days, then back on time', async () => {
    const s = await createLocal({ zone: 'America/New_York', repeat: { kind: 'daily', time: '09:00' } }, 'run-once');
    await close();
    clock.jumpTo(at('2026-03-30T15:00', 'America/New_York')); // 27 (Berlin noon = NY 07:00) … 30: 27, 28, 29, 30 at 09:00 missed
    await open();
    const r = await runs(s.id);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ outcome: 'created', dueAt: at('2026-03-30T09:00', 'America/New_York') });
    expect(r[0]!.detail).toMatch(/4 runs were missed .* sent once/);
    expect(await campaigns()).toHaveLength(1);
    const view = await call<ScheduleView>(tc!.core, 'scheduleGet', { id: s.id });
    expect(view.nextRunAt).toBe(at('2026-03-31T09:00', 'America/New_York'));
    expect(view.lastRun?.detail).toMatch(/missed/);
    await advance(at('2026-03-31T09:01', 'America/New_York'));
    expect(await runs(s.id)).toHaveLength(2);
  });

  it('skip: nothing is sent for the missed runs, the skip is recorded, the next run is on time', async () => {
    const s = await createLocal({ zone: 'America/New_York', repeat: { kind: 'daily', time: '09:00' } }, 'skip');
    await close();
    clock.jumpTo(at('2026-03-30T15:00', 'America/New_York'));
    await open();
    const r = await runs(s.id);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ outcome: 'skipped', campaignId: null });
    expect(r[0]!.detail).toMatch(/skipped/);
    expect(await campaigns()).toHaveLength(0);
    const view = await call<ScheduleView>(tc!.core, 'scheduleGet', { id: s.id });
    expect(view.nextRunAt).toBe(at('2026-03-31T09:00', 'America/New_York'));
    expect(view.runCount).toBe(0);
  });

  it('a one-off missed while closed runs once at start (run-once) or is skipped and done (skip)', async () => {
    const a = await createLocal({ zone: 'Europe/Berlin', repeat: { kind: 'once', at: '2026-03-27T20:00' } }, 'run-once');
    const b = await createLocal({ zone: 'Europe/Berlin', repeat: { kind: 'once', at: '2026-03-27T20:00' } }, 'skip');
    await close();
    clock.jumpTo(at('2026-03-28T08:00', 'Europe/Berlin'));
    await open();
    expect(await campaigns()).toHaveLength(1);
    expect((await runs(a.id))[0]!.outcome).toBe('created');
    expect((await runs(b.id))[0]!.outcome).toBe('skipped');
    for (const id of [a.id, b.id]) expect((await call<ScheduleView>(tc!.core, 'scheduleGet', { id })).state).toBe('done');
  });
});

describe('a crash while firing', () => {
  it('rolls back the campaign with the run: after a restart it fires exactly once, every number sent once', async () => {
    const numbers = cnMobiles(40);
    await close();
    let crashes = 0;
    await open({
      schedules: {
        afterCampaignWritten: () => {
          crashes += 1;
          throw new Error('simulated crash between writing the campaign and recording the run');
        },
      },
    });
    const s = await createLocal({ zone: 'Europe/Berlin', repeat: { kind: 'once', at: '2026-03-27T12:30' } }, 'run-once', numbers);
    await advance(at('2026-03-27T12:30', 'Europe/Berlin') + 1000);
    expect(crashes).toBe(1);
    expect(await campaigns()).toHaveLength(0);
    expect(await runs(s.id)).toHaveLength(0);
    expect(sim.state.accepted).toHaveLength(0);
    await close();
    await open();
    const list = await campaigns();
    expect(list).toHaveLength(1);
    const done = await waitForCampaign(tc!.core, list[0]!.id, { until: handedOver });
    expect(done.counts.submitted).toBe(40);
    // Reopen again: the recorded run is never fired a second time.
    await close();
    await open();
    await advance(at('2026-03-29T00:00', 'Europe/Berlin'));
    expect(await campaigns()).toHaveLength(1);
    expect(await runs(s.id)).toHaveLength(1);
    expect(sim.state.accepted).toHaveLength(40);
    expect(new Set(sim.state.accepted.map((x) => x.number)).size).toBe(40);
  });

  it('a run that cannot become a campaign is recorded as failed and the schedule goes on', async () => {
    const s = await createLocal({ zone: 'Europe/Berlin', repeat: { kind: 'daily', time: '13:00' } }, 'run-once', ['13800000001']);
    await call(tc!.core, 'optOutsAdd', { numbers: ['13800000001'] });
    await advance(at('2026-03-27T13:01', 'Europe/Berlin'));
    const r = await runs(s.id);
    expect(r[0]).toMatchObject({ outcome: 'failed', campaignId: null });
    expect(r[0]!.detail).toMatch(/Nobody is left/);
    const view = await call<ScheduleView>(tc!.core, 'scheduleGet', { id: s.id });
    expect(view.lastError?.code).toBe('CAMPAIGN_NO_RECIPIENTS');
    expect(view.state).toBe('active');
    expect(view.nextRunAt).toBe(at('2026-03-28T13:00', 'Europe/Berlin'));
  });
});
