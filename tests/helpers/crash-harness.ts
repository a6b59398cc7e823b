/**
 * The crash harness shared by tests/integration/sending/crash.test.ts and bench/reliability.ts: a
 * child process runs the core (tests/integration/sending/crash-child.ts) and is SIGKILLed at seeded
 * random points while it sends; the simulators live in THIS process, so they survive every kill and
 * keep their own record of what they accepted. After the last restart sends everything that is left,
 * the simulators' records are compared with the ledger (read from the SQLite file once the child is
 * gone). No test-runner imports: the test asserts on what these functions return.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CampaignView } from '../../src/shared/campaigns.ts';
import type { DispatchTuning } from '../../src/main/core/dispatch/dispatcher.ts';
import { BATCH_SIZE } from '../../src/main/core/dispatch/batch-senders.ts';
import { DATABASE_FILE } from '../../src/main/core/store/database.ts';
import { startEimsSim } from '../sim/eims.ts';
import { startGsmboxSim } from '../sim/gsmbox.ts';
import { seededRandom } from '../sim/faults.ts';
import { countByNumber, type SimRecord } from '../sim/http-kit.ts';
import { makeTempDir } from './temp-dir.ts';
import { makeTestCore } from './test-core.ts';
import { call, cnMobiles } from './sending.ts';

const CHILD = join(import.meta.dirname, '..', 'integration', 'sending', 'crash-child.ts');

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

function spawnChild(dataDir: string, config: unknown, children: ChildProcess[]): ChildRun {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [CHILD, dataDir, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
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
  return { child, exited, startedAt, started: () => started, done: () => done, output: () => `${out}${err}` };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface CrashChildConfig {
  campaignId: string;
  accountId: string;
  secrets: Record<string, string>;
  tuning: DispatchTuning;
  waitUnknownMs?: number;
}

export interface CrashPlan {
  dataDir: string;
  childConfig: CrashChildConfig;
  kills: number;
  seed: number;
  /** How long after `started` a kill may land (ms), for kills "while sending". */
  sendWindowMs: number;
  /** Most messages one kill while sending can leave `unknown` (requests in flight × their size). */
  costPerKill: number;
  campaignId: string;
  /** Logs each kill (CRASH_DEBUG). */
  debug?: boolean;
}

