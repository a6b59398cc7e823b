/**
 * Issue 16, item 4, through the contract against the simulators: the pre-send summary's cost and what
 * it is set against are what the provider then lets through.
 * - EIMS: the balance is money; without a price per segment there is no comparison (segments are never
 *   set against money); with one, money against the balance.
 * - JSMS: a notice draws on the industry quota, a marketing template on the marketing quota, then both
 *   on the all-type quota — the summary warns exactly when the simulator then runs out.
 * - GSM box: what the SIMs may still send today under their cap, in the summary and on the dashboard,
 *   and the sender stops there.
 */
import { describe, expect, it } from 'vitest';
import type { CampaignPreview, CampaignView } from '../../../src/shared/campaigns.ts';
import type { DashboardAccounts } from '../../../src/shared/monitoring.ts';
import type { ConnectionCheck } from '../../../src/shared/providers.ts';
import { startEimsSim } from '../../sim/eims.ts';
import { startGsmboxSim } from '../../sim/gsmbox.ts';
import { startJsmsSim } from '../../sim/jsms.ts';
import { coreSession } from '../../helpers/test-session.ts';
import { call, cnMobiles, handedOver, waitForCampaign } from '../../helpers/sending.ts';

const session = coreSession({ dispatch: { progressEveryMs: 20, retryBaseMs: 50, boxPaceMs: 5 } });
const sims = session.sims;
const setup = () => session.start();

/** 160 GSM-7 characters + 1: two segments. */
const TWO_SEGMENTS = 'x'.repeat(161);

describe('EIMS: money against a money balance', () => {
  it('compares only when the account has a price per segment', async () => {
    const core = await setup();
    const eims = await startEimsSim({ balance: 50 });
    sims.push(eims);
    const config = { kind: 'eims', name: 'Platform', baseUrl: eims.url, account: 'demo', encrypted: false };
    const { id } = await call<{ id: string }>(core, 'accountsCreate', { config, secrets: { password: 'demo-password' } });
    const draft = { name: 'Sale', accountId: id, content: { mode: 'text', body: TWO_SEGMENTS }, recipients: { listIds: [], pasted: cnMobiles(30).join('\n') } };

    // 60 segments and a balance of 50 (money): no price, so nothing to compare and nothing said.
    const plain = await call<CampaignPreview>(core, 'campaignPreview', draft);
    expect(plain.cost).toEqual({ segments: 60, money: null, currency: null });
    expect(plain.funds).toBeNull();
    expect(plain.balances[0]).toEqual({ label: 'Balance', amount: 50, unit: 'money' });
    expect(plain.warnings.filter((w) => w.includes('balance'))).toEqual([]);

    await call(core, 'accountsUpdate', { id, config: { ...config, pricePerSegment: 1, currency: 'CNY' }, secrets: {} });
    const dear = await call<CampaignPreview>(core, 'campaignPreview', draft);
    expect(dear.cost).toEqual({ segments: 60, money: 60, currency: 'CNY' });
    expect(dear.funds).toEqual({ source: 'eims-balance', unit: 'money', available: 50, needed: 60, covered: false });
    expect(dear.warnings).toContain('The estimated cost (60) is more than the balance (50). Sending stops when the balance runs out.');

    await call(core, 'accountsUpdate', { id, config: { ...config, pricePerSegment: '0.5', currency: 'cny' }, secrets: {} });
    const cheap = await call<CampaignPreview>(core, 'campaignPreview', draft);
    expect(cheap.cost).toEqual({ segments: 60, money: 30, currency: 'CNY' });
    expect(cheap.funds).toMatchObject({ available: 50, needed: 30, covered: true });
  });
});

