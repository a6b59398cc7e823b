/**
 * Crash safety of the outbox ledger: a child process runs the core (crash-child.ts) and is SIGKILLed
 * at seeded random points while it sends; the simulators live in THIS process, so they survive every
 * kill and keep their own record of what they accepted. After the last restart sends everything that
 * is left, the simulators' records and the ledger (read from the SQLite file after the child is gone)
 * must agree: no number accepted twice, nothing the ledger says was handed over missing from the
 * simulator, nothing left queued/submitting, every unknown/failed message with a reason.
 *
 * CI size by default (≤ 60 s on 2 cores). Scale up for the reliability bench:
 *   CRASH_KILLS=50 CRASH_MESSAGES=100000 CRASH_SEED=7 npx vitest run --project node tests/integration/sending/crash.test.ts
 * (CRASH_BOX_MESSAGES for the GSM box run; CRASH_EIMS_BATCH to change the EIMS batch size.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import type { DispatchTuning } from '../../../src/main/core/dispatch/dispatcher.ts';
import { BATCH_SIZE } from '../../../src/main/core/dispatch/batch-senders.ts';
import { DATABASE_FILE } from '../../../src/main/core/store/database.ts';
import { startEimsSim } from '../../sim/eims.ts';
import { startGsmboxSim } from '../../sim/gsmbox.ts';
import { seededRandom } from '../../sim/faults.ts';
import { countByNumber, type SimRecord } from '../../sim/http-kit.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore } from '../../helpers/test-core.ts';
import { call, cnMobiles } from '../../helpers/sending.ts';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const KILLS = env('CRASH_KILLS', 10);
const SEED = env('CRASH_SEED', 20_240_611);
const EIMS_MESSAGES = env('CRASH_MESSAGES', 20_000);
const BOX_MESSAGES = env('CRASH_BOX_MESSAGES', 1_000);
const EIMS_BATCH = env('CRASH_EIMS_BATCH', BATCH_SIZE.eims);
const CHILD = join(import.meta.dirname, 'crash-child.ts');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface ChildRun {
  child: ChildProcess;
  /** Resolves with the exit code (null when killed). */
  exited: Promise<number | null>;
  startedAt: number;
  /** ms from spawn to the `started` line, or null while not started. */
  started: () => number | null;
  done: () => boolean;
  output: () => string;
}

function spawnChild(dataDir: string, config: unknown): ChildRun {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [CHILD, dataDir, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let started: number | null = null;
  let done = false;
  let partial = '';
  child.stdout!.on('data', (c: Buffer) => {
    partial += c.toString();
    const lines = partial.split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const ev = JSON.parse(line) as { event: string };
      if (ev.event === 'started') started = Date.now() - startedAt;
      if (ev.event === 'done') done = true;
      if (ev.event !== 'progress') out += `${line}\n`;
    }
  });
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, exited, startedAt, started: () => started, done: () => done, output: () => `${out}${err}` };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface CrashPlan {
  dataDir: string;
  childConfig: { campaignId: string; accountId: string; secrets: Record<string, string>; tuning: DispatchTuning; waitUnknownMs?: number };
  kills: number;
  seed: number;
  /** How long after `started` a kill may land (ms), for kills "while sending". */
  sendWindowMs: number;
  /** Most messages one kill while sending can leave `unknown` (requests in flight × their size). */
  costPerKill: number;
  campaignId: string;
}

interface CrashReport {
  kills: number;
  killsDuringStartup: number;
  killsWhileSending: number;
  restarts: number;
  ms: number;
}

/**
 * Kills the child at seeded random points, restarting it each time, then lets a last run finish.
 * Some kills land while the process starts (before the dispatcher runs: loading, opening the
 * database, recovering the previous crash), the rest at a random time while it sends. A kill while
 * sending can leave up to `costPerKill` messages unknown; when the queue could not feed the kills
 * still to come, more of them land during startup (with EIMS's 2,000-number batches, 20,000 numbers
 * are only 10 requests), so the run always gets its kills while the campaign still has work.
 */
