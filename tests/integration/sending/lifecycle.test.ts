/**
 * Issue 16, item 2: a campaign is "handed over" when nothing is left to send, and "finished" (done)
 * only when every message is final — or when its provider's report window has passed, after which what
 * never got a report is "no report". The finished notice comes then, with the final counts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import type { NotifyEvent } from '../../../src/shared/notifications.ts';
import type { ReceiverStatus } from '../../../src/shared/monitoring.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { call, cnMobiles, waitForCampaign } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
let sim: EimsSim;
let clock: ManualClock;
let accountId: string;
const HOUR = 3_600_000;

beforeEach(async () => {
  tmp = makeTempDir('sms-lifecycle-');
  sim = await startEimsSim({ balance: 1e9 });
  // Real time passes for the sending; the clock is moved by hand to close report windows.
  clock = new ManualClock(Date.now());
  const real = setInterval(() => clock.advance(20), 20);
  closers.push(() => clearInterval(real));
  tc = makeTestCore(tmp.dir, {
    clock,
    dispatch: { progressEveryMs: 20, finishCheckEveryMs: 60_000 },
    monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false, changesEveryMs: 20 },
  });
  await tc.core.start();
  accountId = (
    await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
      secrets: { password: 'demo-password' },
    })
  ).id;
  sim.state.pushUrl = (await call<ReceiverStatus>(tc.core, 'receiverStatus')).urls.find((u) => u.accountId === accountId)!.url;
});
const closers: (() => void)[] = [];
afterEach(async () => {
  closers.splice(0).forEach((c) => c());
  await tc.core.stop();
  await sim.close();
  tmp.cleanup();
});

const notices = () => tc.events.filter((e) => e.name === 'notify').map((e) => e.payload as NotifyEvent);

async function send(count: number): Promise<CampaignView> {
  const c = await call<CampaignView>(tc.core, 'campaignCreate', {
    name: 'Lifecycle',
    accountId,
    content: { mode: 'text', body: 'Hello' },
    recipients: { listIds: [], pasted: cnMobiles(count).join('\n') },
    confirmed: true,
  });
  return waitForCampaign(tc.core, c.id, { until: (v) => v.state === 'handed' });
}

describe('campaign lifecycle', () => {
  it('is handed over when all is sent, and finished when the last report is in, with the final counts in the notice', async () => {
    const handed = await send(30);
    expect(handed.counts.submitted).toBe(30);
    expect(handed.handedAt).not.toBeNull();
    expect(handed.reportsUntil).toBe(handed.handedAt! + 72 * HOUR);
    expect(notices().filter((n) => n.kind === 'campaign-finished')).toEqual([]);

    // The platform: 27 delivered, 1 failed, 2 timed out. Reports for all but the last three first.
    const ids = [...sim.state.messages.keys()];
    sim.deliverAll(3);
    sim.setReport(ids[0]!, 0, 2);
    sim.setReport(ids[1]!, 0, 4);
    sim.setReport(ids[2]!, 0, 4);
    await sim.pushReports(ids.slice(3));
    await new Promise((r) => setTimeout(r, 200));
    expect((await call<CampaignView>(tc.core, 'campaignGet', { id: handed.id })).state).toBe('handed');
    await sim.pushReports(ids.slice(0, 3));
    const done = await waitForCampaign(tc.core, handed.id, { until: (v) => v.state === 'done' });
    expect(done.counts).toMatchObject({ delivered: 27, failed: 1, expired: 2, submitted: 0, sent: 0 });
    await new Promise((r) => setTimeout(r, 50));
    expect(notices().filter((n) => n.kind === 'campaign-finished').map((n) => n.body)).toEqual(['27 delivered, 1 failed, 2 expired.']);
  });

  it('is finished when the report window closes, what never got a report counted as such', async () => {
    await call(tc.core, 'settingsUpdate', { reportWindowHours: { eims: 2, jsms: 72, gsmbox: 72 } });
    const handed = await send(10);
    const ids = [...sim.state.messages.keys()];
    sim.deliverAll(3);
    await sim.pushReports(ids.slice(0, 6));
    await new Promise((r) => setTimeout(r, 200));
    expect((await call<CampaignView>(tc.core, 'campaignGet', { id: handed.id })).state).toBe('handed');
    clock.advance(2 * HOUR + 60_000);
    const done = await waitForCampaign(tc.core, handed.id, { until: (v) => v.state === 'done' });
    expect(done.counts).toMatchObject({ delivered: 6, submitted: 4 });
    await new Promise((r) => setTimeout(r, 50));
    expect(notices().filter((n) => n.kind === 'campaign-finished').map((n) => n.body)).toEqual(['6 delivered, 4 with no report.']);
  });
});
