/**
 * Issue 16.1: what each number receives is what the pre-send summary showed for it — for every
 * provider and way of sending: EIMS one text for all (sendsms), EIMS a text per number (smsarray),
 * an EIMS timed send, a JSMS template batch, a JSMS scheduled batch, the GSM box, and "send a test to
 * me". {phone} is the recipient's own number (from a list or pasted) and {name|客户} takes its default
 * where a contact has no name. The simulators record the text as the phone would show it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignPreview, CampaignView, TestSendView } from '../../../src/shared/campaigns.ts';
import type { DashboardStats } from '../../../src/shared/monitoring.ts';
import type { ScheduleView } from '../../../src/shared/schedules.ts';
import { formatLocalDateTime } from '../../../src/shared/zoned-time.ts';
import { startEimsSim } from '../../sim/eims.ts';
import { startGsmboxSim } from '../../sim/gsmbox.ts';
import { startJsmsSim } from '../../sim/jsms.ts';
import type { SimRecord } from '../../sim/http-kit.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call, handedOver, importList, waitForCampaign } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
const sims: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, { dispatch: { progressEveryMs: 20, retryBaseMs: 50, boxPaceMs: 30, boxReconcileAfterMs: 300, boxReconcileEveryMs: 100 } });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  await Promise.all(sims.splice(0).map((s) => s.close()));
  tmp.cleanup();
});

/** Two list contacts (one without a name) and one pasted number: three recipients, all in the summary's samples. */
async function recipients() {
  const listId = await importList(tc.core, 'Customers', 'phone,name\n13912340001,赵一\n13912340002,\n');
  return { listIds: [listId], pasted: '139 1234 0003' };
}

/** Every sample of the summary arrived at its number with exactly the summary's text, once. */
function expectReceivedAsPreviewed(preview: CampaignPreview, accepted: readonly SimRecord[]) {
  expect(preview.sample).toHaveLength(preview.recipients);
  for (const s of preview.sample) {
    const national = s.e164.slice(3);
    const got = accepted.filter((a) => a.number.replace(/\D/g, '').endsWith(national));
    expect(got.map((a) => a.content), s.e164).toEqual([s.text]);
  }
}

const TEXT = 'Hi {name|客户}, this is for {phone}.';
const EXPECTED = ['Hi 赵一, this is for 13912340001.', 'Hi 客户, this is for 13912340002.', 'Hi 客户, this is for 13912340003.'];

async function eims() {
  const sim = await startEimsSim({ balance: 1_000_000 });
  sims.push(sim);
  const { id } = await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
    secrets: { password: 'demo-password' },
  });
  return { sim, id };
}

async function jsms() {
  const sim = await startJsmsSim({ appBalance: 1000 });
  sims.push(sim);
  const { id } = await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'jsms', name: 'J', baseUrl: sim.url, appKey: 'demo-app-key' },
    secrets: { masterSecret: 'demo-master-secret' },
  });
  return { sim, id };
}

async function box() {
  const sim = await startGsmboxSim({ ports: 2, busyMs: 10 });
  sims.push(sim);
  const { id } = await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'gsmbox', name: 'Box', baseUrl: sim.url, username: 'admin' },
    secrets: { password: 'demo-box-password' },
  });
  return { sim, id };
}

async function previewThenSend(draft: Record<string, unknown>): Promise<CampaignPreview> {
  const preview = await call<CampaignPreview>(tc.core, 'campaignPreview', draft);
  const c = await call<CampaignView>(tc.core, 'campaignCreate', { ...draft, confirmed: true });
  await waitForCampaign(tc.core, c.id, { until: handedOver });
  return preview;
}

