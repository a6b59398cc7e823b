/**
 * Reliability run (issue 9): what SIGKILLs and a faulty network cost in duplicates, losses and
 * requests, against the ideal.
 *
 * (a) 20 SIGKILLs during a 20,000-number EIMS campaign (and during a 1,000-number GSM box campaign):
 *     the core runs in a child process that is killed at seeded points and restarted; the simulators
 *     run here and keep their own record (the harness of tests/integration/sending/crash.test.ts).
 * (b) The fault matrix with 200 ms latency on every request, 10% HTTP 5xx, 5% dropped sockets and 2%
 *     truncated JSON, for EIMS, JSMS template batches and the GSM box (the runs of
 *     tests/integration/sending/faults.test.ts).
 *
 *   node bench/reliability.ts [--kills 20] [--messages 20000] [--box-messages 1000] [--latency 200] [--seed N] [--write]
 *
 * Lost = handed over per the ledger but not at the provider, plus messages left queued/submitting.
 * Unknown = a request was cut off (kill, dropped socket, truncated reply), so the app cannot know
 * whether the provider took it; unknown messages are not resent (EIMS) or reconciled from the
 * provider's outbox (GSM box). With --write the figures replace the "Reliability" section of
 * bench/RESULTS.md.
 */
import '../scripts/require-supported-node.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runBoxCrash, runEimsCrash, type CrashOutcome } from '../tests/helpers/crash-harness.ts';
import { boxFaultRun, eimsFaultRun, FAULT_RATES, FAULT_TUNING, faultOptions, faultViolations, jsmsFaultRun, type Traffic, type Violations } from '../tests/helpers/fault-matrix.ts';
import { makeTestCore } from '../tests/helpers/test-core.ts';
import { atMost, emitResult, machineLine, writeSection } from './support/results.ts';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '20' },
    messages: { type: 'string', default: '20000' },
    'box-messages': { type: 'string', default: '1000' },
    latency: { type: 'string', default: '200' },
    seed: { type: 'string', default: '20240611' },
    write: { type: 'boolean', default: false },
  },
});
const KILLS = Number(values.kills);
const MESSAGES = Number(values.messages);
const BOX_MESSAGES = Number(values['box-messages']);
const LATENCY = Number(values.latency);
const SEED = Number(values.seed);

const rows: string[] = [];
let allMet = true;

function report(figure: string, r: { messages: number; duplicates: number; lost: number; stuck: number; unknown: number; unknownAccepted?: number; failed: number; requests: string; ideal: number; seconds: number; extra?: string }) {
  const goals = [atMost(r.duplicates, 0, ' duplicates'), atMost(r.lost + r.stuck, 0, ' lost')];
  allMet &&= goals.every((g) => g.met);
  const unknown = `${r.unknown}${r.unknownAccepted === undefined || r.unknown === 0 ? '' : ` (provider had accepted ${r.unknownAccepted})`}`;
  rows.push(
    `| ${figure} | ${r.messages.toLocaleString('en')} | ${r.duplicates} | ${r.lost + r.stuck}${r.stuck ? ` (${r.stuck} stuck)` : ''} | ${unknown} | ${r.failed} | ${r.requests} vs ideal ${r.ideal} | ${r.seconds.toFixed(1)} s${r.extra ? `; ${r.extra}` : ''} |`,
  );
  console.log(rows.at(-1));
  emitResult({
    figure: `reliability: ${figure}`,
    value: `${r.duplicates} duplicates, ${r.lost + r.stuck} lost, ${r.failed} failed, unknown ${unknown}`,
    baseline: `requests ${r.requests} vs ideal ${r.ideal}`,
    goals,
    runs: 'one seeded run',
  });
}

function fromCrash(o: CrashOutcome, extra: string) {
  const a = o.agreement;
  if (a.wrongId.length || a.unexplained.length || a.foreign.length || (o.campaignState !== 'handed' && o.campaignState !== 'done')) {
    console.log(`ledger/simulator disagreement: ${JSON.stringify({ state: o.campaignState, wrongId: a.wrongId.length, unexplained: a.unexplained.length, foreign: a.foreign.length })}`);
    allMet = false;
  }
  return {
    messages: o.messages,
    duplicates: a.duplicates.length,
    lost: a.lost.length,
    stuck: a.stuck.length,
    unknown: a.unknown,
    unknownAccepted: a.unknownActuallyAccepted,
    failed: a.failed,
    requests: `${o.requests}${o.busy ? ` (${o.busy} busy 503)` : ''}`,
    ideal: o.ideal,
    seconds: o.report.ms / 1000,
    extra: `${o.report.kills} kills (${o.report.killsDuringStartup} during startup, ${o.report.killsWhileSending} while sending), ${o.report.restarts} runs; ${extra}`,
  };
}

