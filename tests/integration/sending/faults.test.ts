/**
 * Fault matrix: EIMS, JSMS and the GSM box with seeded faults on every request (latency, 10% HTTP
 * 5xx, 5% dropped sockets, 2% truncated JSON). Whatever the faults, the ledger and the simulators
 * agree: every message ends accounted for (nothing queued/submitting), no number is accepted twice,
 * every message the ledger says was handed over is in the simulator's accepted list, and permanent
 * errors are not retried.
 *
 * The runs live in tests/helpers/fault-matrix.ts, shared with bench/reliability.ts (which uses 200 ms
 * latency). Env: FAULT_SEED; FAULT_LATENCY_MS (a fixed latency instead of 2–25 ms).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageRow } from '../../../src/shared/campaigns.ts';
import type { SimRecord } from '../../sim/http-kit.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { boxFaultRun, eimsFaultRun, FAULT_TUNING, faultOptions, faultViolations, jsmsFaultRun } from '../../helpers/fault-matrix.ts';

const SEED = Number(process.env.FAULT_SEED ?? 4242);
const FAULTS = faultOptions(SEED, process.env.FAULT_LATENCY_MS ? Number(process.env.FAULT_LATENCY_MS) : [2, 25]);

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, { dispatch: FAULT_TUNING });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  tmp.cleanup();
});

const HANDED = new Set(['submitted', 'sent', 'delivered', 'expired']);
/** Handed over, whatever reports said since (a delivery report may say failed), or honestly unknown. */
const accountedAsSent = (rows: readonly MessageRow[]) =>
  rows.filter((m) => HANDED.has(m.state) || m.state === 'unknown' || (m.state === 'failed' && m.providerId !== null)).length;

/**
 * The invariants (a message's `address` is the number as the provider got it). Returns the counts per state for the log.
 */
function checkInvariants(label: string, rows: MessageRow[], accepted: readonly SimRecord[]) {
  const v = faultViolations(rows, accepted);
  expect(v.twice, `${label}: numbers accepted twice`).toEqual([]);
  expect(v.stuck, `${label}: left queued/submitting`).toEqual([]);
  expect(v.missing, `${label}: handed over per the ledger but not accepted by the simulator`).toEqual([]);
  expect(v.wrongId, `${label}: provider id differs from the simulator's`).toEqual([]);
  expect(v.noReason, `${label}: unknown/failed without a reason`).toEqual([]);
  // Nothing the simulator accepted is recorded as never sent.
  expect(v.denied, `${label}: accepted by the simulator but not handed over/unknown in the ledger`).toEqual([]);
  return v.counts;
}

describe('fault matrix (seeded: latency, 10% 5xx, 5% dropped sockets, 2% truncated JSON)', () => {
  it('EIMS: everything accounted for, nothing twice, permanent errors not retried', async () => {
    const r = await eimsFaultRun(tc.core, { faults: FAULTS, messages: 3000, permanent: 1000 });
    const counts = checkInvariants('eims', r.rows, r.accepted);
    // The report poller may already have moved some on (sent/delivered/failed by report).
    expect(accountedAsSent(r.rows), JSON.stringify(counts)).toBe(3000);
    expect(r.traffic.injected.length).toBeGreaterThan(0);

    const perm = r.perm.rows;
    checkInvariants('eims permanent', perm, r.perm.accepted);
    expect(r.perm.accepted).toHaveLength(0);
    const failed = perm.filter((m) => m.state === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    // Permanent: one attempt each, and exactly one -3 answer per batch of 100 that failed.
    expect(failed.every((m) => m.errorCode === 'EIMS_SENSITIVE_WORDS' && m.attempts === 1)).toBe(true);
    expect(r.perm.requests.filter((q) => q.path === '/sendsms' && q.status === -3)).toHaveLength(failed.length / 100);
    console.log(`[faults eims] ${JSON.stringify(counts)}; permanent: ${failed.length} failed once, ${perm.length - failed.length} unknown; injected ${r.traffic.injected.length}+${r.perm.injected.length} faults`);
  });

  it('JSMS template batches: everything accounted for, nothing twice, a missing parameter fails once', async () => {
    const r = await jsmsFaultRun(tc.core, { faults: FAULTS, messages: 2000 });
    const counts = checkInvariants('jsms', r.rows, r.accepted);
    const failed = r.rows.filter((m) => m.state === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    // JSMS refused each of them once and was never asked again. (Its attempts can be 2: a batch that
    // met an injected 50019 first is retried whole, and the refusal comes on the retry.)
    const refusals = Map.groupBy(r.refused, (x) => x.mobile);
    const offenders = failed.filter((m) => !(m.errorCode === 'JSMS_50022' && refusals.get(m.address)?.length === 1 && refusals.get(m.address)![0]!.code === 50022));
    expect(offenders.map((m) => [m.e164, m.errorCode, m.attempts, refusals.get(m.address)])).toEqual([]);
    expect(r.refused.length).toBe(new Set(r.refused.map((x) => x.mobile)).size);
    expect(failed.every((m) => r.numbers.indexOf(m.e164.replace('+86', '')) % 50 === 7)).toBe(true);
    const sent = r.accepted.find((a) => a.number === r.numbers[0]);
    if (sent) expect(sent.content).toBe('Hello N0, your order A1 has shipped.');
    expect(r.traffic.injected.length).toBeGreaterThan(0);
    console.log(`[faults jsms] ${JSON.stringify(counts)}; injected ${r.traffic.injected.length} faults`);
  });

  it('GSM box: everything accounted for, nothing twice, unknowns reconciled from the outbox', async () => {
    const r = await boxFaultRun(tc.core, { faults: FAULTS, messages: 400 });
    const counts = checkInvariants('box', r.rows, r.accepted);
    expect(counts.unknown ?? 0).toBe(0);
    expect(r.rows.filter((m) => HANDED.has(m.state))).toHaveLength(400);
    expect(r.traffic.injected.length).toBeGreaterThan(0);
    console.log(`[faults box] ${JSON.stringify(counts)}; injected ${r.traffic.injected.length} faults, ${r.busy} busy refusals`);
  });
});
