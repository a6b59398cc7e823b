/**
 * Issue 19, part 4: keyword rules. An SMS pushed by the GSM box simulator that starts with a rule's
 * keyword gets the rule's auto-reply — the simulator sends it exactly once, even when the number sends
 * the keyword again the same day and when the app restarts in between — and the sender is added to the
 * rule's list. Opt-out keywords are built-in rules that win. An auto-reply is a single message of its
 * own kind: not a campaign, and an SMS after it still counts as a reply to the campaign before it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secretKey } from '../../../src/main/core/accounts/account-secrets.ts';
import type { InboxRuleView, InboxRulesView } from '../../../src/shared/inbox-rules.ts';
import type { ContactPage } from '../../../src/shared/contact-lists.ts';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import type { BoxPushState, CampaignRepliesPage, InboxThreadPage, InboxThreadsPage, MessageLogPage } from '../../../src/shared/monitoring.ts';
import { startGsmboxSim, type GsmboxSim } from '../../sim/gsmbox.ts';
import { call, cnMobiles, handedOver, waitForCampaign } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

let tmp: ReturnType<typeof makeTempDir>;
let sim: GsmboxSim;
const running: TestCore[] = [];

const options = { dispatch: { progressEveryMs: 20, boxPaceMs: 5 }, monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false, changesEveryMs: 20 } };

/** A core on the shared data folder, pointed at the box (a new receiver port each start). */
async function start(accountId?: string): Promise<{ tc: TestCore; accountId: string }> {
  const tc = makeTestCore(tmp.dir, options);
  running.push(tc);
  await tc.core.start();
  let id = accountId;
  if (id === undefined) {
    id = (
      await call<{ id: string }>(tc.core, 'accountsCreate', {
        config: { kind: 'gsmbox', name: 'Box', baseUrl: sim.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 0 },
        secrets: { password: 'demo-box-password' },
      })
    ).id;
  } else {
    tc.secrets.set(secretKey(id, 'password'), 'demo-box-password');
  }
  expect((await call<BoxPushState>(tc.core, 'boxPushSetup', { accountId: id })).pointsHere).toBe(true);
  return { tc, accountId: id };
}
async function stop(tc: TestCore): Promise<void> {
  running.splice(running.indexOf(tc), 1);
  await tc.core.stop();
}

/** The box received an SMS from `from` and pushed it; the app has queued what it set off and the box took it. */
async function smsIn(tc: TestCore, from: string, text: string, at: number): Promise<void> {
  await sim.receiveSms({ from: `+86${from}`, port: 2, text, at });
  await tc.core.monitoring.autoReplies.idle();
  const sending = tc.core.context.db.prepare(`SELECT id FROM campaigns WHERE state IN ('preparing', 'running')`).pluck().all() as string[];
  for (const id of sending) await waitForCampaign(tc.core, id, { until: handedOver });
  await sim.flushPushes();
}
/** What the box sent to that number (its outbox), oldest first. */
const sentTo = (n: string) => sim.state.outbox.filter((x) => x.phonenumber.endsWith(n)).map((x) => ({ content: x.message, port: x.port }));

beforeEach(async () => {
  tmp = makeTempDir('sms-autoreply-');
  sim = await startGsmboxSim({ busyMs: 5, resultDelayMs: 5, reportDelayMs: 5 });
});
afterEach(async () => {
  for (const tc of running.splice(0)) await tc.core.stop();
  await sim.close();
  tmp.cleanup();
});

