/**
 * Reports pushed by the simulators (EIMS PUTs, raw GSM-box GETs) and reports recovered by polling go
 * through one ingest and end in the same state; a dropped 10% of pushes is recovered by polling; the
 * same report twice changes nothing; a late "sent" never overwrites "delivered".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView, MessageEventView } from '../../../src/shared/campaigns.ts';
import type { BoxPushState, DashboardStats, InboxThreadPage, InboxThreadsPage, MessageLogPage, ReceiverStatus } from '../../../src/shared/monitoring.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { startGsmboxSim, type GsmboxSim } from '../../sim/gsmbox.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call, cnMobiles, waitForCampaign, handedOver } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
const sims: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, {
    dispatch: { progressEveryMs: 20, eimsBatchSize: 100, retryBaseMs: 50, boxPaceMs: 5 },
    monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false, pollEveryMs: 10, changesEveryMs: 20 },
  });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  await Promise.all(sims.splice(0).map((s) => s.close()));
  tmp.cleanup();
});

async function eimsAccount(): Promise<{ sim: EimsSim; id: string }> {
  const sim = await startEimsSim({ balance: 1_000_000 });
  sims.push(sim);
  const v = await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
    secrets: { password: 'demo-password' },
  });
  const status = await call<ReceiverStatus>(tc.core, 'receiverStatus');
  sim.state.pushUrl = status.urls.find((u) => u.accountId === v.id)!.url;
  return { sim, id: v.id };
}

async function send(accountId: string, numbers: string[], body = 'Monitoring test'): Promise<CampaignView> {
  const c = await call<CampaignView>(tc.core, 'campaignCreate', {
    name: 'Monitoring',
    accountId,
    content: { mode: 'text', body },
    recipients: { listIds: [], pasted: numbers.join('\n') },
    confirmed: true,
  });
  return waitForCampaign(tc.core, c.id, { until: handedOver });
}

type Snapshot = Map<string, { state: string; error: string | null }>;
async function snapshot(campaignId: string): Promise<Snapshot> {
  const page = await call<MessageLogPage>(tc.core, 'messageLog', { campaignId, limit: 1000 });
  return new Map(page.rows.map((r) => [r.e164, { state: r.state, error: r.errorCode }]));
}
const eventCount = () => (tc.core.context.db.prepare(`SELECT count(*) AS n FROM message_events`).get() as { n: number }).n;

describe('EIMS reports: push and poll', () => {
  it('pushed and polled reports end in the same state; 10% of pushes dropped are recovered by polling', async () => {
    const { sim, id } = await eimsAccount();
    const numbers = cnMobiles(600);
    const campaign = await send(id, numbers);
    expect(campaign.counts.submitted).toBe(600);
    // The platform's truth: most delivered, some failed at sending, some delivery failures.
    sim.deliverAll(3);
    const ids = [...sim.state.messages.keys()];
    ids.filter((i) => i % 17 === 0).forEach((i) => sim.setReport(i, 1005));
    ids.filter((i) => i % 23 === 0).forEach((i) => sim.setReport(i, 0, 2));
    // Every tenth push request is lost (rows 50 per request: drop whole requests, as a network would).
    const kept: number[] = [];
    for (let i = 0; i < ids.length; i += 50) if ((i / 50) % 10 !== 3) kept.push(...ids.slice(i, i + 50));
    expect(kept.length).toBeLessThan(ids.length);
    await sim.pushReports(kept);
    expect(sim.state.pushes.every((p) => p.status === 200)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    const afterPush = await snapshot(campaign.id);
    // Lost pushes leave messages submitted; a push is the message's outcome (result 0: delivered).
    expect([...afterPush.values()].filter((v) => v.state === 'submitted').length).toBe(ids.length - kept.length);
    expect([...afterPush.values()].filter((v) => v.state === 'delivered' || v.state === 'failed').length).toBe(kept.length);

    await tc.core.monitoring.poller.pollNow();
    const final = await snapshot(campaign.id);
    const expected = (n: string) => {
      const m = [...sim.state.messages.values()].find((x) => x.number === `86${n}`)!;
      return m.sendStatus !== 0 ? 'failed' : m.deliverStatus === 3 ? 'delivered' : 'failed';
    };
    for (const n of numbers) expect(final.get(`+86${n}`)!.state).toBe(expected(n));

    // Same as an all-poll run: a second core-independent check — polling everything again changes nothing.
    const before = eventCount();
    tc.core.monitoring.poller.reset();
    await tc.core.monitoring.poller.pollNow();
    await sim.pushReports();
    expect(eventCount()).toBe(before);
    expect(await snapshot(campaign.id)).toEqual(final);

    // Sources are recorded: a pushed message says push, a recovered one says poll.
    const log = await call<MessageLogPage>(tc.core, 'messageLog', { campaignId: campaign.id, limit: 1000 });
    const lostId = ids.find((i) => !kept.includes(i))!;
    const lostNumber = sim.state.messages.get(lostId)!.number;
    const lostRow = log.rows.find((r) => `86${r.e164.slice(3)}` === lostNumber)!;
    const history = await call<MessageEventView[]>(tc.core, 'messageHistory', { messageId: lostRow.id });
    expect(history.at(-1)!.source).toBe('poll');
    const pushedRow = log.rows.find((r) => r.id !== lostRow.id && kept.includes(Number(r.providerId)))!;
    expect((await call<MessageEventView[]>(tc.core, 'messageHistory', { messageId: pushedRow.id })).some((h) => h.source === 'push')).toBe(true);
    expect(history.some((h) => h.source === 'push')).toBe(false);
    expect(tc.events.some((e) => e.name === 'messagesChanged')).toBe(true);
  });

  it('a late "sent" never overwrites "delivered", and the same report twice changes nothing', async () => {
    const { sim, id } = await eimsAccount();
    const campaign = await send(id, cnMobiles(60, 1000));
    sim.deliverAll(3);
    await sim.pushReports();
    await tc.core.monitoring.poller.pollNow();
    await sim.pushReports();
    const delivered = await snapshot(campaign.id);
    expect([...delivered.values()].every((v) => v.state === 'delivered')).toBe(true);
    const before = eventCount();
    for (const i of sim.state.messages.keys()) sim.setReport(i, 0, 1); // "sent, not yet delivered"
    await sim.pushReports();
    tc.core.monitoring.poller.reset();
    await tc.core.monitoring.poller.pollNow();
    expect(eventCount()).toBe(before);
    expect(await snapshot(campaign.id)).toEqual(delivered);

    const stats = await call<DashboardStats>(tc.core, 'dashboardStats');
    expect(stats.today).toEqual({ sent: 60, delivered: 60, failed: 0, expired: 0 });
    expect(stats.funnel).toEqual({ handed: 60, sent: 60, delivered: 60, failed: 0, expired: 0 });
    expect(stats.perDay).toMatchObject([{ provider: 'eims', sent: 60, delivered: 60, failed: 0, expired: 0 }]);
    expect(stats.recentCampaigns[0]).toMatchObject({ id: campaign.id, total: 60, delivered: 60, pending: 0 });
  });

  it('a delivery timeout is expired by push and by poll alike, a pushed success is final, and expired is counted apart from failed', async () => {
    const { sim, id } = await eimsAccount();
    const numbers = cnMobiles(5, 3000);
    const campaign = await send(id, numbers);
    const idOf = (n: string) => [...sim.state.messages.values()].find((m) => m.number === `86${n}`)!.id;
    sim.setReport(idOf(numbers[0]!), 0, 3);
    sim.setReport(idOf(numbers[1]!), 0, 4);
    sim.setReport(idOf(numbers[2]!), 0, 2);
    sim.setReport(idOf(numbers[3]!), 0, 4);
    sim.setReport(idOf(numbers[4]!), 0, 3);
    // Three outcomes arrive by push (PUT [id, number, time, result, cause]); nothing is polled yet.
    await sim.pushReports([0, 1, 2].map((i) => idOf(numbers[i]!)));
    expect(sim.state.pushes.flatMap((p) => p.rows.map((r) => `${r[3]} ${r[4]}`))).toEqual(['0 success', '4 deliver timeout', '2 deliver failure']);
    const pushed = await snapshot(campaign.id);
    expect(pushed.get(`+86${numbers[0]}`)).toEqual({ state: 'delivered', error: null });
    expect(pushed.get(`+86${numbers[1]}`)).toEqual({ state: 'expired', error: 'EIMS_DELIVERY_TIMEOUT' });
    expect(pushed.get(`+86${numbers[2]}`)!.state).toBe('failed');
    // The other two come by polling getreport ([…, sendStatus, deliverTime, deliverStatus]).
    sim.state.reportShape = 'deliver';
    await tc.core.monitoring.poller.pollNow();
    const polled = await snapshot(campaign.id);
    expect(polled.get(`+86${numbers[3]}`)).toEqual({ state: 'expired', error: 'EIMS_DELIVERY_TIMEOUT' });
    expect(polled.get(`+86${numbers[4]}`)!.state).toBe('delivered');
    expect(polled.get(`+86${numbers[0]}`)!.state).toBe('delivered');
    // The history says where each came from: the pushed timeout is final and no poll touched it.
    const log = await call<MessageLogPage>(tc.core, 'messageLog', { campaignId: campaign.id, limit: 10 });
    const history = await call<MessageEventView[]>(tc.core, 'messageHistory', { messageId: log.rows.find((r) => r.e164 === `+86${numbers[1]}`)!.id });
    expect(history.filter((h) => h.state === 'expired').map((h) => h.source)).toEqual(['push']);

    const view = await call<CampaignView>(tc.core, 'campaignGet', { id: campaign.id });
    expect(view.counts).toMatchObject({ delivered: 2, failed: 1, expired: 2, sent: 0, submitted: 0 });
    const stats = await call<DashboardStats>(tc.core, 'dashboardStats');
    expect(stats.today).toEqual({ sent: 5, delivered: 2, failed: 1, expired: 2 });
    expect(stats.funnel).toMatchObject({ delivered: 2, failed: 1, expired: 2 });
    expect(stats.recentCampaigns[0]).toMatchObject({ id: campaign.id, delivered: 2, failed: 1, expired: 2, pending: 0 });
  });

  it('stores inbound SMS once (polled), threads them with what was sent, and applies opt-out keywords', async () => {
    const { sim, id } = await eimsAccount();
    const [a, b] = cnMobiles(2, 5000);
    await send(id, [a!]);
    sim.addInbound({ from: `86${a}`, text: '你好，收到了' });
    sim.addInbound({ from: `86${b}`, text: ' 退订 ' });
    await tc.core.monitoring.poller.pollNow();
    await tc.core.monitoring.poller.pollNow();
    const threads = await call<InboxThreadsPage>(tc.core, 'inboxThreads', {});
    expect(threads.threads.map((t) => t.number).sort()).toEqual([`+86${a}`, `+86${b}`].sort());
    expect(threads.unreadTotal).toBe(2);
    const optedOut = threads.threads.find((t) => t.number === `+86${b}`)!;
    expect(optedOut.optedOut).toBe(true);
    const thread = await call<InboxThreadPage>(tc.core, 'inboxThread', { number: `+86${a}` });
    expect(thread.items.map((i) => i.kind).sort()).toEqual(['in', 'out']);
    expect(thread.items.find((i) => i.kind === 'in')!.text).toBe('你好，收到了');
    expect((await call<{ unreadTotal: number }>(tc.core, 'inboxMarkRead', { number: `+86${a}` })).unreadTotal).toBe(1);
    const reply = await call<{ campaignId: string; messageId: number }>(tc.core, 'inboxReply', { number: `+86${a}`, accountId: id, text: 'Thanks!' });
    await waitForCampaign(tc.core, reply.campaignId, { until: handedOver });
    expect(sim.state.accepted.some((x) => x.content === 'Thanks!' && x.number === `86${a}`)).toBe(true);
    expect(tc.events.some((e) => e.name === 'inboundReceived')).toBe(true);
  });
});

describe('GSM box: setup, raw GET pushes and outbox polling', () => {
  async function boxAccount(): Promise<{ sim: GsmboxSim; id: string }> {
    const sim = await startGsmboxSim({ busyMs: 5, resultDelayMs: 5, reportDelayMs: 20 });
    sims.push(sim);
    const v = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Box', baseUrl: sim.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 0 },
      secrets: { password: 'demo-box-password' },
    });
    return { sim, id: v.id };
  }

  it('points the box at the receiver, and results, reports and inbound (raw UTF-8) arrive by push', async () => {
    const { sim, id } = await boxAccount();
    const before = await call<BoxPushState>(tc.core, 'boxPushGet', { accountId: id });
    expect(before.pointsHere).toBe(false);
    const state = await call<BoxPushState>(tc.core, 'boxPushSetup', { accountId: id });
    expect(state.pointsHere).toBe(true);
    expect(sim.state.config.url_path).toContain(`/box/${id}`);
    expect(state.target).not.toContain(tc.core.monitoring.receiver.token());

    const numbers = cnMobiles(7, 7000);
    sim.state.undeliveredNumbers.add(numbers[1]!);
    // "Message not received on handset" with cause EXPIRED: expired, as a delivery timeout is everywhere.
    sim.state.expiredNumbers.add(numbers[6]!);
    const c = await send(id, numbers);
    await sim.flushPushes();
    await new Promise((r) => setTimeout(r, 50));
    const snap = await snapshot(c.id);
    const states = [...snap.values()].map((v) => v.state).sort();
    expect(states.filter((s) => s === 'delivered').length).toBe(5);
    expect(snap.get(`+86${numbers[1]}`)).toEqual({ state: 'failed', error: 'GSMBOX_NOT_DELIVERED' });
    expect(snap.get(`+86${numbers[6]}`)).toEqual({ state: 'expired', error: 'GSMBOX_EXPIRED' });
    expect(sim.state.pushes.some((p) => p.kind === 'report' && p.target.includes('cause=EXPIRED'))).toBe(true);

    await sim.receiveSms({ from: `+86${numbers[0]}`, port: 2, text: '收到 & thanks+1' });
    await sim.receiveSms({ from: `+86${numbers[2]}`, port: 1, text: 'TD' });
    await sim.receiveSms({ from: `+86${numbers[2]}`, port: 1, text: 'TD' }); // the same push again
    const threads = await call<InboxThreadsPage>(tc.core, 'inboxThreads', {});
    expect(threads.threads).toHaveLength(2);
    const t = await call<InboxThreadPage>(tc.core, 'inboxThread', { number: `+86${numbers[0]}` });
    expect(t.items.find((i) => i.kind === 'in')!.text).toBe('收到 & thanks+1');
    expect(threads.threads.find((x) => x.number === `+86${numbers[2]}`)!.optedOut).toBe(true);
    expect(threads.threads.find((x) => x.number === `+86${numbers[2]}`)!.inboundCount).toBe(1);
  });

  it('pushes that never arrive are recovered from the outbox by polling', async () => {
    const { sim, id } = await boxAccount();
    await call<BoxPushState>(tc.core, 'boxPushSetup', { accountId: id });
    sim.state.config.enable = 0; // the box stops pushing (e.g. the PC's firewall)
    const c = await send(id, cnMobiles(5, 8000));
    await sim.flushPushes();
    expect([...(await snapshot(c.id)).values()].every((v) => v.state === 'submitted' || v.state === 'sent')).toBe(true);
    // Polling waits until a box message is at least one period old.
    await new Promise((r) => setTimeout(r, 20));
    tc.core.monitoring.poller.reset();
    const poller = tc.core.monitoring.poller;
    await poller.pollNow();
    const after = [...(await snapshot(c.id)).values()].map((v) => v.state);
    expect(after.every((s) => s === 'delivered')).toBe(true);
  });
});
