/**
 * GSM box without pushes: results read back from the box's outbox by time window, 20 rows a page
 * (box-readback.ts), not one number at a time. The goal, checked against the simulator's own
 * count of calls: 500 messages final within 60 s of the last send, with at most ceil(500/20)+10
 * outbox calls, and no per-number look-up.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import type { MessageLogPage } from '../../../src/shared/monitoring.ts';
import { startGsmboxSim, type GsmboxSim } from '../../sim/gsmbox.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call, cnMobiles, waitForCampaign } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
let sim: GsmboxSim;

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, {
    dispatch: { progressEveryMs: 20, boxPaceMs: 10 },
    // The poller runs as in the app (its own timer), with a 5 s period instead of 15 s.
    monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: true, pollEveryMs: 5_000, changesEveryMs: 50 },
  });
  await tc.core.start();
  // Pushes are off on the box (its default): results can only be read back.
  sim = await startGsmboxSim({ ports: 4, busyMs: 5, reportDelayMs: 200 });
});
afterEach(async () => {
  await tc.core.stop();
  await sim.close();
  tmp.cleanup();
});

describe('GSM box read-back by time window', () => {
  it('500 messages are final within 60 s of the last send, with at most ceil(500/20)+10 outbox calls and no per-number look-up', async () => {
    const { id } = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Box', baseUrl: sim.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 0 },
      secrets: { password: 'demo-box-password' },
    });
    const numbers = cnMobiles(500, 20_000);
    const failing = numbers.filter((_, i) => i % 100 === 7);
    for (const n of failing) sim.state.failNumbers.add(n);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', {
      name: 'Read-back',
      accountId: id,
      content: { mode: 'text', body: 'Your parcel {phone} is on its way' },
      recipients: { listIds: [], pasted: numbers.join('\n') },
      confirmed: true,
    });
    await waitForCampaign(tc.core, c.id, { until: (v) => v.counts.queued === 0 && v.counts.submitting === 0, timeoutMs: 30_000 });
    expect(sim.state.accepted).toHaveLength(500);
    const lastSend = Math.max(...sim.state.accepted.map((a) => a.at));

    const final = await waitForCampaign(tc.core, c.id, {
      until: (v) => v.counts.delivered + v.counts.failed === 500,
      timeoutMs: 70_000,
    });
    const finalAt = Date.now();
    expect(final.counts).toMatchObject({ delivered: 495, failed: 5, submitted: 0, sent: 0, unknown: 0 });
    expect(finalAt - lastSend, 'final within 60 s of the last send').toBeLessThanOrEqual(60_000);

    const outboxCalls = sim.state.requests.filter((r) => r.uri === '/smsoutbox/get');
    expect(outboxCalls.length, 'outbox calls').toBeLessThanOrEqual(Math.ceil(500 / 20) + 10);
    // Every call asked for a time window; none looked up a single number.
    expect(outboxCalls.every((r) => r.outbox !== undefined && r.outbox.phone === '' && r.outbox.from !== undefined && r.outbox.to !== undefined)).toBe(true);
    console.log(`[box read-back] ${outboxCalls.length} outbox calls, final ${((finalAt - lastSend) / 1000).toFixed(1)} s after the last send`);

    // What the log shows: the box's own words, read by poll.
    const failedRows = await call<MessageLogPage>(tc.core, 'messageLog', { campaignId: c.id, states: ['failed'], limit: 10 });
    expect(failedRows.rows.map((r) => r.e164).sort()).toEqual(failing.map((n) => `+86${n}`).sort());
    expect(failedRows.rows.every((r) => r.errorCode === 'GSMBOX_SEND_FAILED')).toBe(true);
  }, 120_000);

  it('while a slow send goes on for several rounds, each round reads the new rows only (windows narrowed to the box clock)', async () => {
    await tc.core.stop();
    tc = makeTestCore(tmp.dir, {
      dispatch: { progressEveryMs: 20, boxPaceMs: 400 },
      monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: true, pollEveryMs: 3_000, changesEveryMs: 50 },
    });
    await tc.core.start();
    const { id } = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Box slow', baseUrl: sim.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 0 },
      secrets: { password: 'demo-box-password' },
    });
    const numbers = cnMobiles(160, 30_000);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', {
      name: 'Slow', accountId: id, content: { mode: 'text', body: 'Slow {phone}' }, recipients: { listIds: [], pasted: numbers.join('\n') }, confirmed: true,
    });
    const final = await waitForCampaign(tc.core, c.id, { until: (v) => v.counts.delivered === 160, timeoutMs: 90_000 });
    expect(final.counts.delivered).toBe(160);
    const first = Math.min(...sim.state.accepted.map((a) => a.at));
    const last = Math.max(...sim.state.accepted.map((a) => a.at));
    const outboxCalls = sim.state.requests.filter((r) => r.uri === '/smsoutbox/get');
    // Several read-back rounds happened while sending…
    expect(outboxCalls.filter((r) => r.at > first && r.at < last && r.outbox?.page === 1).length).toBeGreaterThanOrEqual(3);
    // …and still about one read per row.
    expect(outboxCalls.length).toBeLessThanOrEqual(Math.ceil(160 / 20) + 10);
    console.log(`[box read-back, slow send] ${outboxCalls.length} outbox calls over ${((last - first) / 1000).toFixed(1)} s of sending`);
  }, 120_000);
});
