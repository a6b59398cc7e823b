/**
 * Account failover (issue 19 part 5) against the simulators over real HTTP: a campaign that paused
 * because its EIMS balance ran out moves what it never handed over to another account, after the user
 * saw the summary. At the far end every number is received exactly once across the two providers —
 * nothing twice, nothing lost — also when the app stops in the middle of a move.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignPreview, CampaignView, MessageEventView, MessagePage, MoveTarget } from '../../../src/shared/campaigns.ts';
import { CampaignsRepository } from '../../../src/main/core/campaigns/campaigns-repository.ts';
import { createMoveStep } from '../../../src/main/core/campaigns/move-step.ts';
import { DATABASE_FILE } from '../../../src/main/core/store/database.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { startGsmboxSim, type GsmboxSim } from '../../sim/gsmbox.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call, cnMobiles, handedOver, waitForCampaign } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
const sims: { close(): Promise<void> }[] = [];
const options = { dispatch: { progressEveryMs: 20, eimsBatchSize: 100, retryBaseMs: 50, boxPaceMs: 5, boxReconcileAfterMs: 300, boxReconcileEveryMs: 100 } };

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, options);
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  await Promise.all(sims.splice(0).map((s) => s.close()));
  tmp.cleanup();
});

async function eims(name: string, balance: number): Promise<{ sim: EimsSim; id: string }> {
  const sim = await startEimsSim({ balance, price: 1 });
  sims.push(sim);
  const v = await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'eims', name, baseUrl: sim.url, account: 'demo', encrypted: false },
    secrets: { password: 'demo-password' },
  });
  return { sim, id: v.id };
}

async function box(): Promise<{ sim: GsmboxSim; id: string }> {
  const sim = await startGsmboxSim({ ports: 4, busyMs: 5 });
  sims.push(sim);
  const v = await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'gsmbox', name: 'Office box', baseUrl: sim.url, username: 'admin' },
    secrets: { password: 'demo-box-password' },
  });
  return { sim, id: v.id };
}

/** The last 11 digits: EIMS gets 86…, the box the national form. */
const mobile = (n: string) => n.replace(/\D/g, '').slice(-11);

async function pausedOnBalance(numbers: string[], balance = 150) {
  const first = await eims('Platform A', balance);
  const c = await call<CampaignView>(tc.core, 'campaignCreate', {
    name: 'Sale',
    accountId: first.id,
    content: { mode: 'text', body: 'Sale today 周末特惠' },
    recipients: { listIds: [], pasted: numbers.join('\n') },
    confirmed: true,
  });
  // Paused, and no request still in flight (a refused one puts its messages back in the queue).
  const held = await waitForCampaign(tc.core, c.id, { until: (v) => v.state === 'paused' && v.counts.submitting === 0 });
  expect(held.lastError?.code).toBe('EIMS_BALANCE');
  return { first, held };
}