function fromFaults(messages: number, v: Violations, t: Traffic, ideal: number, ms: number, extra = '') {
  if (v.wrongId.length || v.noReason.length || v.denied.length) {
    console.log(`ledger/simulator disagreement: ${JSON.stringify({ wrongId: v.wrongId.length, noReason: v.noReason.length, denied: v.denied.length })}`);
    allMet = false;
  }
  return {
    messages,
    duplicates: v.twice.length,
    lost: v.missing.length,
    stuck: v.stuck.length,
    unknown: v.counts.unknown ?? 0,
    failed: v.counts.failed ?? 0,
    requests: `${t.sends + t.refusedBefore} (${t.sends} reached the handler, ${t.refusedBefore} refused before it by an injected 5xx/drop)`,
    ideal,
    seconds: ms / 1000,
    extra: `${t.injected.length} faults injected${extra ? `; ${extra}` : ''}`,
  };
}

async function faultMatrix() {
  const faults = faultOptions(4242, LATENCY);
  const withCore = async <T>(fn: (core: ReturnType<typeof makeTestCore>['core']) => Promise<T>): Promise<T> => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-faults-'));
    const tc = makeTestCore(dir, { dispatch: FAULT_TUNING });
    await tc.core.start();
    try {
      return await fn(tc.core);
    } finally {
      await tc.core.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const timeoutMs = 300_000;
  const eims = await withCore((core) => eimsFaultRun(core, { faults, messages: 3000, permanent: 1000, timeoutMs }));
  const permFailed = eims.perm.rows.filter((r) => r.state === 'failed');
  const permRetried = permFailed.filter((r) => r.attempts !== 1).length;
  if (permRetried) allMet = false;
  report(
    `fault matrix, EIMS (batch ${FAULT_TUNING.eimsBatchSize})`,
    fromFaults(3000, faultViolations(eims.rows, eims.accepted), eims.traffic, Math.ceil(3000 / FAULT_TUNING.eimsBatchSize!), eims.ms,
      `permanent -3 campaign of 1,000: ${permFailed.length} failed after one attempt (${permRetried} retried), ${eims.perm.rows.length - permFailed.length} unknown`),
  );
  const jsms = await withCore((core) => jsmsFaultRun(core, { faults, messages: 2000, timeoutMs }));
  report(
    `fault matrix, JSMS template batches (batch ${FAULT_TUNING.jsmsBatchSize})`,
    fromFaults(2000, faultViolations(jsms.rows, jsms.accepted), jsms.traffic, Math.ceil(2000 / FAULT_TUNING.jsmsBatchSize!), jsms.ms, 'failed = every 50th recipient has no name (50022, permanent)'),
  );
  const box = await withCore((core) => boxFaultRun(core, { faults, messages: 400, timeoutMs }));
  report('fault matrix, GSM box (8 ports)', fromFaults(400, faultViolations(box.rows, box.accepted), box.traffic, 400, box.ms, `${box.busy} busy 503`));
}

const t0 = performance.now();
report(`${KILLS} SIGKILLs during a ${MESSAGES.toLocaleString('en')}-number EIMS campaign`, fromCrash(await runEimsCrash({ messages: MESSAGES, kills: KILLS, seed: SEED }), 'simulator latency 20–120 ms'));
report(`${KILLS} SIGKILLs during a ${BOX_MESSAGES.toLocaleString('en')}-number GSM box campaign`, fromCrash(await runBoxCrash({ messages: BOX_MESSAGES, kills: KILLS, seed: SEED }), 'unknowns reconciled from the outbox'));
await faultMatrix();
const total = (performance.now() - t0) / 1000;
console.log(`reliability: ${allMet ? 'no duplicates, nothing lost, ledger and simulators agree' : 'PROBLEMS (see above)'} — ${total.toFixed(0)} s`);

if (values.write) {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  writeSection('Reliability', [
    machineLine(`node bench/reliability.ts --kills ${KILLS} --messages ${MESSAGES} --box-messages ${BOX_MESSAGES} --latency ${LATENCY} --write`),
    `One seeded run each (seed ${SEED}; faults seed 4242). Kills: the core runs in a child process SIGKILLed at seeded points (some while it starts, the rest while it sends) and restarted; the simulators run in the bench process and keep their own record. ` +
      `Fault matrix: ${LATENCY} ms latency on every request, ${pct(FAULT_RATES.error500)} HTTP 5xx, ${pct(FAULT_RATES.drop)} dropped sockets, ${pct(FAULT_RATES.truncate)} truncated JSON (the reply cut after the simulator accepted). ` +
      'Lost = handed over per the ledger but not at the provider, or left queued/submitting. Unknown = the request was cut off, so the app cannot know whether the provider took it: EIMS unknowns are never resent (no duplicates, at the cost of an unknown), box unknowns are reconciled from its outbox. ' +
      'Requests = send requests made; ideal = the fewest that carry every message (one per batch, or one per box SMS).',
    '',
    '| run | messages | duplicates | lost | unknown | failed | requests vs ideal | time; notes |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Result: ${allMet ? 'no duplicates, nothing lost, ledger and simulators agree in every run.' : '**problems — see the rows above**.'}`,
  ]);
}
if (!allMet) process.exitCode = 1;
