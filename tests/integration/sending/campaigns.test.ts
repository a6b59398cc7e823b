/**
 * Campaigns through the contract against the simulators over real HTTP: the ledger ends with every
 * message accounted for and the simulators' own records agree (nothing twice, nothing missing).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignPreview, CampaignView, MessageEventView, MessagePage } from '../../../src/shared/campaigns.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call, cnMobiles, importList, waitForCampaign, handedOver } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
const sims: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, { dispatch: { progressEveryMs: 20, eimsBatchSize: 100, retryBaseMs: 50 } });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  await Promise.all(sims.splice(0).map((s) => s.close()));
  tmp.cleanup();
});

async function eimsAccount(opts: Parameters<typeof startEimsSim>[0] = {}): Promise<{ sim: EimsSim; id: string }> {
  const sim = await startEimsSim({ balance: 1_000_000, ...opts });
  sims.push(sim);
  const v = await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
    secrets: { password: 'demo-password' },
  });
  return { sim, id: v.id };
}

function draft(accountId: string, pasted: string[], body = 'Hello from the test', extra: Record<string, unknown> = {}) {
  return { name: 'Test campaign', accountId, content: { mode: 'text', body }, recipients: { listIds: [], pasted: pasted.join('\n') }, ...extra };
}

describe('EIMS campaigns', () => {
  it('previews, then sends every number exactly once and records provider ids', async () => {
    const { sim, id } = await eimsAccount();
    const numbers = cnMobiles(250);
    const preview = await call<CampaignPreview>(tc.core, 'campaignPreview', draft(id, [...numbers, numbers[0]!, 'not-a-number']));
    expect(preview).toMatchObject({ recipients: 250, duplicates: 1, invalid: 1, totalSegments: 250, cost: { segments: 250, money: null }, funds: null });
    expect(preview.balances[0]).toMatchObject({ label: 'Balance', amount: 1_000_000, unit: 'money' });
    expect(preview.excluded[0]!.value).toBe('not-a-number');

    await expect(call(tc.core, 'campaignCreate', draft(id, numbers))).rejects.toThrow(/Confirm/);
    const created = await call<CampaignView>(tc.core, 'campaignCreate', { ...draft(id, numbers), confirmed: true });
    expect(created.total).toBe(250);
    const done = await waitForCampaign(tc.core, created.id, { until: handedOver });
    expect(done.counts.submitted).toBe(250);

    const got = sim.state.accepted.map((a) => a.number);
    expect(got).toHaveLength(250);
    expect(new Set(got).size).toBe(250);
    expect(new Set(got)).toEqual(new Set(numbers.map((n) => `86${n}`)));

    const page = await call<MessagePage>(tc.core, 'campaignMessages', { id: created.id, limit: 1000 });
    expect(page.total).toBe(250);
    expect(page.rows.every((r) => r.providerId !== null && r.state === 'submitted')).toBe(true);
    const history = await call<MessageEventView[]>(tc.core, 'messageHistory', { messageId: page.rows[0]!.id });
    expect(history.map((h) => h.state)).toEqual(['queued', 'submitting', 'submitted']);
    expect(tc.events.some((e) => e.name === 'campaignProgress' && (e.payload as { id: string }).id === created.id)).toBe(true);
  });

  it('fills {variables} per recipient from the list and sends different texts with smsarray', async () => {
    const { sim, id } = await eimsAccount();
    const listId = await importList(tc.core, 'VIP', 'phone,name\n13800000001,Li\n13800000002,王芳\n13800000003,\n');
    const d = { ...draft(id, [], 'Hi {name}, sale today'), recipients: { listIds: [listId], pasted: '' } };
    const preview = await call<CampaignPreview>(tc.core, 'campaignPreview', d);
    expect(preview.recipients).toBe(3);
    expect(preview.missingVariables).toEqual([{ name: 'name', recipients: 1 }]);
    expect(preview.sample.map((s) => s.text)).toContain('Hi 王芳, sale today');
    const c = await call<CampaignView>(tc.core, 'campaignCreate', { ...d, confirmed: true });
    await waitForCampaign(tc.core, c.id, { until: handedOver });
    const texts = new Map(sim.state.accepted.map((a) => [a.number, a.content]));
    expect(texts.get('8613800000001')).toBe('Hi Li, sale today');
    expect(texts.get('8613800000002')).toBe('Hi 王芳, sale today');
  });

  it('leaves opted-out numbers out, and a cancel stops everything not yet handed over', async () => {
    const { sim, id } = await eimsAccount();
    const numbers = cnMobiles(1000);
    await call(tc.core, 'optOutsAdd', { numbers: [numbers[5]!] });
    sim.faults.configure({ latencyMs: 150 });
    const c = await call<CampaignView>(tc.core, 'campaignCreate', { ...draft(id, numbers), confirmed: true });
    expect(c.total).toBe(999);
    await waitForCampaign(tc.core, c.id, { until: (v) => v.counts.submitted >= 100 });
    const cancelled = await call<CampaignView>(tc.core, 'campaignCancel', { id: c.id });
    expect(cancelled.state).toBe('cancelled');
    const final = await waitForCampaign(tc.core, c.id, { until: (v) => v.counts.submitting === 0 });
    await new Promise((r) => setTimeout(r, 400));
    const after = await call<CampaignView>(tc.core, 'campaignGet', { id: c.id });
    expect(after.counts.queued).toBe(0);
    expect(after.counts.cancelled).toBeGreaterThan(0);
    expect(after.counts.submitted + after.counts.cancelled).toBe(999);
    // The simulator got exactly the ones the ledger says were handed over, and nothing after the cancel.
    expect(sim.state.accepted).toHaveLength(after.counts.submitted);
    expect(sim.state.accepted.some((a) => a.number === `86${numbers[5]}`)).toBe(false);
    void final;
  });

  it('pauses with the reason when the balance runs out, and resumes after a top-up', async () => {
    const { sim, id } = await eimsAccount({ balance: 150, price: 1 });
    const c = await call<CampaignView>(tc.core, 'campaignCreate', { ...draft(id, cnMobiles(300)), confirmed: true });
    const held = await waitForCampaign(tc.core, c.id, { until: (v) => v.state === 'paused' });
    expect(held.lastError?.code).toBe('EIMS_BALANCE');
    expect(held.counts.failed).toBe(0);
    sim.state.balance = 1000;
    await call(tc.core, 'campaignResume', { id: c.id });
    const done = await waitForCampaign(tc.core, c.id, { until: handedOver });
    expect(done.counts.submitted).toBe(300);
    expect(done.lastError).toBeNull();
    expect(new Set(sim.state.accepted.map((a) => a.number)).size).toBe(300);
    expect(sim.state.accepted).toHaveLength(300);
  });

  it('a refusal from a request sent before the user resumed does not pause the campaign again', async () => {
    const { sim, id } = await eimsAccount();
    // Two requests go out together: the first is refused at once (balance) and pauses the campaign;
    // the second is refused the same way, but only after the user has topped up and resumed.
    sim.state.sendStatusQueue.push(-10, -10);
    sim.state.sendDelaysMs.push(0, 800);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', { ...draft(id, cnMobiles(300)), confirmed: true });
    const held = await waitForCampaign(tc.core, c.id, { until: (v) => v.state === 'paused' });
    expect(held.lastError?.code).toBe('EIMS_BALANCE');
    await call(tc.core, 'campaignResume', { id: c.id });
    const done = await waitForCampaign(tc.core, c.id, { until: handedOver });
    expect(done.counts.submitted).toBe(300);
    expect(sim.state.sendStatusQueue).toHaveLength(0);
    expect(new Set(sim.state.accepted.map((a) => a.number)).size).toBe(300);
    expect(sim.state.accepted).toHaveLength(300);
  });

  it('never resends after a reply was lost: those messages become unknown', async () => {
    const { sim, id } = await eimsAccount();
    sim.faults.force('drop-after');
    const c = await call<CampaignView>(tc.core, 'campaignCreate', { ...draft(id, cnMobiles(300)), confirmed: true });
    const done = await waitForCampaign(tc.core, c.id, { until: handedOver });
    expect(done.counts.unknown).toBe(100);
    expect(done.counts.submitted).toBe(200);
    expect(sim.state.accepted).toHaveLength(300);
    expect(new Set(sim.state.accepted.map((a) => a.number)).size).toBe(300);
  });

  it('a 5xx on a send may have been accepted: unknown, not resent', async () => {
    const { sim, id } = await eimsAccount();
    sim.faults.force('error500');
    const c = await call<CampaignView>(tc.core, 'campaignCreate', { ...draft(id, cnMobiles(50)), confirmed: true });
    const done = await waitForCampaign(tc.core, c.id, { until: handedOver });
    expect(done.counts.unknown).toBe(50);
    // The faulted request was the only send: nothing went out again behind it.
    expect(sim.faults.injected).toEqual(['error500']);
    expect(sim.state.requests.filter((r) => r.path === '/sendsms')).toHaveLength(0);
  });

  it('retries a transient platform error (-12) with backoff, and does not retry a permanent one', async () => {
    const { sim, id } = await eimsAccount({ sensitiveWords: ['forbidden'] });
    sim.state.sendStatusQueue.push(-12, -17);
    const ok = await call<CampaignView>(tc.core, 'campaignCreate', { ...draft(id, cnMobiles(50)), confirmed: true });
    const okDone = await waitForCampaign(tc.core, ok.id, { until: handedOver });
    expect(okDone.counts.submitted).toBe(50);
    expect(sim.state.accepted).toHaveLength(50);
    const okPage = await call<MessagePage>(tc.core, 'campaignMessages', { id: ok.id });
    expect(okPage.rows[0]!.attempts).toBe(3);

    const bad = await call<CampaignView>(tc.core, 'campaignCreate', { ...draft(id, cnMobiles(10, 500), 'a forbidden word'), confirmed: true });
    const badDone = await waitForCampaign(tc.core, bad.id, { until: handedOver });
    expect(badDone.counts.failed).toBe(10);
    const page = await call<MessagePage>(tc.core, 'campaignMessages', { id: bad.id });
    expect(page.rows[0]).toMatchObject({ errorCode: 'EIMS_SENSITIVE_WORDS', providerCode: '-3', attempts: 1 });
    expect(sim.state.requests.filter((r) => r.path === '/sendsms' && r.status === -3)).toHaveLength(1);
  });

  it('gives up after the last attempt and records the error on each message', async () => {
    const { sim, id } = await eimsAccount();
    sim.state.sendStatusQueue.push(-12, -12, -12, -12, -12, -12, -12);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', { ...draft(id, cnMobiles(5)), confirmed: true });
    const done = await waitForCampaign(tc.core, c.id, { until: handedOver, timeoutMs: 20_000 });
    expect(done.counts.failed).toBe(5);
    const page = await call<MessagePage>(tc.core, 'campaignMessages', { id: c.id });
    expect(page.rows[0]).toMatchObject({ errorCode: 'EIMS_PLATFORM_BATCH_ERROR', attempts: 6 });
    expect(sim.state.accepted).toHaveLength(0);
  });
});