describe('JSMS: the quota the template draws on', () => {
  it('a notice fits in the industry quota, a marketing template does not — and the simulator lets through exactly that', async () => {
    const core = await setup();
    const sim = await startJsmsSim({ appBalance: 10, appIndustry: 1000, appMarket: null, balanceCheck: 'recipient' });
    sims.push(sim);
    const { id } = await call<{ id: string }>(core, 'accountsCreate', {
      config: { kind: 'jsms', name: 'J', baseUrl: sim.url, appKey: 'demo-app-key', pricePerSegment: 0.04, currency: 'CNY' },
      secrets: { masterSecret: 'demo-master-secret' },
    });
    const check = await call<ConnectionCheck>(core, 'accountsTest', { id });
    expect(check.balances.map((b) => [b.pool, b.amount])).toEqual([
      ['all', 10],
      ['industry', 1000],
      ['market', null],
      ['voice', 100],
    ]);

    const numbers = cnMobiles(20);
    const notice = { name: 'Orders', accountId: id, content: { mode: 'template', tempId: 2, params: { name: 'Li', order: '9' } }, recipients: { listIds: [], pasted: numbers.join('\n') } };
    const fits = await call<CampaignPreview>(core, 'campaignPreview', notice);
    expect(fits.cost).toEqual({ segments: 20, money: 0.8, currency: 'CNY' });
    expect(fits.funds).toEqual({ source: 'jsms-industry', unit: 'messages', available: 1010, needed: 20, covered: true });

    const marketing = { ...notice, name: 'Sale', content: { mode: 'template', tempId: 3 } };
    const short = await call<CampaignPreview>(core, 'campaignPreview', marketing);
    expect(short.funds).toEqual({ source: 'jsms-market', unit: 'messages', available: 10, needed: 20, covered: false });
    expect(short.warnings.some((w) => w.startsWith('This marketing template draws on the marketing quota'))).toBe(true);

    // The notice is sent from the industry quota: the all-type quota is untouched.
    const sent = await call<CampaignView>(core, 'campaignCreate', { ...notice, confirmed: true });
    await waitForCampaign(core, sent.id, { until: handedOver });
    expect([sim.state.appIndustry, sim.state.appBalance]).toEqual([980, 10]);
    // The marketing campaign gets as far as the summary said: 10 of 20, then JSMS says 50014.
    const sale = await call<CampaignView>(core, 'campaignCreate', { ...marketing, recipients: { listIds: [], pasted: cnMobiles(20, 100).join('\n') }, confirmed: true });
    const held = await waitForCampaign(core, sale.id, { until: (c) => c.state === 'paused' });
    expect(sim.state.accepted.filter((a) => a.content === 'Sale today!')).toHaveLength(10);
    expect(held.lastError?.code).toBe('JSMS_50014');
  });
});

describe('GSM box: the SIMs’ daily capacity', () => {
  it('the summary and the dashboard say what is left today, and the sender stops there', async () => {
    const core = await setup();
    const box = await startGsmboxSim({ ports: 2, busyMs: 1 });
    sims.push(box);
    const { id } = await call<{ id: string }>(core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Box', baseUrl: box.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 3 },
      secrets: { password: 'demo-box-password' },
    });
    const draft = { name: 'Local', accountId: id, content: { mode: 'text', body: 'Open today' }, recipients: { listIds: [], pasted: cnMobiles(8).join('\n') } };
    const before = await call<CampaignPreview>(core, 'campaignPreview', draft);
    expect(before.boxCapacity).toEqual({ leftToday: 6, ports: 2 });
    expect(before.warnings).toContain("The box's SIMs can send 6 more SMS today; the other 2 wait until tomorrow.");

    const c = await call<CampaignView>(core, 'campaignCreate', { ...draft, confirmed: true });
    await waitForCampaign(core, c.id, { until: (v) => v.counts.queued === 2 && v.counts.submitting === 0 });
    expect(box.state.accepted).toHaveLength(6);

    const dash = await call<DashboardAccounts>(core, 'dashboardAccounts');
    expect(dash.boxes[0]).toMatchObject({ leftToday: 0 });
    expect(dash.boxes[0]!.ports.map((p) => [p.port, p.sentToday, p.cap, p.leftToday])).toEqual([
      [1, 3, 3, 0],
      [2, 3, 3, 0],
    ]);
    const after = await call<CampaignPreview>(core, 'campaignPreview', { ...draft, recipients: { listIds: [], pasted: '13900000999' } });
    expect(after.boxCapacity).toEqual({ leftToday: 0, ports: 2 });
    await call(core, 'campaignCancel', { id: c.id });
  });
});
