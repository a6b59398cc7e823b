/**
 * Issue 16, items 6 and 7, through the contract against the simulators:
 * - what the inbox, the message log and a campaign's messages show as sent is what the phone got
 *   (the simulator's record): a JSMS template send shows its template with the parameters in place,
 *   or — when the template's text cannot be read — the template id and the parameters; the contact's
 *   name is beside the number;
 * - a reply from the inbox and the box push test are single messages: they reach the provider once
 *   through the ledger (opt-outs apply), and stay out of the campaign list and the dashboard.
 */
import { describe, expect, it } from 'vitest';
import type { CampaignView, MessagePage } from '../../../src/shared/campaigns.ts';
import type { BoxPushTestResult, DashboardStats, InboxReplyResult, InboxThreadPage, InboxThreadsPage, MessageLogPage } from '../../../src/shared/monitoring.ts';
import { startEimsSim } from '../../sim/eims.ts';
import { startGsmboxSim } from '../../sim/gsmbox.ts';
import { startJsmsSim, type JsmsSim } from '../../sim/jsms.ts';
import { coreSession } from '../../helpers/test-session.ts';
import { call, handedOver, importList, waitForCampaign } from '../../helpers/sending.ts';

const session = coreSession({
  dispatch: { progressEveryMs: 20, retryBaseMs: 50, boxPaceMs: 5 },
  monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false, changesEveryMs: 20, jsmsPullGapMs: 20 },
});
const sims = session.sims;
const setup = () => session.start();

const templateReads = (sim: JsmsSim, id: number) => sim.state.requests.filter((r) => r.method === 'GET' && r.path === `/v1/templates/${id}`).length;