async function killAndRestart(plan: CrashPlan): Promise<CrashReport> {
  const rand = seededRandom(plan.seed);
  const t0 = Date.now();
  let startupMs = 700;
  const report: CrashReport = { kills: 0, killsDuringStartup: 0, killsWhileSending: 0, restarts: 0, ms: 0 };
  while (report.kills < plan.kills && report.restarts < plan.kills * 3) {
    const queued = countState(plan.dataDir, plan.campaignId, 'queued');
    const feedable = Math.floor(queued / plan.costPerKill);
    const pStartup = queued === 0 ? 1 : Math.max(1 / 3, 1 - feedable / (plan.kills - report.kills));
    const run = spawnChild(plan.dataDir, plan.childConfig);
    report.restarts += 1;
    const duringStartup = rand() < pStartup;
    const delay = rand() * (duringStartup ? startupMs : plan.sendWindowMs);
    // Wait for the kill point (or the child finishing on its own).
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (run.child.exitCode !== null) break;
      const s = run.started();
      if (duringStartup && Date.now() - run.startedAt >= delay) break;
      if (!duringStartup && s !== null && Date.now() - run.startedAt - s >= delay) break;
      if (Date.now() > deadline) throw new Error(`child did not start in 20 s:\n${run.output()}`);
      await sleep(1);
    }
    const s = run.started();
    if (s !== null) startupMs = s * 0.8;
    if (run.child.exitCode !== null || run.done()) {
      const code = await run.exited;
      if (code !== 0) throw new Error(`child exited with ${code}:\n${run.output()}`);
      continue; // finished before the kill point (nothing left to send): the next one is killed sooner
    }
    run.child.kill('SIGKILL');
    await run.exited;
    if (process.env.CRASH_DEBUG) console.log(`kill ${report.kills + 1}: ${duringStartup ? 'startup' : 'sending'} after ${Date.now() - run.startedAt} ms (started at ${s})`);
    report.kills += 1;
    if (s === null) report.killsDuringStartup += 1;
    else report.killsWhileSending += 1;
  }
  // The last run: nothing kills it; it exits 0 when the campaign has nothing queued or in flight.
  const last = spawnChild(plan.dataDir, plan.childConfig);
  report.restarts += 1;
  const code = await Promise.race([last.exited, sleep(40_000).then(() => 'timeout' as const)]);
  if (code !== 0) throw new Error(`final run ended with ${code}:\n${last.output()}`);
  if (process.env.CRASH_DEBUG) console.log(`final run ${Date.now() - last.startedAt} ms\n${last.output()}`);
  report.ms = Date.now() - t0;
  return report;
}

interface LedgerRow {
  id: number;
  address: string;
  state: string;
  error_code: string | null;
  provider_id: string | null;
}

/** Messages of the campaign in a state, read while no child runs. */
function countState(dataDir: string, campaignId: string, state: string): number {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string, string], { n: number }>(`SELECT count(*) AS n FROM messages WHERE campaign_id = ? AND state = ?`).get(campaignId, state)!.n;
  } finally {
    db.close();
  }
}

function readLedger(dataDir: string, campaignId: string): { rows: LedgerRow[]; campaignState: string } {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare<[string], LedgerRow>(`SELECT id, address, state, error_code, provider_id FROM messages WHERE campaign_id = ? ORDER BY id`).all(campaignId);
    const c = db.prepare<[string], { state: string }>(`SELECT state FROM campaigns WHERE id = ?`).get(campaignId);
    return { rows, campaignState: c?.state ?? 'missing' };
  } finally {
    db.close();
  }
}

const HANDED = new Set(['submitted', 'sent', 'delivered']);