describe('moving a paused campaign to another account', () => {
  it('offers accounts that can send the content, previews only what was never handed over, and every number arrives exactly once', async () => {
    const numbers = cnMobiles(300);
    const { first, held } = await pausedOnBalance(numbers);
    const second = await eims('Platform B', 1_000_000);
    const gsm = await box();
    const handed = held.counts.submitted;
    expect(handed).toBeGreaterThan(0);
    expect(handed).toBeLessThan(300);

    const targets = await call<MoveTarget[]>(tc.core, 'campaignMoveTargets', { id: held.id });
    expect(targets.map((t) => t.name).sort()).toEqual(['Office box', 'Platform B']);

    const preview = await call<CampaignPreview>(tc.core, 'campaignMovePreview', { id: held.id, accountId: second.id });
    expect(preview).toMatchObject({ recipients: 300 - handed, totalSegments: 300 - handed, optedOut: 0, invalid: 0, cost: { segments: 300 - handed, money: null } });
    // The balance shown is the chosen account's, asked just now.
    expect(preview.balances.map((b) => b.amount)).toContain(1_000_000);
    // The summary's sample is the text as it was rendered for the first account.
    expect(preview.sample[0]!.text).toBe('Sale today 周末特惠');
    // Nothing was sent by the preview, and the move needs the user's confirmation.
    expect(second.sim.state.accepted).toHaveLength(0);
    await expect(call(tc.core, 'campaignMove', { id: held.id, accountId: second.id })).rejects.toThrow();
    await expect(call(tc.core, 'campaignMove', { id: held.id, accountId: first.id, confirmed: true })).rejects.toThrow(/already uses this account/);

    const moved = await call<CampaignView>(tc.core, 'campaignMove', { id: held.id, accountId: second.id, confirmed: true });
    expect(moved).toMatchObject({ accountId: second.id, total: 300 - handed, movedFrom: held.id });
    const done = await waitForCampaign(tc.core, moved.id, { until: handedOver });
    expect(done.counts.submitted).toBe(300 - handed);

    // The far end: the two platforms together got every number once, with the text rendered for it.
    const got = [...first.sim.state.accepted, ...second.sim.state.accepted];
    expect(got).toHaveLength(300);
    expect(new Set(got.map((a) => mobile(a.number)))).toEqual(new Set(numbers));
    expect(new Set(second.sim.state.accepted.map((a) => a.content))).toEqual(new Set(['Sale today 周末特惠']));
    expect(gsm.sim.state.accepted).toHaveLength(0);

    // The first campaign is handed over (nothing left), links to the new one, and says why the rest left.
    const source = await waitForCampaign(tc.core, held.id, { until: handedOver });
    expect(source.counts).toMatchObject({ submitted: handed, cancelled: 300 - handed, queued: 0 });
    expect(source.movedTo).toEqual([moved.id]);
    const page = await call<MessagePage>(tc.core, 'campaignMessages', { id: held.id, limit: 1000, states: ['cancelled'] });
    expect(page.total).toBe(300 - handed);
    const history = await call<MessageEventView[]>(tc.core, 'messageHistory', { messageId: page.rows[0]!.id });
    expect(history.at(-1)).toMatchObject({ state: 'cancelled', detail: 'Moved to another account: a new campaign sends it.' });
    // Nothing to move any more.
    await expect(call(tc.core, 'campaignMovePreview', { id: held.id, accountId: gsm.id })).rejects.toThrow(/paused/);
  });

  it('moves free text to a GSM box in the box’s number form; numbers opted out since stay behind', async () => {
    const numbers = cnMobiles(260);
    const { first, held } = await pausedOnBalance(numbers);
    const gsm = await box();
    const unsent = numbers.filter((n) => !first.sim.state.accepted.some((a) => mobile(a.number) === n));
    await call(tc.core, 'optOutsAdd', { numbers: [unsent[0]!], region: 'CN' });

    const preview = await call<CampaignPreview>(tc.core, 'campaignMovePreview', { id: held.id, accountId: gsm.id });
    expect(preview).toMatchObject({ recipients: unsent.length - 1, optedOut: 1 });
    const moved = await call<CampaignView>(tc.core, 'campaignMove', { id: held.id, accountId: gsm.id, confirmed: true });
    await waitForCampaign(tc.core, moved.id, { until: handedOver, timeoutMs: 30_000 });

    const boxGot = gsm.sim.state.accepted.map((a) => a.number);
    expect(boxGot).toHaveLength(unsent.length - 1);
    expect(new Set(boxGot)).toEqual(new Set(unsent.slice(1)));
    expect(boxGot).not.toContain(unsent[0]);
    expect(new Set(gsm.sim.state.accepted.map((a) => a.content))).toEqual(new Set(['Sale today 周末特惠']));
    // The opted-out number stays queued on the first campaign, which stays paused for the user to decide.
    const source = await call<CampaignView>(tc.core, 'campaignGet', { id: held.id });
    expect(source.state).toBe('paused');
    expect(source.counts.queued).toBe(1);
  });

  it('refuses a campaign that is not paused, and content the account cannot send', async () => {
    const a = await eims('Platform A', 1_000_000);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', {
      name: 'Running',
      accountId: a.id,
      content: { mode: 'text', body: 'Hi' },
      recipients: { listIds: [], pasted: cnMobiles(3).join('\n') },
      confirmed: true,
    });
    await waitForCampaign(tc.core, c.id, { until: handedOver });
    const b = await eims('Platform B', 1_000_000);
    await expect(call(tc.core, 'campaignMovePreview', { id: c.id, accountId: b.id })).rejects.toThrow(/Only a paused campaign/);
    // A JSMS account sends templates only: it is not offered for free text.
    await call(tc.core, 'accountsCreate', {
      config: { kind: 'jsms', name: 'JSMS', baseUrl: 'http://127.0.0.1:9', appKey: 'key' },
      secrets: { masterSecret: 'master-secret' },
    });
    expect((await call<MoveTarget[]>(tc.core, 'campaignMoveTargets', { id: c.id })).map((t) => t.accountId)).toEqual([b.id]);
  });

  it('continues a move the app stopped in the middle of: every number still arrives exactly once', async () => {
    const numbers = cnMobiles(400);
    const { first, held } = await pausedOnBalance(numbers, 100);
    const second = await eims('Platform B', 1_000_000);
    const handed = held.counts.submitted;
    await tc.core.stop();

    // What the first steps of a move leave behind when the app stops: a preparing campaign holding some
    // of the messages, the rest still queued in the source.
    const db = new Database(join(tmp.dir, DATABASE_FILE));
    const repo = new CampaignsRepository(db);
    const row = {
      id: 'moved-part-way',
      name: 'Sale (moved)',
      accountId: second.id,
      provider: 'eims' as const,
      content: { mode: 'text' as const, body: 'Sale today 周末特惠' },
      quietHours: null,
      options: { movedFrom: held.id },
      retryOf: null,
      createdAt: Date.now(),
    };
    repo.createPreparing(row, { move: { from: held.id } });
    const step = createMoveStep(db, repo, { now: () => Date.now(), setTimeout, clearTimeout });
    expect(step.step(held.id, row, { kind: 'eims', region: 'CN' }, 0, 50).read).toBe(50);
    db.close();

    tc = makeTestCore(tmp.dir, { ...options, secrets: tc.secrets });
    await tc.core.start();
    const moved = await waitForCampaign(tc.core, 'moved-part-way', { until: handedOver });
    expect(moved.counts.submitted).toBe(400 - handed);
    const got = [...first.sim.state.accepted, ...second.sim.state.accepted];
    expect(got).toHaveLength(400);
    expect(new Set(got.map((a) => mobile(a.number)))).toEqual(new Set(numbers));
    const source = await waitForCampaign(tc.core, held.id, { until: handedOver });
    expect(source.counts.cancelled).toBe(400 - handed);
  });
});