export interface CrashReport {
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
 * Every child it spawned is gone when it returns or throws.
 */
export async function killAndRestart(plan: CrashPlan): Promise<CrashReport> {
  const children: ChildProcess[] = [];
  try {
    return await killAndRestartIn(plan, children);
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

async function killAndRestartIn(plan: CrashPlan, children: ChildProcess[]): Promise<CrashReport> {
  const rand = seededRandom(plan.seed);
  const t0 = Date.now();
  let startupMs = 700;
  const report: CrashReport = { kills: 0, killsDuringStartup: 0, killsWhileSending: 0, restarts: 0, ms: 0 };
  while (report.kills < plan.kills && report.restarts < plan.kills * 3) {
    const queued = countState(plan.dataDir, plan.campaignId, 'queued');
    const feedable = Math.floor(queued / plan.costPerKill);
    const pStartup = queued === 0 ? 1 : Math.max(1 / 3, 1 - feedable / (plan.kills - report.kills));
    const run = spawnChild(plan.dataDir, plan.childConfig, children);
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
    if (plan.debug) console.log(`kill ${report.kills + 1}: ${duringStartup ? 'startup' : 'sending'} after ${Date.now() - run.startedAt} ms (started at ${s})`);
    report.kills += 1;
    if (s === null) report.killsDuringStartup += 1;
    else report.killsWhileSending += 1;
  }
  // The last run: nothing kills it; it exits 0 when the campaign has nothing queued or in flight.
  const last = spawnChild(plan.dataDir, plan.childConfig, children);
  report.restarts += 1;
  const code = await Promise.race([last.exited, sleep(40_000).then(() => 'timeout' as const)]);
  if (code !== 0) throw new Error(`final run ended with ${code}:\n${last.output()}`);
  if (plan.debug) console.log(`final run ${Date.now() - last.startedAt} ms\n${last.output()}`);
  report.ms = Date.now() - t0;
  return report;
}

export interface LedgerRow {
  id: number;
  address: string;
  state: string;
  error_code: string | null;
  provider_id: string | null;
}

/** Messages of the campaign in a state, read while no child runs. */
export function countState(dataDir: string, campaignId: string, state: string): number {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string, string], { n: number }>(`SELECT count(*) AS n FROM messages WHERE campaign_id = ? AND state = ?`).get(campaignId, state)!.n;
  } finally {
    db.close();
  }
}

export function readLedger(dataDir: string, campaignId: string): { rows: LedgerRow[]; campaignState: string } {
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

/** How the ledger and a simulator's record compare: each list names the offenders (empty = agreed). */
export interface Agreement {
  rowCount: number;
  /** Numbers the simulator accepted more than once. */
  duplicates: [string, number][];
  /** Messages left queued/submitting. */
  stuck: string[];
  /** Handed over per the ledger, but the simulator has no record (lost). */
  lost: string[];
  /** Provider id differs from the simulator's. */
  wrongId: string[];
  /** Neither handed over nor unknown/failed with a reason. */
  unexplained: string[];
  /** Accepted by the simulator but not handed over/unknown in the ledger. */
  foreign: string[];
  handedOver: number;
  unknown: number;
  /** Unknown messages the simulator had in fact accepted. */
  unknownActuallyAccepted: number;
  failed: number;
  simAccepted: number;
}

export function ledgerAgreement(rows: readonly LedgerRow[], accepted: readonly SimRecord[]): Agreement {
  const duplicates = [...countByNumber(accepted)].filter(([, n]) => n > 1);
  const simIds = new Map(accepted.map((a) => [a.number, a.providerId]));
  const byAddress = new Map(rows.map((r) => [r.address, r]));
  const unknown = rows.filter((r) => r.state === 'unknown');
  return {
    rowCount: rows.length,
    duplicates,
    stuck: rows.filter((r) => r.state === 'queued' || r.state === 'submitting').map((r) => `${r.id}:${r.state}`),
    lost: rows.filter((r) => HANDED.has(r.state) && !simIds.has(r.address)).map((r) => r.address),
    wrongId: rows.filter((r) => HANDED.has(r.state) && r.provider_id !== null && simIds.get(r.address) !== r.provider_id).map((r) => r.address),
    unexplained: rows.filter((r) => !HANDED.has(r.state) && !((r.state === 'unknown' || r.state === 'failed') && r.error_code)).map((r) => `${r.address}:${r.state}:${r.error_code}`),
    foreign: accepted
      .filter((a) => {
        const r = byAddress.get(a.number);
        return !r || !(HANDED.has(r.state) || r.state === 'unknown');
      })
      .map((a) => a.number),
    handedOver: rows.filter((r) => HANDED.has(r.state)).length,
    unknown: unknown.length,
    unknownActuallyAccepted: unknown.filter((r) => simIds.has(r.address)).length,
    failed: rows.filter((r) => r.state === 'failed').length,
    simAccepted: accepted.length,
  };
}

export interface CrashOutcome {
  messages: number;
  /** The campaign's total as campaignCreate reported it. */
  created: number;
  campaignState: string;
  report: CrashReport;
  agreement: Agreement;
  /** Send requests that reached the simulator, and the fewest that could carry every message. */
  requests: number;
  ideal: number;
  /** Busy-port (503) refusals among them (GSM box). */
  busy: number;
  /** The one-line summary the test and the bench print. */
  line: string;
}

const summary = (label: string, o: Omit<CrashOutcome, 'line'>, extra: string) =>
  `[crash ${label}] ${extra}: ${o.report.kills} kills (${o.report.killsDuringStartup} during startup, ${o.report.killsWhileSending} while sending), ` +
  `${o.report.restarts} runs, ${(o.report.ms / 1000).toFixed(1)} s | handed over ${o.agreement.handedOver}, unknown ${o.agreement.unknown} ` +
  `(of which the simulator had accepted ${o.agreement.unknownActuallyAccepted}), failed ${o.agreement.failed} | sim accepted ${o.agreement.simAccepted}, duplicates ${o.agreement.duplicates.length}`;

/** EIMS: `messages` numbers in batches of `batch`, `kills` SIGKILLs, simulator latency 20–120 ms. */
export async function runEimsCrash(opts: { messages: number; kills: number; seed: number; batch?: number; debug?: boolean }): Promise<CrashOutcome> {
  const batch = opts.batch ?? BATCH_SIZE.eims;
  const tmp = makeTempDir('crash-eims-');
  const sim = await startEimsSim({ balance: 10_000_000 });
  try {
    // Some latency so kills land before, during and after the simulator processes a request.
    sim.faults.configure({ seed: opts.seed, latencyMs: [20, 120] });
    const tuning: DispatchTuning = { eimsBatchSize: batch, progressEveryMs: 50, retryBaseMs: 50 };
    const secrets = { password: 'demo-password' };
    const setup = makeTestCore(tmp.dir, { dispatch: tuning });
    const { id: accountId } = await call<{ id: string }>(setup.core, 'accountsCreate', {
      config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
      secrets,
    });
    // Not started: campaignCreate only writes the ledger; the children send.
    const c = await call<CampaignView>(setup.core, 'campaignCreate', {
      name: 'Crash', accountId, content: { mode: 'text', body: 'Crash test {name}' },
      recipients: { listIds: [], pasted: cnMobiles(opts.messages).join('\n') }, confirmed: true,
    });
    await setup.core.stop();

    const report = await killAndRestart({
      dataDir: tmp.dir,
      childConfig: { campaignId: c.id, accountId, secrets, tuning },
      kills: opts.kills,
      seed: opts.seed,
      sendWindowMs: 1500,
      costPerKill: batch * 2,
      campaignId: c.id,
      ...(opts.debug ? { debug: true } : {}),
    });
    const { rows, campaignState } = readLedger(tmp.dir, c.id);
    const o = {
      messages: opts.messages,
      created: c.total,
      campaignState,
      report,
      agreement: ledgerAgreement(rows, sim.state.accepted),
      requests: sim.state.requests.filter((r) => r.path === '/sendsms').length,
      ideal: Math.ceil(opts.messages / batch),
      busy: 0,
    };
    return { ...o, line: `${summary('eims', o, `${opts.messages} msgs, batch ${batch}, seed ${opts.seed}`)} | /sendsms requests ${o.requests} vs ideal ${o.ideal}` };
  } finally {
    await sim.close();
    tmp.cleanup();
  }
}

/** GSM box: `messages` numbers on 8 ports, `kills` SIGKILLs; unknowns reconciled from the box's outbox. */
export async function runBoxCrash(opts: { messages: number; kills: number; seed: number; debug?: boolean }): Promise<CrashOutcome> {
  const tmp = makeTempDir('crash-box-');
  const sim = await startGsmboxSim({ ports: 8, busyMs: 8, resultDelayMs: 5, reportDelayMs: 10 });
  try {
    sim.faults.configure({ seed: opts.seed, latencyMs: [1, 8] });
    // Reconcile unknowns soon: the simulator writes its outbox as it accepts, and a killed child's
    // last request reached it long before the next child is up.
    const tuning: DispatchTuning = { boxPaceMs: 10, progressEveryMs: 50, retryBaseMs: 50, boxReconcileAfterMs: 300, boxReconcileEveryMs: 200 };
    const secrets = { password: 'demo-box-password' };
    const setup = makeTestCore(tmp.dir, { dispatch: tuning });
    const { id: accountId } = await call<{ id: string }>(setup.core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Box', baseUrl: sim.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 0 },
      secrets,
    });
    const c = await call<CampaignView>(setup.core, 'campaignCreate', {
      name: 'Crash box', accountId, content: { mode: 'text', body: 'Box crash test' },
      recipients: { listIds: [], pasted: cnMobiles(opts.messages, 500_000).join('\n') }, confirmed: true,
    });
    await setup.core.stop();

    const report = await killAndRestart({
      dataDir: tmp.dir,
      childConfig: { campaignId: c.id, accountId, secrets, tuning, waitUnknownMs: 10_000 },
      kills: opts.kills,
      seed: opts.seed + 1,
      sendWindowMs: 600,
      costPerKill: 8,
      campaignId: c.id,
      ...(opts.debug ? { debug: true } : {}),
    });
    const { rows, campaignState } = readLedger(tmp.dir, c.id);
    const sends = sim.state.requests.filter((r) => r.uri === '/sms/send');
    const o = {
      messages: opts.messages,
      created: c.total,
      campaignState,
      report,
      agreement: ledgerAgreement(rows, sim.state.accepted),
      requests: sends.length,
      ideal: opts.messages,
      busy: sends.filter((r) => r.code === 503).length,
    };
    return { ...o, line: `${summary('box', o, `${opts.messages} msgs, 8 ports, seed ${opts.seed + 1}`)} | /sms/send requests ${o.requests} (busy 503: ${o.busy}) vs ideal ${o.ideal}` };
  } finally {
    await sim.close();
    tmp.cleanup();
  }
}
