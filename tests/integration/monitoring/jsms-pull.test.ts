/**
 * JSMS delivery reports and replies by pull (GET /v1/report, /v1/reply) against the simulator, with a
 * real SQLite file: ≥3 pulls of 500 bring every message to its final state (source poll), the gap
 * between calls is kept (the simulator refuses a call that comes too soon), a repeat poll changes
 * nothing, replies land in the inbox once, and an account with pullReports off never pulls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignView, MessageEventView } from '../../../src/shared/campaigns.ts';
import type { InboxThreadPage, InboxThreadsPage } from '../../../src/shared/monitoring.ts';
import { startEimsSim } from '../../sim/eims.ts';
import { startJsmsSim, type JsmsSim } from '../../sim/jsms.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call, cnMobiles, waitForCampaign, handedOver } from '../../helpers/sending.ts';

const GAP_MS = 50;
let tmp: ReturnType<typeof makeTempDir> | undefined;
let tc: TestCore | undefined;
let sim: JsmsSim | undefined;

afterEach(async () => {
  await tc?.core.stop();
  await sim?.close();
  tmp?.cleanup();
  tc = undefined;
  sim = undefined;
  tmp = undefined;
});

async function setup(opts: { pullReports?: boolean; pollerGapMs?: number; simGapMs?: number; pollEveryMs?: number } = {}) {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, {
    dispatch: { progressEveryMs: 20, retryBaseMs: 50 },
    monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false, changesEveryMs: 20, jsmsPullGapMs: opts.pollerGapMs ?? GAP_MS, ...(opts.pollEveryMs ? { pollEveryMs: opts.pollEveryMs } : {}) },
  });
  await tc.core.start();
  sim = await startJsmsSim({ appBalance: 100_000, pullGapMs: opts.simGapMs ?? GAP_MS });
  const config = { kind: 'jsms', name: 'JSMS', baseUrl: sim.url, appKey: 'demo-app-key', ...(opts.pullReports === undefined ? {} : { pullReports: opts.pullReports }) };
  const { id } = await call<{ id: string }>(tc.core, 'accountsCreate', { config, secrets: { masterSecret: 'demo-master-secret' } });
  return { core: tc.core, sim, id };
}

async function send(core: TestCore['core'], accountId: string, numbers: string[]): Promise<CampaignView> {
  const c = await call<CampaignView>(core, 'campaignCreate', {
    name: 'Sale',
    accountId,
    content: { mode: 'template', tempId: 3 },
    recipients: { listIds: [], pasted: numbers.join('\n') },
    confirmed: true,
  });
  return waitForCampaign(core, c.id, { until: handedOver });
}

const pulls = (s: JsmsSim, path: string) => s.state.requests.filter((r) => r.method === 'GET' && r.path === path).length;
const statusOf = (msgId: string) => (Number(msgId) % 13 === 0 ? 4003 : Number(msgId) % 29 === 0 ? 4100 : 4001);

describe('JSMS report pull', () => {
  it('brings 1,200 messages to their final state in pulls of 500, keeping the gap; a repeat poll changes nothing', async () => {
    const { core, sim, id } = await setup();
    const campaign = await send(core, id, cnMobiles(1200));
    expect(campaign.counts.submitted).toBe(1200);
    expect(sim.reportAll(statusOf)).toBe(1200);

    await core.monitoring.poller.pollNow();
    expect(pulls(sim, '/v1/report')).toBe(3); // 500 + 500 + 200
    expect(pulls(sim, '/v1/reply')).toBe(1);
    expect(sim.state.pullRefused).toBe(0);
    expect(sim.state.reportQueue).toHaveLength(0);

    const db = core.context.db;
    const rows = db.prepare(`SELECT id, state, provider_id, error_code FROM messages WHERE campaign_id = ?`).all(campaign.id) as { id: number; state: string; provider_id: string; error_code: string | null }[];
    expect(rows).toHaveLength(1200);
    for (const r of rows) {
      const status = statusOf(r.provider_id);
      expect([r.state, r.error_code]).toEqual(status === 4001 ? ['delivered', null] : ['failed', `JSMS_REPORT_${status}`]);
    }
    const failed = rows.filter((r) => r.state === 'failed');
    expect(failed.length).toBeGreaterThan(50);
    expect(new Set(failed.map((r) => r.error_code))).toEqual(new Set(['JSMS_REPORT_4003', 'JSMS_REPORT_4100']));
    const polled = db.prepare(`SELECT count(DISTINCT message_id) AS n FROM message_events WHERE source = 'poll'`).get() as { n: number };
    expect(polled.n).toBe(1200);
    const history = await call<MessageEventView[]>(core, 'messageHistory', { messageId: failed[0]!.id });
    expect(history.at(-1)).toMatchObject({ state: 'failed', source: 'poll', detail: expect.stringContaining('JSMS report') as unknown });

    // JSMS sends each report once; polling again (right away: the gap is kept across rounds) finds nothing new.
    const events = (db.prepare(`SELECT count(*) AS n FROM message_events`).get() as { n: number }).n;
    core.monitoring.poller.reset();
    await core.monitoring.poller.pollNow();
    await core.monitoring.poller.pollNow();
    expect(pulls(sim, '/v1/report')).toBe(5);
    expect(sim.state.pullRefused).toBe(0);
    expect((db.prepare(`SELECT count(*) AS n FROM message_events`).get() as { n: number }).n).toBe(events);
    const after = await call<CampaignView>(core, 'campaignGet', { id: campaign.id });
    expect(after.counts).toMatchObject({ delivered: 1200 - failed.length, failed: failed.length, submitted: 0 });
    expect(tc!.events.some((e) => e.name === 'messagesChanged')).toBe(true);
  });

  it('stores replies in the inbox once, with opt-out keywords applied', async () => {
    const { core, sim, id } = await setup();
    const [a, b] = cnMobiles(2, 7000);
    await send(core, id, [a!]);
    sim.addReply({ phone: a!, content: '收到，谢谢', replyTime: 1_700_000_000 });
    sim.addReply({ phone: a!, content: '收到，谢谢', replyTime: 1_700_000_000 }); // the same record again
    sim.addReply({ phone: b!, content: '退订' });
    await core.monitoring.poller.pollNow();
    await core.monitoring.poller.pollNow();
    expect(sim.state.replyQueue).toHaveLength(0);
    expect(sim.state.pullRefused).toBe(0);
    const threads = await call<InboxThreadsPage>(core, 'inboxThreads', {});
    expect(threads.threads.map((t) => t.number).sort()).toEqual([`+86${a}`, `+86${b}`].sort());
    expect(threads.unreadTotal).toBe(2);
    expect(threads.threads.find((t) => t.number === `+86${b}`)!.optedOut).toBe(true);
    const thread = await call<InboxThreadPage>(core, 'inboxThread', { number: `+86${a}` });
    expect(thread.items.filter((i) => i.kind === 'in').map((i) => i.text)).toEqual(['收到，谢谢']);
    expect(thread.replyAccountId).toBe(id);
    const stored = core.context.db.prepare(`SELECT source, received_at FROM inbound_sms WHERE raw_from = ?`).all(a) as { source: string; received_at: number }[];
    expect(stored).toEqual([{ source: 'poll', received_at: 1_700_000_000_000 }]);
    expect(tc!.events.some((e) => e.name === 'inboundReceived')).toBe(true);
  });

  it('never pulls for an account with pullReports off (JSMS pushes to its callback URL instead)', async () => {
    const { core, sim, id } = await setup({ pullReports: false });
    const campaign = await send(core, id, cnMobiles(20, 9000));
    sim.reportAll();
    sim.addReply({ phone: '13900000001', content: 'hi' });
    await core.monitoring.poller.pollNow();
    expect(pulls(sim, '/v1/report')).toBe(0);
    expect(pulls(sim, '/v1/reply')).toBe(0);
    expect((await call<CampaignView>(core, 'campaignGet', { id: campaign.id })).counts.submitted).toBe(20);
  });

  it('a failed pull is tried again next round', async () => {
    const { core, sim, id } = await setup();
    const campaign = await send(core, id, cnMobiles(30, 11000));
    sim.reportAll();
    sim.faults.force('error500');
    await core.monitoring.poller.pollNow(); // the report pull fails: nothing is lost at JSMS, the next round asks again
    expect(sim.faults.injected).toEqual(['error500']);
    expect((await call<CampaignView>(core, 'campaignGet', { id: campaign.id })).counts.submitted).toBe(30);
    await core.monitoring.poller.pollNow();
    expect((await call<CampaignView>(core, 'campaignGet', { id: campaign.id })).counts.delivered).toBe(30);
    expect(sim.state.pullRefused).toBe(0);
  });

  it('stopping ends a wait between two pulls at once', async () => {
    const { core, sim, id } = await setup({ pollerGapMs: 60_000, simGapMs: 0, pollEveryMs: 600_000 }); // rounds of 10 min: the round waits between pulls
    await send(core, id, cnMobiles(700, 12000));
    sim.reportAll();
    const round = core.monitoring.poller.pollNow(); // 500 arrive, then it waits 60 s for the rest
    await expect.poll(() => pulls(sim, '/v1/report'), { timeout: 5_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await core.stop();
    await round;
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(pulls(sim, '/v1/report')).toBe(1);
    expect(sim.state.reportQueue).toHaveLength(200);
  });

  it('a JSMS account waiting between pulls does not hold up another account in the same round', async () => {
    const { core, sim, id } = await setup({ pollerGapMs: 60_000, simGapMs: 0, pollEveryMs: 600_000 }); // rounds of 10 min: the round waits between pulls
    const eims = await startEimsSim({ balance: 1_000 });
    try {
      // Named to be polled after the JSMS account (accounts are listed by name).
      await call(core, 'accountsCreate', { config: { kind: 'eims', name: 'Zhongshan EIMS', baseUrl: eims.url, account: 'demo', encrypted: false }, secrets: { password: 'demo-password' } });
      await send(core, id, cnMobiles(700, 14000));
      sim.reportAll();
      eims.addInbound({ from: '8613912345678', text: 'still here' });
      let roundOver = false;
      const round = core.monitoring.poller.pollNow().then(() => (roundOver = true)); // the JSMS pull now waits 60 s
      await expect.poll(async () => (await call<InboxThreadsPage>(core, 'inboxThreads', {})).threads.length, { timeout: 5_000 }).toBe(1);
      expect(roundOver).toBe(false);
      expect(pulls(sim, '/v1/report')).toBe(1);
      await core.stop();
      await round;
    } finally {
      await eims.close();
    }
  });

  it('pulls about one round of calls per round (round ÷ gap), leaving the rest to the next round', async () => {
    const { core, sim, id } = await setup({ pollerGapMs: 50, pollEveryMs: 100 }); // at most 2 calls a round
    await send(core, id, cnMobiles(1200, 16000));
    sim.reportAll();
    await core.monitoring.poller.pollNow();
    expect(pulls(sim, '/v1/report')).toBe(2);
    expect(sim.state.reportQueue).toHaveLength(200);
    await core.monitoring.poller.pollNow();
    expect(pulls(sim, '/v1/report')).toBe(3);
    expect(sim.state.reportQueue).toHaveLength(0);
    expect(sim.state.pullRefused).toBe(0);
  });
});
