/**
 * Issue 19, part 3: an inbound SMS from a number a campaign messaged within the reply window counts
 * as a reply to the newest such campaign. Two campaigns to overlapping numbers, sent through the EIMS
 * simulator an hour apart on the app's clock; the SMS come back through the simulator's getsms.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import type { CampaignRepliesPage, InboxThreadPage, InboxThreadsPage } from '../../../src/shared/monitoring.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { call, cnMobiles, handedOver, waitForCampaign } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

const HOUR = 3_600_000;
let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
let sim: EimsSim;
let clock: ManualClock;
let real: ReturnType<typeof setInterval>;

beforeEach(async () => {
  tmp = makeTempDir('sms-replies-');
  sim = await startEimsSim({ balance: 1e9 });
  clock = new ManualClock(Date.now());
  real = setInterval(() => clock.advance(20), 20);
  tc = makeTestCore(tmp.dir, { clock, dispatch: { eimsBatchSize: 100, progressEveryMs: 20 }, monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false, changesEveryMs: 20 } });
  await tc.core.start();
});
afterEach(async () => {
  clearInterval(real);
  await tc.core.stop();
  await sim.close();
  tmp.cleanup();
});

describe('replies tied to campaigns', () => {
  it('counts a reply on the newest campaign that messaged the number within the window, and on none outside it', async () => {
    await call(tc.core, 'settingsUpdate', { replyWindowHours: 2 });
    const { id: accountId } = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
      secrets: { password: 'demo-password' },
    });
    const [a, b, c, d] = cnMobiles(4, 3100);
    const send = async (name: string, numbers: string[]) => {
      const v = await call<CampaignView>(tc.core, 'campaignCreate', { name, accountId, content: { mode: 'text', body: `${name} offer` }, recipients: { listIds: [], pasted: numbers.join('\n') }, confirmed: true });
      return waitForCampaign(tc.core, v.id, { until: handedOver });
    };
    const sms = async (from: string, text: string) => {
      sim.addInbound({ from: `86${from}`, text, at: clock.now() });
      await tc.core.monitoring.poller.pollNow();
    };

    const spring = await send('Spring', [a!, b!, c!]);
    expect(spring.counts.submitted).toBe(3);
    clock.advance(HOUR);
    const summer = await send('Summer', [b!, c!]);
    clock.advance(HOUR / 2);
    await sms(a!, 'Is the spring offer still on?'); // only Spring messaged a, 1.5 h ago
    await sms(b!, 'Yes please'); // both did; Summer is the newer one
    await sms(c!, 'TD'); // an opt-out, on Summer
    await sms(d!, 'Who is this?'); // no campaign messaged d
    clock.advance(HOUR);
    await sms(a!, 'Hello again'); // Spring is now 2.5 h back: outside the 2 h window

    const springReplies = await call<CampaignRepliesPage>(tc.core, 'campaignReplies', { campaignId: spring.id });
    expect(springReplies).toMatchObject({ replies: 1, repliedNumbers: 1, optOuts: 0, handed: 3 });
    expect(springReplies.replyRate).toBeCloseTo(1 / 3);
    expect(springReplies.items.map((r) => [r.number, r.text])).toEqual([[`+86${a}`, 'Is the spring offer still on?']]);

    const summerReplies = await call<CampaignRepliesPage>(tc.core, 'campaignReplies', { campaignId: summer.id });
    expect(summerReplies).toMatchObject({ replies: 2, repliedNumbers: 2, optOuts: 1, handed: 2, replyRate: 1 });
    expect(summerReplies.items.map((r) => [r.number, r.optOut])).toEqual([
      [`+86${c}`, true],
      [`+86${b}`, false],
    ]);

    // The inbox filters by campaign, and each SMS in a conversation names the campaign it answers.
    const summerThreads = await call<InboxThreadsPage>(tc.core, 'inboxThreads', { campaignId: summer.id });
    expect(summerThreads.threads.map((t) => t.number).sort()).toEqual([`+86${b}`, `+86${c}`].sort());
    const all = await call<InboxThreadsPage>(tc.core, 'inboxThreads', {});
    expect(all.threads).toHaveLength(4);
    const thread = await call<InboxThreadPage>(tc.core, 'inboxThread', { number: `+86${a}` });
    const ins = thread.items.filter((i) => i.kind === 'in');
    expect(ins.map((i) => [i.text, i.campaignName])).toEqual([
      ['Hello again', null],
      ['Is the spring offer still on?', 'Spring'],
    ]);
  });

  it('does not count a reply on a reply typed in the inbox: the campaign before it keeps it', async () => {
    const { id: accountId } = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
      secrets: { password: 'demo-password' },
    });
    const [a] = cnMobiles(1, 3200);
    const v = await call<CampaignView>(tc.core, 'campaignCreate', { name: 'Autumn', accountId, content: { mode: 'text', body: 'Autumn offer' }, recipients: { listIds: [], pasted: a! }, confirmed: true });
    await waitForCampaign(tc.core, v.id, { until: handedOver });
    clock.advance(60_000);
    sim.addInbound({ from: `86${a}`, text: 'Price?', at: clock.now() });
    await tc.core.monitoring.poller.pollNow();
    const reply = await call<{ campaignId: string }>(tc.core, 'inboxReply', { number: `+86${a}`, accountId, text: '20% off' });
    await waitForCampaign(tc.core, reply.campaignId, { until: handedOver });
    expect(sim.state.accepted.filter((x) => x.number === `86${a}`).map((x) => x.content)).toEqual(['Autumn offer', '20% off']);
    clock.advance(60_000);
    sim.addInbound({ from: `86${a}`, text: 'Thanks', at: clock.now() });
    await tc.core.monitoring.poller.pollNow();
    const page = await call<CampaignRepliesPage>(tc.core, 'campaignReplies', { campaignId: v.id });
    expect(page.items.map((r) => r.text)).toEqual(['Thanks', 'Price?']);
    expect((await call<CampaignRepliesPage>(tc.core, 'campaignReplies', { campaignId: reply.campaignId })).replies).toBe(0);
  });
});
