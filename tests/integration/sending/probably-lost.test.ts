/**
 * Issue 16, item 9(c): with reports coming in, an `unknown` request that got no report while later
 * requests did is shown as "probably never received"; the user may send those again (never the app on
 * its own), and they reach the platform once — they had never arrived.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView, MessageEventView, MessagePage } from '../../../src/shared/campaigns.ts';
import type { ReceiverStatus } from '../../../src/shared/monitoring.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { countByNumber } from '../../sim/http-kit.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { call, cnMobiles, handedOver, waitForCampaign } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
let sim: EimsSim;
let clock: ManualClock;
let real: ReturnType<typeof setInterval>;

beforeEach(async () => {
  tmp = makeTempDir('sms-lost-');
  sim = await startEimsSim({ balance: 1e9 });
  clock = new ManualClock(Date.now());
  real = setInterval(() => clock.advance(20), 20);
  tc = makeTestCore(tmp.dir, {
    clock,
    dispatch: { eimsBatchSize: 100, concurrency: 1, timeoutMs: 2_000, finishCheckEveryMs: 60_000, probablyLostAfterMs: 10 * 60_000, progressEveryMs: 20 },
    monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false, changesEveryMs: 20 },
  });
  await tc.core.start();
});
afterEach(async () => {
  clearInterval(real);
  await tc.core.stop();
  await sim.close();
  tmp.cleanup();
});

describe('probably never received', () => {
  it('is shown when later requests got reports and this one none, and sending them again reaches the platform once', async () => {
    const { id: accountId } = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
      secrets: { password: 'demo-password' },
    });
    sim.state.pushUrl = (await call<ReceiverStatus>(tc.core, 'receiverStatus')).urls.find((u) => u.accountId === accountId)!.url;
    const numbers = cnMobiles(500);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', { name: 'Lost', accountId, content: { mode: 'text', body: 'Hi' }, recipients: { listIds: [], pasted: numbers.join('\n') }, confirmed: true });
    // A request in the middle fails with an HTTP 500 the platform sent before taking anything: unknown to the app.
    while (sim.state.accepted.length < 200) await new Promise((r) => setTimeout(r, 2));
    sim.faults.force('error500');
    const handed = await waitForCampaign(tc.core, c.id, { until: handedOver });
    expect(handed.counts.unknown).toBeGreaterThan(0);
    const lost = handed.counts.unknown;
    expect(handed.probablyLost).toBe(0);

    // Reports come for everything the platform has; ten minutes pass.
    sim.deliverAll(3);
    await sim.pushReports();
    await new Promise((r) => setTimeout(r, 100));
    expect((await call<CampaignView>(tc.core, 'campaignGet', { id: c.id })).probablyLost).toBe(0);
    clock.advance(11 * 60_000);
    const marked = await waitForCampaign(tc.core, c.id, { until: (v) => v.probablyLost > 0 });
    expect(marked.probablyLost).toBe(lost);
    const page = await call<MessagePage>(tc.core, 'campaignMessages', { id: c.id, states: ['unknown'], limit: 1000 });
    expect(page.rows.every((m) => m.errorCode === 'PROBABLY_NOT_RECEIVED')).toBe(true);
    const history = await call<MessageEventView[]>(tc.core, 'messageHistory', { messageId: page.rows[0]!.id });
    expect(history.at(-1)!.detail).toMatch(/probably never received/);
    // The app sends nothing again by itself.
    expect(sim.state.accepted).toHaveLength(500 - lost);

    const again = await call<CampaignView>(tc.core, 'campaignRetry', { id: c.id, states: ['unknown'], probablyLostOnly: true });
    expect(again.total).toBe(lost);
    await waitForCampaign(tc.core, again.id, { until: handedOver });
    const sent = countByNumber(sim.state.accepted);
    expect(sent.size).toBe(500);
    expect([...sent.values()].every((n) => n === 1)).toBe(true);
  });
});
