/**
 * JSMS template campaigns and GSM-box campaigns through the contract, against the simulators.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView, MessagePage } from '../../../src/shared/campaigns.ts';
import { startGsmboxSim, type GsmboxSim } from '../../sim/gsmbox.ts';
import { startJsmsSim } from '../../sim/jsms.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call, cnMobiles, importList, waitForCampaign, handedOver } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
const sims: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, { dispatch: { progressEveryMs: 20, retryBaseMs: 50, boxPaceMs: 60, boxReconcileAfterMs: 300, boxReconcileEveryMs: 100 } });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  await Promise.all(sims.splice(0).map((s) => s.close()));
  tmp.cleanup();
});

describe('JSMS template campaigns', () => {
  it('sends batches of at most 1000 with per-recipient parameters and maps failures back', async () => {
    const sim = await startJsmsSim({ appBalance: 100_000 });
    sims.push(sim);
    const { id } = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'jsms', name: 'J', baseUrl: sim.url, appKey: 'demo-app-key' },
      secrets: { masterSecret: 'demo-master-secret' },
    });
    const numbers = cnMobiles(1500);
    const rows = numbers.map((n, i) => `${n},${i === 7 ? '' : `Name${i}`}`);
    const listId = await importList(tc.core, 'Customers', `phone,name\n${rows.join('\n')}\n`);
    const content = { mode: 'template', tempId: 2, params: { name: '{name}', order: 'A-{name}' } };
    await expect(
      call(tc.core, 'campaignCreate', { name: 'x', accountId: id, content: { mode: 'text', body: 'hi' }, recipients: { listIds: [listId] }, confirmed: true }),
    ).rejects.toThrow(/CAMPAIGN_NEEDS_TEMPLATE/);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', { name: 'Orders', accountId: id, content, recipients: { listIds: [listId] }, confirmed: true });
    const done = await waitForCampaign(tc.core, c.id, { until: handedOver });
    expect(done.counts.submitted).toBe(1499);
    expect(done.counts.failed).toBe(1);
    const failed = await call<MessagePage>(tc.core, 'campaignMessages', { id: c.id, states: ['failed'] });
    expect(failed.rows[0]).toMatchObject({ e164: `+86${numbers[7]}`, errorCode: 'JSMS_50022', attempts: 1 });
    expect(sim.state.accepted).toHaveLength(1499);
    expect(new Set(sim.state.accepted.map((a) => a.number)).size).toBe(1499);
    const first = sim.state.accepted.find((a) => a.number === numbers[0]);
    expect(first?.content).toBe('Hello Name0, your order A-Name0 has shipped.');
  });
});

describe('JSMS: the balance runs out inside a batch', () => {
  it('a per-recipient 50014 pauses the campaign with the reason and leaves those recipients and the rest queued; resuming sends each once', async () => {
    const sim = await startJsmsSim({ appBalance: 600, balanceCheck: 'recipient' });
    sims.push(sim);
    const { id } = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'jsms', name: 'J', baseUrl: sim.url, appKey: 'demo-app-key' },
      secrets: { masterSecret: 'demo-master-secret' },
    });
    const numbers = cnMobiles(1500, 40_000);
    const listId = await importList(tc.core, 'Low balance', `phone,name\n${numbers.map((n, i) => `${n},N${i}`).join('\n')}\n`);
    const content = { mode: 'template', tempId: 2, params: { name: '{name}', order: 'A1' } };
    const c = await call<CampaignView>(tc.core, 'campaignCreate', { name: 'Low balance', accountId: id, content, recipients: { listIds: [listId] }, confirmed: true });
    const held = await waitForCampaign(tc.core, c.id, { until: (v) => v.state === 'paused' && v.counts.submitting === 0 });
    // JSMS took 600 and said "no money" for the rest of the first batch, one recipient at a time.
    expect(sim.state.accepted).toHaveLength(600);
    expect(sim.state.refusedRecipients.filter((r) => r.code === 50014).length).toBeGreaterThanOrEqual(400);
    expect(held.lastError).toMatchObject({ code: 'JSMS_50014' });
    expect(held.lastError!.message).toMatch(/balance is insufficient/);
    expect(held.counts).toMatchObject({ submitted: 600, queued: 900, failed: 0, unknown: 0 });
    const queued = await call<MessagePage>(tc.core, 'campaignMessages', { id: c.id, states: ['queued'], limit: 1000 });
    expect(queued.rows.every((m) => m.attempts === 0 || m.errorCode === 'JSMS_50014')).toBe(true);

    sim.state.appBalance = 10_000;
    await call(tc.core, 'campaignResume', { id: c.id });
    const done = await waitForCampaign(tc.core, c.id, { until: handedOver });
    expect(done.counts).toMatchObject({ submitted: 1500, queued: 0, failed: 0 });
    expect(sim.state.accepted).toHaveLength(1500);
    expect(new Set(sim.state.accepted.map((a) => a.number)).size).toBe(1500);
  });
});

describe('GSM box campaigns', () => {
  async function box(opts: Parameters<typeof startGsmboxSim>[0] = {}, cfg: Record<string, unknown> = {}): Promise<{ sim: GsmboxSim; id: string }> {
    const sim = await startGsmboxSim({ ports: 4, downPorts: [3], busyMs: 20, ...opts });
    sims.push(sim);
    const v = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Box', baseUrl: sim.url, username: 'admin', ...cfg },
      secrets: { password: 'demo-box-password' },
    });
    return { sim, id: v.id };
  }
  const text = (accountId: string, numbers: string[], extra: Record<string, unknown> = {}) => ({
    name: 'Box run',
    accountId,
    content: { mode: 'text', body: '你好 {name}' },
    recipients: { listIds: [], pasted: numbers.join('\n') },
    confirmed: true,
    ...extra,
  });

  it('sends one number per call over the available ports, never two at once on a port', async () => {
    const { sim, id } = await box();
    const numbers = cnMobiles(30);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', text(id, numbers));
    const done = await waitForCampaign(tc.core, c.id, { until: handedOver });
    expect(done.counts.submitted).toBe(30);
    expect(sim.state.accepted).toHaveLength(30);
    expect(new Set(sim.state.accepted.map((a) => a.number))).toEqual(new Set(numbers));
    const ports = new Set(sim.state.outbox.map((r) => r.port));
    expect(ports).toEqual(new Set([1, 2, 4]));
    expect(sim.state.requests.filter((r) => r.uri === '/sms/send' && r.code !== 200)).toHaveLength(0);
    const page = await call<MessagePage>(tc.core, 'campaignMessages', { id: c.id });
    expect(page.rows.every((r) => r.port !== null && [1, 2, 4].includes(r.port))).toBe(true);
  });

  it('uses only the chosen ports and stops each SIM at its daily cap', async () => {
    const { sim, id } = await box({}, { dailyCapPerSim: 4 });
    const c = await call<CampaignView>(tc.core, 'campaignCreate', text(id, cnMobiles(12), { ports: [1, 2] }));
    const held = await waitForCampaign(tc.core, c.id, { until: (v) => v.counts.submitted === 8 && v.lastError !== null });
    expect(held.state).toBe('running');
    expect(held.lastError?.code).toBe('GSMBOX_NO_PORT');
    expect(held.counts.queued).toBe(4);
    await new Promise((r) => setTimeout(r, 200));
    expect(sim.state.accepted).toHaveLength(8);
    expect(new Set(sim.state.outbox.map((r) => r.port))).toEqual(new Set([1, 2]));
  });

  it('settles unknown sends from the outbox: taken ones are not resent, lost ones are sent once', async () => {
    const { sim, id } = await box({ ports: 1, downPorts: [] });
    // A first campaign makes the worker read the ports (cached for a minute), so the faults below hit sends.
    const warm = await call<CampaignView>(tc.core, 'campaignCreate', text(id, cnMobiles(1, 900)));
    await waitForCampaign(tc.core, warm.id, { until: handedOver });
    sim.state.accepted.length = 0;
    // 1st send: processed, reply lost. 2nd: dropped before processing.
    sim.faults.force('drop-after', 'drop');
    const numbers = cnMobiles(6);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', text(id, numbers));
    const done = await waitForCampaign(tc.core, c.id, { until: (v) => handedOver(v) && v.counts.unknown === 0, timeoutMs: 15_000 });
    // The request whose reply was lost is found in the outbox (SENT or, once reported, DELIVERD).
    expect(done.counts.submitted).toBe(5);
    expect(done.counts.sent + done.counts.delivered).toBe(1);
    expect(sim.state.accepted).toHaveLength(6);
    expect(new Set(sim.state.accepted.map((a) => a.number)).size).toBe(6);
    const page = await call<MessagePage>(tc.core, 'campaignMessages', { id: c.id, limit: 10 });
    const sources = await Promise.all(page.rows.map((r) => call<{ source: string; state: string }[]>(tc.core, 'messageHistory', { messageId: r.id })));
    const reconciled = sources.flat().filter((h) => h.source === 'reconcile').map((h) => h.state);
    expect(reconciled).toHaveLength(2);
    expect(reconciled).toContain('queued');
  });

  it('waits outside quiet hours and says until when', async () => {
    const { sim, id } = await box();
    const now = new Date();
    const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    const start = hhmm(new Date(now.getTime() - 60_000));
    const end = hhmm(new Date(now.getTime() + 3 * 60_000));
    const c = await call<CampaignView>(tc.core, 'campaignCreate', text(id, cnMobiles(3), { quietHours: { start, end } }));
    const waiting = await waitForCampaign(tc.core, c.id, { until: (v) => v.waitingUntil !== null });
    expect(waiting.waitingUntil).toBeGreaterThan(Date.now());
    await new Promise((r) => setTimeout(r, 300));
    expect(sim.state.accepted).toHaveLength(0);
    const paused = await call<CampaignView>(tc.core, 'campaignPause', { id: c.id });
    expect(paused.state).toBe('paused');
    const cancelled = await call<CampaignView>(tc.core, 'campaignCancel', { id: c.id });
    expect(cancelled.counts.cancelled).toBe(3);
  });
});