/** The checks shared by both providers; returns the counts to print. */
function checkAgreement(rows: LedgerRow[], accepted: readonly SimRecord[], total: number) {
  expect(rows).toHaveLength(total);
  // No duplicates: the simulator accepted no number twice.
  const perNumber = countByNumber(accepted);
  const twice = [...perNumber].filter(([, n]) => n > 1);
  expect(twice, 'numbers the simulator accepted more than once').toEqual([]);
  const simIds = new Map(accepted.map((a) => [a.number, a.providerId]));
  const byAddress = new Map(rows.map((r) => [r.address, r]));
  // Nothing stuck.
  const stuck = rows.filter((r) => r.state === 'queued' || r.state === 'submitting');
  expect(stuck.map((r) => `${r.id}:${r.state}`), 'messages left queued/submitting').toEqual([]);
  // Nothing lost: every message the ledger says was handed over is in the simulator, under its id.
  const lost = rows.filter((r) => HANDED.has(r.state) && !simIds.has(r.address));
  expect(lost.map((r) => r.address), 'handed over per the ledger, but the simulator has no record').toEqual([]);
  const wrongId = rows.filter((r) => HANDED.has(r.state) && r.provider_id !== null && simIds.get(r.address) !== r.provider_id);
  expect(wrongId.map((r) => r.address), 'provider id differs from the simulator').toEqual([]);
  // Every message ends handed over, or unknown/failed with a reason.
  const unexplained = rows.filter((r) => !HANDED.has(r.state) && !((r.state === 'unknown' || r.state === 'failed') && r.error_code));
  expect(unexplained.map((r) => `${r.address}:${r.state}:${r.error_code}`), 'messages neither handed over nor unknown/failed with a reason').toEqual([]);
  // The simulator accepted nothing the ledger does not know about or claims was not sent.
  const foreign = accepted.filter((a) => {
    const r = byAddress.get(a.number);
    return !r || !(HANDED.has(r.state) || r.state === 'unknown');
  });
  expect(foreign.map((a) => a.number), 'accepted by the simulator but not handed over/unknown in the ledger').toEqual([]);
  const unknown = rows.filter((r) => r.state === 'unknown');
  return {
    handedOver: rows.filter((r) => HANDED.has(r.state)).length,
    unknown: unknown.length,
    unknownActuallyAccepted: unknown.filter((r) => simIds.has(r.address)).length,
    failed: rows.filter((r) => r.state === 'failed').length,
    simAccepted: accepted.length,
  };
}

