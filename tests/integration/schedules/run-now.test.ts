/**
 * "Run now" on a local schedule: one run by hand through the real EIMS simulator, recorded in the
 * schedule's run history, while the schedule's own next run and run count stay as they were.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import type { ScheduleRunView, ScheduleView } from '../../../src/shared/schedules.ts';
import { instantOf, parseLocalDateTime } from '../../../src/shared/zoned-time.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { addEimsAccount, call, cnMobiles, handedOver, waitForCampaign } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

const ZONE = 'Asia/Shanghai';
const at = (local: string) => instantOf(parseLocalDateTime(local), ZONE);

let tmp: ReturnType<typeof makeTempDir>;
let sim: EimsSim;
let clock: ManualClock;
let tc: TestCore;
let accountId: string;

beforeEach(async () => {
  tmp = makeTempDir();
  sim = await startEimsSim({ balance: 1_000_000 });
  clock = new ManualClock(at('2026-12-06T12:00'));
  tc = makeTestCore(tmp.dir, { clock });
  await tc.core.start();
  accountId = await addEimsAccount(tc.core, sim.url);
});
afterEach(async () => {
  await tc.core.stop();
  await sim.close();
  tmp.cleanup();
});

const daily = (numbers: string[]) =>
  call<ScheduleView>(tc.core, 'scheduleCreate', {
    kind: 'local',
    draft: { name: 'Morning note', accountId, content: { mode: 'text', body: 'Good morning' }, recipients: { listIds: [], pasted: numbers.join('\n') } },
    when: { zone: ZONE, repeat: { kind: 'daily', time: '13:00' } },
  });
const runs = (id: string) => call<ScheduleRunView[]>(tc.core, 'scheduleRuns', { id });

it('sends the schedule now through the simulator, shows the run in the history, and keeps the next run', async () => {
  const numbers = cnMobiles(3);
  const s = await daily(numbers);
  expect(sim.state.accepted).toHaveLength(0);

  const run = await call<ScheduleRunView>(tc.core, 'scheduleRunNow', { id: s.id });
  expect(run).toMatchObject({ outcome: 'created', dueAt: clock.now(), firedAt: clock.now(), detail: 'Run now by hand; the next run stays as scheduled.' });
  const campaign = await waitForCampaign(tc.core, run.campaignId!, { until: handedOver });
  expect(campaign.counts.submitted + campaign.counts.sent + campaign.counts.delivered).toBe(3);
  expect(sim.state.accepted.map((a) => a.number).sort()).toEqual(numbers.map((n) => `86${n}`).sort());

  expect(await runs(s.id)).toEqual([run]);
  const view = await call<ScheduleView>(tc.core, 'scheduleGet', { id: s.id });
  expect(view).toMatchObject({ nextRunAt: at('2026-12-06T13:00'), runCount: 0, state: 'active', lastError: null });
  expect(view.lastRun).toEqual(run);

  // The schedule still fires on time: a second run, a second campaign, three more messages.
  await clock.advanceToAsync(at('2026-12-06T13:01'), () => tc.core.scheduler.idle());
  const all = await runs(s.id);
  expect(all.map((r) => r.outcome)).toEqual(['created', 'created']);
  expect(all[0]!.dueAt).toBe(at('2026-12-06T13:00'));
  await waitForCampaign(tc.core, all[0]!.campaignId!, { until: handedOver });
  expect(sim.state.accepted).toHaveLength(6);
  expect(await call<CampaignView[]>(tc.core, 'campaignsList')).toHaveLength(2);
  expect((await call<ScheduleView>(tc.core, 'scheduleGet', { id: s.id })).runCount).toBe(1);
});

it('a run now that cannot be sent says why, is recorded as failed, and sends nothing', async () => {
  const s = await daily(['13800000001']);
  await call(tc.core, 'optOutsAdd', { numbers: ['13800000001'] });
  const r = await tc.core.invoke('scheduleRunNow', { id: s.id });
  expect(r.ok).toBe(false);
  expect(!r.ok && r.error).toMatchObject({ code: 'CAMPAIGN_NO_RECIPIENTS', message: expect.stringMatching(/Nobody is left/) });
  expect(await runs(s.id)).toEqual([expect.objectContaining({ outcome: 'failed', campaignId: null, detail: expect.stringMatching(/Nobody is left/) })]);
  expect(sim.state.accepted).toHaveLength(0);
  expect(await call<CampaignView[]>(tc.core, 'campaignsList')).toHaveLength(0);
});
