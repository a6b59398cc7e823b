/**
 * Issue 16, item 9(b): one fault puts few numbers in doubt. EIMS batches are 500 numbers; after a
 * request whose reply is lost, the account's next batches are 100 and double back with each answered
 * request. One lost reply in the middle of a 10,000-number campaign leaves at most 500 unknown, and no
 * number reaches the platform twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { countByNumber } from '../../sim/http-kit.ts';
import { call, cnMobiles, handedOver, waitForCampaign } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
let sim: EimsSim;

beforeEach(async () => {
  tmp = makeTempDir('sms-doubt-');
  sim = await startEimsSim({ balance: 1e9 });
  tc = makeTestCore(tmp.dir, { dispatch: { timeoutMs: 2_000, progressEveryMs: 20 } });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  await sim.close();
  tmp.cleanup();
});

describe('doubt stays small', () => {
  it.each(['drop-after', 'error500'] as const)('one %s in the middle of 10,000 numbers: ≤ 500 unknown, nothing twice, then smaller batches', async (fault) => {
    const { id: accountId } = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
      secrets: { password: 'demo-password' },
    });
    const numbers = cnMobiles(10_000);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', { name: 'Big', accountId, content: { mode: 'text', body: 'Hello' }, recipients: { listIds: [], pasted: numbers.join('\n') }, confirmed: true });
    // Halfway through, the next request's reply is lost.
    while (sim.state.accepted.length < 5_000) await new Promise((r) => setTimeout(r, 2));
    const before = sim.state.sendSizes.length;
    sim.faults.force(fault);
    const done = await waitForCampaign(tc.core, c.id, { until: handedOver, timeoutMs: 60_000 });

    expect(done.counts.unknown).toBeGreaterThan(0);
    expect(done.counts.unknown).toBeLessThanOrEqual(500);
    expect(done.counts.submitted + done.counts.unknown).toBe(10_000);
    const sent = countByNumber(sim.state.accepted);
    expect([...sent.values()].every((n) => n === 1)).toBe(true);
    // Every number the app calls submitted reached the platform.
    expect(sent.size).toBeGreaterThanOrEqual(done.counts.submitted);
    // Batches of 500 before the fault; right after it (the one other request in flight aside) 100,
    // growing back to 500.
    expect(sim.state.sendSizes.slice(0, before).every((n) => n === 500)).toBe(true);
    const after = sim.state.sendSizes.slice(before + (fault === 'drop-after' ? 1 : 0));
    expect(after.slice(0, 2).some((n) => n <= 100)).toBe(true);
    expect(after.slice(2)).toContain(500);
  });
});