describe('what was sent is what the screens show', () => {
  it('a JSMS template send shows its template filled in, as the phone got it, with the contact name; the template is read from JSMS once', async () => {
    const core = await setup();
    const sim = await startJsmsSim({ appBalance: 100_000, pullGapMs: 20 });
    sims.push(sim);
    const { id: accountId } = await call<{ id: string }>(core, 'accountsCreate', {
      config: { kind: 'jsms', name: 'J', baseUrl: sim.url, appKey: 'demo-app-key' },
      secrets: { masterSecret: 'demo-master-secret' },
    });
    const listId = await importList(core, 'VIP', 'phone,姓名\n13900000001,张三\n13900000002,李四\n');
    const campaign = await call<CampaignView>(core, 'campaignCreate', {
      name: 'Orders',
      accountId,
      content: { mode: 'template', tempId: 2, params: { name: '{姓名}', order: 'A-7' } },
      recipients: { listIds: [listId], pasted: '13900000003' },
      confirmed: true,
    });
    await waitForCampaign(core, campaign.id, { until: handedOver });
    const got = new Map(sim.state.accepted.map((a) => [a.number, a.content]));
    expect(got.get('13900000001')).toBe('Hello 张三, your order A-7 has shipped.');
    // The pasted number has no 姓名: JSMS refused it (50022); the screens show what was tried.
    got.set('13900000003', 'Hello , your order A-7 has shipped.');
    expect(sim.state.refusedRecipients.map((r) => [r.mobile, r.code])).toEqual([['13900000003', 50022]]);

    // The number writes back; its thread shows the message as the phone got it and the contact's name.
    sim.addReply({ phone: '13900000001', content: '收到，谢谢', replyTime: Math.ceil(Date.now() / 1000) + 1 });
    await core.monitoring.poller.pollNow();
    const thread = await call<InboxThreadPage>(core, 'inboxThread', { number: '+8613900000001' });
    expect(thread.name).toBe('张三');
    const out = thread.items.find((i) => i.kind === 'out');
    expect(out).toMatchObject({ kind: 'out', text: got.get('13900000001'), campaignKind: 'campaign' });
    expect(out?.kind === 'out' && out.template).toMatchObject({ id: 2, known: true, params: { name: '张三', order: 'A-7' } });
    const threads = await call<InboxThreadsPage>(core, 'inboxThreads', {});
    expect(threads.threads[0]).toMatchObject({ number: '+8613900000001', name: '张三', lastText: '收到，谢谢', lastDirection: 'in' });

    const log = await call<MessageLogPage>(core, 'messageLog', {});
    expect(log.rows).toHaveLength(3);
    for (const row of log.rows) expect([row.e164, row.text]).toEqual([row.e164, got.get(row.e164.replace('+86', ''))]);
    expect(Object.fromEntries(log.rows.map((r) => [r.e164, r.name]))).toEqual({ '+8613900000001': '张三', '+8613900000002': '李四', '+8613900000003': null });

    const page = await call<MessagePage>(core, 'campaignMessages', { id: campaign.id });
    expect(page.rows.map((r) => [r.e164, r.name, r.text])).toEqual(
      ['13900000001', '13900000002', '13900000003'].map((n) => [`+86${n}`, n === '13900000001' ? '张三' : n === '13900000002' ? '李四' : null, got.get(n)]),
    );
    // An approved template cannot change: it was read once and kept.
    expect(templateReads(sim, 2)).toBe(1);
  });

  it('when JSMS cannot tell the template, the screens get its id and the parameters instead of an empty text', async () => {
    const core = await setup();
    const sim = await startJsmsSim({ appBalance: 100_000 });
    sims.push(sim);
    const { id: accountId } = await call<{ id: string }>(core, 'accountsCreate', {
      config: { kind: 'jsms', name: 'J', baseUrl: sim.url, appKey: 'demo-app-key' },
      secrets: { masterSecret: 'demo-master-secret' },
    });
    // Creating a template send reads its text (the summary and the samples show it): that read fails.
    sim.faults.force('error500');
    const campaign = await call<CampaignView>(core, 'campaignCreate', {
      name: 'Orders',
      accountId,
      content: { mode: 'template', tempId: 2, params: { name: 'Ann', order: 'B-1' } },
      recipients: { listIds: [], pasted: '13900000009' },
      confirmed: true,
    });
    await waitForCampaign(core, campaign.id, { until: handedOver });
    expect(sim.state.accepted.map((a) => a.content)).toEqual(['Hello Ann, your order B-1 has shipped.']);
    sim.state.templates.delete(2); // deleted on JSMS after the send: GET /v1/templates/2 now fails

    const log = await call<MessageLogPage>(core, 'messageLog', {});
    expect(log.rows[0]).toMatchObject({ text: '', template: { id: 2, known: false, params: { name: 'Ann', order: 'B-1' } } });
    const page = await call<MessagePage>(core, 'campaignMessages', { id: campaign.id });
    expect(page.rows[0]).toMatchObject({ text: '', template: { id: 2, known: false, params: { name: 'Ann', order: 'B-1' } } });
    // A failed read is not repeated for every page: the one at creation failed, none came after it.
    expect(sim.faults.injected).toEqual(['error500']);
    expect(templateReads(sim, 2)).toBe(0);
  });
});