describe('SIGKILL while sending', () => {
  it(`EIMS: ${EIMS_MESSAGES} numbers, ${KILLS} kills — nothing twice, nothing lost`, async () => {
    const tmp = makeTempDir('crash-eims-');
    cleanups.push(() => tmp.cleanup());
    const sim = await startEimsSim({ balance: 10_000_000 });
    cleanups.push(() => sim.close());
    // Some latency so kills land before, during and after the simulator processes a request.
    sim.faults.configure({ seed: SEED, latencyMs: [20, 120] });

    const tuning: DispatchTuning = { eimsBatchSize: EIMS_BATCH, progressEveryMs: 50, retryBaseMs: 50 };
    const secrets = { password: 'demo-password' };
    const setup = makeTestCore(tmp.dir, { dispatch: tuning });
    const { id: accountId } = await call<{ id: string }>(setup.core, 'accountsCreate', {
      config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
      secrets,
    });
    const numbers = cnMobiles(EIMS_MESSAGES);
    // Not started: campaignCreate only writes the ledger; the children send.
    const c = await call<CampaignView>(setup.core, 'campaignCreate', {
      name: 'Crash', accountId, content: { mode: 'text', body: 'Crash test {name}' },
      recipients: { listIds: [], pasted: numbers.join('\n') }, confirmed: true,
    });
    await setup.core.stop();
    expect(c.total).toBe(EIMS_MESSAGES);

    const report = await killAndRestart({
      dataDir: tmp.dir,
      childConfig: { campaignId: c.id, accountId, secrets, tuning },
      kills: KILLS,
      seed: SEED,
      sendWindowMs: 1500,
      costPerKill: EIMS_BATCH * 2,
      campaignId: c.id,
    });

    const { rows, campaignState } = readLedger(tmp.dir, c.id);
    expect(campaignState).toBe('done');
    const counts = checkAgreement(rows, sim.state.accepted, EIMS_MESSAGES);
    const requests = sim.state.requests.filter((r) => r.path === '/sendsms').length;
    const ideal = Math.ceil(EIMS_MESSAGES / EIMS_BATCH);
    console.log(
      `[crash eims] ${EIMS_MESSAGES} msgs, batch ${EIMS_BATCH}, seed ${SEED}: ${report.kills} kills (${report.killsDuringStartup} during startup, ${report.killsWhileSending} while sending), ` +
        `${report.restarts} runs, ${(report.ms / 1000).toFixed(1)} s | handed over ${counts.handedOver}, unknown ${counts.unknown} ` +
        `(of which the simulator had accepted ${counts.unknownActuallyAccepted}), failed ${counts.failed} | sim accepted ${counts.simAccepted}, duplicates 0 | ` +
        `/sendsms requests ${requests} vs ideal ${ideal}`,
    );
    expect(report.kills).toBe(KILLS);
    // EIMS cannot be asked by number: unknowns stay unknown, never resent.
    expect(counts.handedOver + counts.unknown + counts.failed).toBe(EIMS_MESSAGES);
  }, 60_000);

  it(`GSM box: ${BOX_MESSAGES} numbers on 8 ports, ${KILLS} kills — nothing twice, nothing lost`, async () => {
    const tmp = makeTempDir('crash-box-');
    cleanups.push(() => tmp.cleanup());
    const sim = await startGsmboxSim({ ports: 8, busyMs: 8, resultDelayMs: 5, reportDelayMs: 10 });
    cleanups.push(() => sim.close());
    sim.faults.configure({ seed: SEED, latencyMs: [1, 8] });

    // Reconcile unknowns soon: the simulator writes its outbox as it accepts, and a killed child's
    // last request reached it long before the next child is up.
    const tuning: DispatchTuning = { boxPaceMs: 10, progressEveryMs: 50, retryBaseMs: 50, boxReconcileAfterMs: 300, boxReconcileEveryMs: 200 };
    const secrets = { password: 'demo-box-password' };
    const setup = makeTestCore(tmp.dir, { dispatch: tuning });
    const { id: accountId } = await call<{ id: string }>(setup.core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Box', baseUrl: sim.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 0 },
      secrets,
    });
    const numbers = cnMobiles(BOX_MESSAGES, 500_000);
    const c = await call<CampaignView>(setup.core, 'campaignCreate', {
      name: 'Crash box', accountId, content: { mode: 'text', body: 'Box crash test' },
      recipients: { listIds: [], pasted: numbers.join('\n') }, confirmed: true,
    });
    await setup.core.stop();

    const report = await killAndRestart({
      dataDir: tmp.dir,
      childConfig: { campaignId: c.id, accountId, secrets, tuning, waitUnknownMs: 10_000 },
      kills: KILLS,
      seed: SEED + 1,
      sendWindowMs: 600,
      costPerKill: 8,
      campaignId: c.id,
    });

    const { rows, campaignState } = readLedger(tmp.dir, c.id);
    expect(campaignState).toBe('done');
    const counts = checkAgreement(rows, sim.state.accepted, BOX_MESSAGES);
    const sends = sim.state.requests.filter((r) => r.uri === '/sms/send');
    const busy = sends.filter((r) => r.code === 503).length;
    console.log(
      `[crash box] ${BOX_MESSAGES} msgs, 8 ports, seed ${SEED + 1}: ${report.kills} kills (${report.killsDuringStartup} during startup, ${report.killsWhileSending} while sending), ` +
        `${report.restarts} runs, ${(report.ms / 1000).toFixed(1)} s | handed over ${counts.handedOver}, unknown ${counts.unknown} ` +
        `(of which the simulator had accepted ${counts.unknownActuallyAccepted}), failed ${counts.failed} | sim accepted ${counts.simAccepted}, duplicates 0 | ` +
        `/sms/send requests ${sends.length} (busy 503: ${busy}) vs ideal ${BOX_MESSAGES}`,
    );
    expect(report.kills).toBe(KILLS);
    // The box can be asked by number (outbox query, reconcile-box.ts): after reconciliation nothing stays unknown.
    expect(counts.unknown).toBe(0);
  }, 60_000);
});
