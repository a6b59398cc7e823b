/**
 * Crash safety of the outbox ledger: a child process runs the core (crash-child.ts) and is SIGKILLed
 * at seeded random points while it sends; the simulators live in THIS process, so they survive every
 * kill and keep their own record of what they accepted. After the last restart sends everything that
 * is left, the simulators' records and the ledger (read from the SQLite file after the child is gone)
 * must agree: no number accepted twice, nothing the ledger says was handed over missing from the
 * simulator, nothing left queued/submitting, every unknown/failed message with a reason.
 *
 * The harness (spawning, killing, reading the ledger, comparing) is tests/helpers/crash-harness.ts,
 * shared with bench/reliability.ts (`npm run bench:reliability`: 20 kills during a 20k campaign).
 *
 * CI size by default (≤ 60 s on 2 cores). Scale up for the reliability bench:
 *   CRASH_KILLS=50 CRASH_MESSAGES=100000 CRASH_SEED=7 npx vitest run --project node tests/integration/sending/crash.test.ts
 * (CRASH_BOX_MESSAGES for the GSM box run; CRASH_EIMS_BATCH to change the EIMS batch size.)
 */
import { describe, expect, it } from 'vitest';
import { BATCH_SIZE } from '../../../src/main/core/dispatch/batch-senders.ts';
import { runBoxCrash, runEimsCrash, type Agreement } from '../../helpers/crash-harness.ts';

/** Each scenario takes ~20–35 s on a quiet 2-core machine; the margin is for a loaded one (CI shares its cores). */
const CRASH_TEST_TIMEOUT_MS = 180_000;

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const KILLS = env('CRASH_KILLS', 10);
const SEED = env('CRASH_SEED', 20_240_611);
const EIMS_MESSAGES = env('CRASH_MESSAGES', 20_000);
const BOX_MESSAGES = env('CRASH_BOX_MESSAGES', 1_000);
const EIMS_BATCH = env('CRASH_EIMS_BATCH', BATCH_SIZE.eims);
const DEBUG = Boolean(process.env.CRASH_DEBUG);

/** The checks shared by both providers. */
function checkAgreement(a: Agreement, total: number) {
  expect(a.rowCount).toBe(total);
  // No duplicates: the simulator accepted no number twice.
  expect(a.duplicates, 'numbers the simulator accepted more than once').toEqual([]);
  // Nothing stuck.
  expect(a.stuck, 'messages left queued/submitting').toEqual([]);
  // Nothing lost: every message the ledger says was handed over is in the simulator, under its id.
  expect(a.lost, 'handed over per the ledger, but the simulator has no record').toEqual([]);
  expect(a.wrongId, 'provider id differs from the simulator').toEqual([]);
  // Every message ends handed over, or unknown/failed with a reason.
  expect(a.unexplained, 'messages neither handed over nor unknown/failed with a reason').toEqual([]);
  // The simulator accepted nothing the ledger does not know about or claims was not sent.
  expect(a.foreign, 'accepted by the simulator but not handed over/unknown in the ledger').toEqual([]);
}

describe('SIGKILL while sending', () => {
  it(`EIMS: ${EIMS_MESSAGES} numbers, ${KILLS} kills — nothing twice, nothing lost`, async () => {
    const o = await runEimsCrash({ messages: EIMS_MESSAGES, kills: KILLS, seed: SEED, batch: EIMS_BATCH, debug: DEBUG });
    expect(o.created).toBe(EIMS_MESSAGES);
    expect(['handed', 'done']).toContain(o.campaignState);
    checkAgreement(o.agreement, EIMS_MESSAGES);
    console.log(o.line);
    expect(o.report.kills).toBe(KILLS);
    // EIMS cannot be asked by number: unknowns stay unknown, never resent.
    expect(o.agreement.handedOver + o.agreement.unknown + o.agreement.failed).toBe(EIMS_MESSAGES);
  }, CRASH_TEST_TIMEOUT_MS);

  it(`GSM box: ${BOX_MESSAGES} numbers on 8 ports, ${KILLS} kills — nothing twice, nothing lost`, async () => {
    const o = await runBoxCrash({ messages: BOX_MESSAGES, kills: KILLS, seed: SEED, debug: DEBUG });
    expect(['handed', 'done']).toContain(o.campaignState);
    checkAgreement(o.agreement, BOX_MESSAGES);
    console.log(o.line);
    expect(o.report.kills).toBe(KILLS);
    // The box can be asked by number (outbox query, reconcile-box.ts): after reconciliation nothing stays unknown.
    expect(o.agreement.unknown).toBe(0);
  }, CRASH_TEST_TIMEOUT_MS);
});