describe('replies and box push tests are single messages', () => {
  /** A core with one EIMS account on a fresh simulator. */
  const withEims = async () => {
    const core = await setup();
    const eims = await startEimsSim({ balance: 1000 });
    sims.push(eims);
    const { id: accountId } = await call<{ id: string }>(core, 'accountsCreate', {
      config: { kind: 'eims', name: 'Platform', baseUrl: eims.url, account: 'demo', encrypted: false },
      secrets: { password: 'demo-password' },
    });
    return { core, eims, accountId };
  };

  it('a reply reaches the platform once through the ledger, shows as a single message, and stays out of the campaign list and the dashboard', async () => {
    const { core, eims, accountId } = await withEims();
    const campaign = await call<CampaignView>(core, 'campaignCreate', {
      name: 'Spring sale',
      accountId,
      content: { mode: 'text', body: 'Spring sale today' },
      recipients: { listIds: [], pasted: '13800000001\n13800000002' },
      confirmed: true,
    });
    await waitForCampaign(core, campaign.id);

    const reply = await call<InboxReplyResult>(core, 'inboxReply', { number: '+8613800000001', accountId, text: 'Thanks, see you soon' });
    await waitForCampaign(core, reply.campaignId);
    expect(eims.state.accepted.filter((a) => a.content === 'Thanks, see you soon').map((a) => a.number)).toEqual([expect.stringMatching(/13800000001$/)]);

    // An opted-out number gets no reply: nothing reaches the platform.
    await call(core, 'optOutsAdd', { numbers: ['13800000002'] });
    await expect(call(core, 'inboxReply', { number: '+8613800000002', accountId, text: 'Are you there?' })).rejects.toThrow(/REPLY_NOT_SENT/);
    expect(eims.state.accepted.some((a) => a.content === 'Are you there?')).toBe(false);

    const list = await call<CampaignView[]>(core, 'campaignsList');
    expect(list.map((c) => c.name)).toEqual(['Spring sale']);
    const stats = await call<DashboardStats>(core, 'dashboardStats');
    expect(stats.recentCampaigns.map((c) => c.name)).toEqual(['Spring sale']);
    // Its message is counted like any other sent today.
    expect(stats.today.sent).toBe(3);

    const singles = await call<MessageLogPage>(core, 'messageLog', { singles: true });
    expect(singles.rows.map((r) => [r.e164, r.campaignKind, r.text])).toEqual([['+8613800000001', 'reply', 'Thanks, see you soon']]);
    expect(await call(core, 'messageLogCount', { singles: true })).toEqual({ total: 1 });
    expect(await call(core, 'messageLogCount', {})).toEqual({ total: 3 });
    const thread = await call<InboxThreadPage>(core, 'inboxThread', { number: '+8613800000001' });
    expect(thread.items.map((i) => (i.kind === 'out' ? [i.text, i.campaignKind] : null))).toEqual([
      ['Thanks, see you soon', 'reply'],
      ['Spring sale today', 'campaign'],
    ]);
  });

  it('"pause all sending" holds a reply in flight too: a single message is not a campaign, but it sends', async () => {
    const { core, eims, accountId } = await withEims();
    eims.state.sendDelaysMs.push(1500);
    const reply = await call<InboxReplyResult>(core, 'inboxReply', { number: '+8613800000007', accountId, text: 'On my way' });
    expect(await call(core, 'sendingStatus')).toMatchObject({ running: 1 });
    const paused = await call<{ ids: string[] }>(core, 'campaignsPauseAll');
    expect(paused.ids).toEqual([reply.campaignId]);
    expect((await call<CampaignView>(core, 'campaignGet', { id: reply.campaignId })).state).toBe('paused');
    await call(core, 'campaignsResumeAll');
    await waitForCampaign(core, reply.campaignId, { until: handedOver });
    expect(eims.state.accepted.filter((a) => a.content === 'On my way')).toHaveLength(1);
  });

  it('the box push test is a single message too', async () => {
    const core = await setup();
    const box = await startGsmboxSim({ busyMs: 5, resultDelayMs: 5, reportDelayMs: 10 });
    sims.push(box);
    const { id: accountId } = await call<{ id: string }>(core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Box', baseUrl: box.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 300 },
      secrets: { password: 'demo-box-password' },
    });
    const result = await call<BoxPushTestResult>(core, 'boxPushTest', { accountId, number: '13800000005', waitSeconds: 1 });
    expect(box.state.accepted.map((a) => [a.number, a.content])).toEqual([[expect.stringMatching(/13800000005$/), 'SMS console: push test']]);
    expect(await call<CampaignView[]>(core, 'campaignsList')).toEqual([]);
    expect((await call<DashboardStats>(core, 'dashboardStats')).recentCampaigns).toEqual([]);
    const singles = await call<MessageLogPage>(core, 'messageLog', { singles: true });
    expect(singles.rows.map((r) => [r.id, r.campaignKind, r.text])).toEqual([[result.messageId, 'test', 'SMS console: push test']]);
  });
});