describe('keyword rules and auto-replies', () => {
  it('the box sends the auto-reply exactly once per number per rule per day, across a restart', async () => {
    const first = await start();
    const listId = (await call<{ id: string }>(first.tc.core, 'listsCreate', { name: 'Asked for info' })).id;
    const rule = await call<InboxRuleView>(first.tc.core, 'inboxRuleSave', { accountId: first.accountId, keyword: 'INFO', replyText: 'Open 9-18, Mon-Sat.', listId });
    const [a, b] = cnMobiles(2, 4100);
    const t0 = Date.now();

    await smsIn(first.tc, a!, 'info please', t0);
    expect(sentTo(a!).map((x) => [x.content, x.port])).toEqual([['Open 9-18, Mon-Sat.', 2]]);
    await smsIn(first.tc, a!, 'INFO', t0 + 5_000); // the same keyword again, the same day
    await smsIn(first.tc, b!, 'information?', t0 + 6_000); // not the keyword as a word
    expect(sentTo(a!)).toHaveLength(1);
    expect(sentTo(b!)).toHaveLength(0);
    await stop(first.tc);

    const second = await start(first.accountId);
    await smsIn(second.tc, a!, 'Info!', t0 + 10_000); // after the restart, still the same day
    expect(sentTo(a!)).toHaveLength(1);
    await smsIn(second.tc, b!, 'INFO 2', t0 + 11_000); // another number: its own reply
    expect(sentTo(b!).map((x) => x.content)).toEqual(['Open 9-18, Mon-Sat.']);

    // Both numbers were added to the rule's list once; every SMS is in the inbox.
    const members = await call<ContactPage>(second.tc.core, 'contactsSearch', { query: '', listId });
    expect(members.rows.map((r) => r.e164).sort()).toEqual([`+86${a}`, `+86${b}`].sort());
    const threads = await call<InboxThreadsPage>(second.tc.core, 'inboxThreads', {});
    expect(threads.threads.find((t) => t.number === `+86${a}`)!.inboundCount).toBe(3);
    const rules = await call<InboxRulesView>(second.tc.core, 'inboxRules');
    expect(rules.rules.map((r) => r.id)).toEqual([rule.id]);
  });

  it('an auto-reply is a single message: out of the campaign list, under single messages, and the SMS after it counts on the campaign', async () => {
    const { tc, accountId } = await start();
    await call(tc.core, 'inboxRuleSave', { accountId, keyword: 'INFO', replyText: 'Open 9-18, Mon-Sat.' });
    const [a] = cnMobiles(1, 4400);
    const campaign = await call<CampaignView>(tc.core, 'campaignCreate', { name: 'Spring', accountId, content: { mode: 'text', body: 'Spring offer' }, recipients: { listIds: [], pasted: a! }, confirmed: true });
    await waitForCampaign(tc.core, campaign.id, { until: handedOver });

    await smsIn(tc, a!, 'INFO please', Date.now() + 1_000);
    await smsIn(tc, a!, 'Thanks', Date.now() + 2_000);
    expect(sentTo(a!).map((x) => x.content)).toEqual(['Spring offer', 'Open 9-18, Mon-Sat.']);

    // Both SMS answer the campaign; the auto-reply between them is not a campaign a reply could count on.
    const replies = await call<CampaignRepliesPage>(tc.core, 'campaignReplies', { campaignId: campaign.id });
    expect(replies.items.map((r) => r.text)).toEqual(['Thanks', 'INFO please']);
    expect((await call<CampaignView[]>(tc.core, 'campaignsList')).map((c) => c.name)).toEqual(['Spring']);
    const singles = await call<MessageLogPage>(tc.core, 'messageLog', { singles: true });
    expect(singles.rows.map((r) => [r.e164, r.campaignKind, r.text])).toEqual([[`+86${a}`, 'auto-reply', 'Open 9-18, Mon-Sat.']]);
    const thread = await call<InboxThreadPage>(tc.core, 'inboxThread', { number: `+86${a}` });
    expect(thread.items.flatMap((i) => (i.kind === 'out' ? [[i.campaignKind, i.text]] : []))).toEqual([
      ['auto-reply', 'Open 9-18, Mon-Sat.'],
      ['campaign', 'Spring offer'],
    ]);
    expect(thread.items.flatMap((i) => (i.kind === 'in' ? [[i.campaignId, i.text]] : []))).toEqual([
      [campaign.id, 'Thanks'],
      [campaign.id, 'INFO please'],
    ]);
  });

  it('opt-out keywords are built-in rules: an opt-out gets no auto-reply, and a rule cannot take their keyword', async () => {
    const { tc, accountId } = await start();
    await expect(call(tc.core, 'inboxRuleSave', { accountId, keyword: 'td', replyText: 'Bye' })).rejects.toMatchObject({ shape: { code: 'RULE_KEYWORD_IS_OPT_OUT' } });
    await expect(call(tc.core, 'inboxRuleSave', { accountId, keyword: 'Stop!', replyText: 'x' })).rejects.toMatchObject({ shape: { code: 'RULE_KEYWORD_IS_OPT_OUT' } });
    await call(tc.core, 'inboxRuleSave', { accountId, keyword: '退订吗', replyText: '回复“退订”即可' });
    await expect(call(tc.core, 'inboxRuleSave', { accountId, keyword: 'INFO' })).rejects.toMatchObject({ shape: { code: 'INVALID_INPUT' } });
    const [a, b] = cnMobiles(2, 4200);
    await smsIn(tc, a!, '退订', Date.now());
    await smsIn(tc, b!, '退订吗？', Date.now());
    expect(sentTo(a!)).toHaveLength(0);
    expect(sentTo(b!).map((x) => x.content)).toEqual(['回复“退订”即可']);
    const rules = await call<InboxRulesView>(tc.core, 'inboxRules');
    expect(rules.optOutKeywords).toContain('退订');
  });

  it('a conversation marked done leaves the open ones until the number writes again', async () => {
    const { tc } = await start();
    const [a, b] = cnMobiles(2, 4300);
    await smsIn(tc, a!, 'Hello', Date.now());
    await smsIn(tc, b!, 'Hi', Date.now());
    await call(tc.core, 'inboxMarkDone', { number: `+86${a}`, done: true });
    const open = async () => (await call<InboxThreadsPage>(tc.core, 'inboxThreads', { status: 'open' })).threads.map((t) => t.number);
    const done = async () => (await call<InboxThreadsPage>(tc.core, 'inboxThreads', { status: 'done' })).threads.map((t) => t.number);
    expect(await open()).toEqual([`+86${b}`]);
    expect(await done()).toEqual([`+86${a}`]);
    await smsIn(tc, a!, 'One more thing', Date.now() + 2_000);
    expect((await open()).sort()).toEqual([`+86${a}`, `+86${b}`].sort());
    expect(await done()).toEqual([]);
  });
});