describe('each number receives the summary\'s text for it', () => {
  it('EIMS, a text per number (smsarray): {phone} and a default filled for list and pasted numbers', async () => {
    const { sim, id } = await eims();
    const preview = await previewThenSend({ name: 'Per number', accountId: id, content: { mode: 'text', body: TEXT }, recipients: await recipients() });
    expect(preview.sample.map((s) => s.text)).toEqual(EXPECTED);
    expect(preview.missingVariables).toEqual([]);
    expectReceivedAsPreviewed(preview, sim.state.accepted);
    expect(new Set(sim.state.accepted.map((a) => a.via))).toEqual(new Set(['sendsms-smsarray']));
  });

  it('EIMS, one text for all (sendsms) and an EIMS timed send: the default where nobody has the variable', async () => {
    const { sim, id } = await eims();
    const draft = { name: 'Same', accountId: id, content: { mode: 'text', body: 'Sale today for {vip|every customer}' }, recipients: await recipients() };
    const preview = await previewThenSend(draft);
    expect(preview.sample.map((s) => s.text)).toEqual(Array(3).fill('Sale today for every customer'));
    expectReceivedAsPreviewed(preview, sim.state.accepted);
    expect(new Set(sim.state.accepted.map((a) => a.via))).toEqual(new Set(['sendsms-post']));

    sim.state.accepted.length = 0;
    const at = formatLocalDateTime(Date.now() + 3_600_000, 'Asia/Shanghai');
    await call<ScheduleView>(tc.core, 'scheduleCreate', { kind: 'eims', eims: { mode: 'timed', draft, at, zone: 'Asia/Shanghai' } });
    expectReceivedAsPreviewed(await call<CampaignPreview>(tc.core, 'campaignPreview', draft), sim.state.accepted);
  });

  it('JSMS template batch and JSMS scheduled batch: the parameters filled per number, read through the template text', async () => {
    const { sim, id } = await jsms();
    const draft = { name: 'Orders', accountId: id, content: { mode: 'template', tempId: 2, params: { name: '{name|客户}', order: '{phone}' } }, recipients: await recipients() };
    const preview = await previewThenSend(draft);
    // Template 2 is "Hello {{name}}, your order {{order}} has shipped." at JSMS; the summary read it there.
    expect(preview.sample.map((s) => s.text)).toEqual([
      'Hello 赵一, your order 13912340001 has shipped.',
      'Hello 客户, your order 13912340002 has shipped.',
      'Hello 客户, your order 13912340003 has shipped.',
    ]);
    expectReceivedAsPreviewed(preview, sim.state.accepted);

    sim.state.accepted.length = 0;
    const at = formatLocalDateTime(Date.now() + 3_600_000, 'Asia/Shanghai');
    await call<ScheduleView>(tc.core, 'scheduleCreate', { kind: 'jsms', draft, at, zone: 'Asia/Shanghai' });
    expect(sim.fireSchedules(true)).toBe(3);
    expectReceivedAsPreviewed(preview, sim.state.accepted);
  });

  it('GSM box: {phone} and the default, one SMS per number', async () => {
    const { sim, id } = await box();
    const preview = await previewThenSend({ name: 'Box', accountId: id, content: { mode: 'text', body: TEXT }, recipients: await recipients() });
    expect(preview.sample.map((s) => s.text)).toEqual(EXPECTED);
    expectReceivedAsPreviewed(preview, sim.state.accepted);
  });
});

describe('send a test to me', () => {
  it('sends the first recipient\'s message to my number only, is no campaign, and remembers the number', async () => {
    const { sim, id } = await box();
    const draft = { name: 'Box test', accountId: id, content: { mode: 'text', body: TEXT }, recipients: await recipients() };
    const preview = await call<CampaignPreview>(tc.core, 'campaignPreview', draft);
    const test = await call<TestSendView>(tc.core, 'campaignTest', { draft, number: '139 0000 1111' });
    expect(test).toMatchObject({ address: '13900001111', text: preview.sample[0]!.text, renderedFor: '+8613912340001' });
    expect(test.campaign).toMatchObject({ kind: 'test', total: 1 });
    const handed = await waitForCampaign(tc.core, test.campaign.id, { until: handedOver });
    expect(handed.counts.submitted + handed.counts.sent + handed.counts.delivered).toBe(1);
    // The far end: exactly one SMS, to my number, reading as the first recipient's message.
    expect(sim.state.accepted.map((a) => [a.number, a.content])).toEqual([['13900001111', 'Hi 赵一, this is for 13912340001.']]);
    // Not a campaign: not listed; the number is remembered for next time.
    expect(await call<CampaignView[]>(tc.core, 'campaignsList')).toEqual([]);
    expect((await call<DashboardStats>(tc.core, 'dashboardStats')).recentCampaigns).toEqual([]);
    expect(await call<{ testNumber: string }>(tc.core, 'settingsGet')).toMatchObject({ testNumber: '139 0000 1111' });
  });

  it('with no recipients yet, the message is rendered for my number; a JSMS test fills the template', async () => {
    const { sim, id } = await jsms();
    const draft = { name: 'Orders', accountId: id, content: { mode: 'template', tempId: 2, params: { name: '{name|客户}', order: 'T-{phone}' } } };
    const test = await call<TestSendView>(tc.core, 'campaignTest', { draft, number: '13900002222' });
    expect(test).toMatchObject({ renderedFor: null, text: 'Hello 客户, your order T-13900002222 has shipped.' });
    await waitForCampaign(tc.core, test.campaign.id, { until: handedOver });
    expect(sim.state.accepted.map((a) => [a.number, a.content])).toEqual([['13900002222', test.text]]);
  });

  it('refuses a number the account cannot reach, or one on the opt-out list, saying why', async () => {
    const { sim, id } = await jsms();
    const draft = { name: 'Orders', accountId: id, content: { mode: 'template', tempId: 2, params: { name: 'A', order: 'B' } } };
    await expect(call(tc.core, 'campaignTest', { draft, number: '+44 7911 123456' })).rejects.toThrow(/TEST_NUMBER_NOT_FOR_PROVIDER: JSMS cannot send to \+447911123456/);
    await call(tc.core, 'optOutsAdd', { numbers: ['13900003333'] });
    await expect(call(tc.core, 'campaignTest', { draft, number: '13900003333' })).rejects.toThrow(/TEST_NUMBER_OPTED_OUT/);
    await expect(call(tc.core, 'campaignTest', { draft, number: 'abc' })).rejects.toThrow(/TEST_NUMBER_INVALID/);
    expect(sim.state.accepted).toEqual([]);
  });
});
