/**
 * Fault matrix: EIMS, JSMS and the GSM box with seeded faults on every request (latency, 10% HTTP
 * 5xx, 5% dropped sockets, 2% truncated JSON). Whatever the faults, the ledger and the simulators
 * agree: every message ends accounted for (nothing queued/submitting), no number is accepted twice,
 * every message the ledger says was handed over is in the simulator's accepted list, and permanent
 * errors are not retried.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView, MessageRow, MessagePage } from '../../../src/shared/campaigns.ts';
import { startEimsSim } from '../../sim/eims.ts';
import { startGsmboxSim } from '../../sim/gsmbox.ts';
import { startJsmsSim } from '../../sim/jsms.ts';
import type { FaultOptions } from '../../sim/faults.ts';
import { countByNumber, type SimRecord } from '../../sim/http-kit.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call, cnMobiles, importList, waitForCampaign } from '../../helpers/sending.ts';

const SEED = Number(process.env.FAULT_SEED ?? 4242);
const FAULTS: FaultOptions = { seed: SEED, latencyMs: [2, 25], rates: { error500: 0.1, drop: 0.05, truncate: 0.02 } };

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
const sims: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, {
    dispatch: {
      progressEveryMs: 20, retryBaseMs: 30, eimsBatchSize: 100, jsmsBatchSize: 100, timeoutMs: 3_000,
      boxPaceMs: 15, boxReconcileAfterMs: 200, boxReconcileEveryMs: 100,
    },
  });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  await Promise.all(sims.splice(0).map((s) => s.close()));
  tmp.cleanup();
});

async function allMessages(id: string): Promise<MessageRow[]> {
  const out: MessageRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await call<MessagePage>(tc.core, 'campaignMessages', { id, limit: 1000, offset });
    out.push(...page.rows);
    if (out.length >= page.total || page.rows.length === 0) return out;
  }
}

const HANDED = new Set(['submitted', 'sent', 'delivered']);

/**
 * The invariants (a message's `address` is the number as the provider got it). Returns the counts per state for the log.
 */
function checkInvariants(label: string, rows: MessageRow[], accepted: readonly SimRecord[]) {
  const simNumber = (r: MessageRow) => r.address;
  const twice = [...countByNumber(accepted)].filter(([, n]) => n > 1);
  expect(twice, `${label}: numbers accepted twice`).toEqual([]);
  expect(rows.filter((r) => r.state === 'queued' || r.state === 'submitting').map((r) => r.e164), `${label}: left queued/submitting`).toEqual([]);
  const sim = new Map(accepted.map((a) => [a.number, a]));
  const missing = rows.filter((r) => HANDED.has(r.state) && !sim.has(simNumber(r)));
  expect(missing.map((r) => `${r.e164}:${r.state}`), `${label}: handed over per the ledger but not accepted by the simulator`).toEqual([]);
  const wrongId = rows.filter((r) => HANDED.has(r.state) && r.providerId !== null && sim.get(simNumber(r))!.providerId !== r.providerId);
  expect(wrongId.map((r) => r.e164), `${label}: provider id differs from the simulator's`).toEqual([]);
  expect(rows.filter((r) => (r.state === 'unknown' || r.state === 'failed') && !r.errorCode).map((r) => r.e164), `${label}: unknown/failed without a reason`).toEqual([]);
  // Nothing the simulator accepted is recorded as never sent.
  const byNumber = new Map(rows.map((r) => [simNumber(r), r]));
  const denied = accepted.filter((a) => {
    const r = byNumber.get(a.number);
    return !r || !(HANDED.has(r.state) || r.state === 'unknown' || r.state === 'failed');
  });
  expect(denied.map((a) => a.number), `${label}: accepted by the simulator but not handed over/unknown in the ledger`).toEqual([]);
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.state] = (counts[r.state] ?? 0) + 1;
  return counts;
}

describe('fault matrix (seeded: latency, 10% 5xx, 5% dropped sockets, 2% truncated JSON)', () => {
  it('EIMS: everything accounted for, nothing twice, permanent errors not retried', async () => {
    const sim = await startEimsSim({ balance: 1_000_000, faults: FAULTS });
    const bad = await startEimsSim({ balance: 1_000_000, faults: { ...FAULTS, seed: SEED + 1 } });
    sims.push(sim, bad);
    const account = async (url: string, name: string) =>
      (await call<{ id: string }>(tc.core, 'accountsCreate', { config: { kind: 'eims', name, baseUrl: url, account: 'demo', encrypted: false }, secrets: { password: 'demo-password' } })).id;
    const ok = await account(sim.url, 'Platform');
    const refused = await account(bad.url, 'Platform (sensitive words)');
    const numbers = cnMobiles(3000);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', {
      name: 'Faults', accountId: ok, content: { mode: 'text', body: 'Fault matrix {name}' }, recipients: { listIds: [], pasted: numbers.join('\n') }, confirmed: true,
    });
    // Every request of this one is refused for its text (-3, permanent) unless a fault hits it first.
    const p = await call<CampaignView>(tc.core, 'campaignCreate', {
      name: 'Permanent', accountId: refused, content: { mode: 'text', body: 'a forbidden word' }, recipients: { listIds: [], pasted: cnMobiles(1000, 50_000).join('\n') }, confirmed: true,
    });
    await waitForCampaign(tc.core, c.id, { until: (v) => v.state === 'done', timeoutMs: 25_000 });
    await waitForCampaign(tc.core, p.id, { until: (v) => v.state === 'done', timeoutMs: 25_000 });

    const counts = checkInvariants('eims', await allMessages(c.id), sim.state.accepted);
    expect(counts.submitted! + (counts.unknown ?? 0)).toBe(3000);
    expect(sim.faults.injected.length).toBeGreaterThan(0);

    const perm = await allMessages(p.id);
    checkInvariants('eims permanent', perm, bad.state.accepted);
    expect(bad.state.accepted).toHaveLength(0);
    const failed = perm.filter((r) => r.state === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    // Permanent: one attempt each, and exactly one -3 answer per batch of 100 that failed.
    expect(failed.every((r) => r.errorCode === 'EIMS_SENSITIVE_WORDS' && r.attempts === 1)).toBe(true);
    expect(bad.state.requests.filter((r) => r.path === '/sendsms' && r.status === -3)).toHaveLength(failed.length / 100);
    console.log(`[faults eims] ${JSON.stringify(counts)}; permanent: ${failed.length} failed once, ${perm.length - failed.length} unknown; injected ${sim.faults.injected.length}+${bad.faults.injected.length} faults`);
  });

  it('JSMS template batches: everything accounted for, nothing twice, a missing parameter fails once', async () => {
    const sim = await startJsmsSim({ appBalance: 1_000_000, faults: FAULTS });
    sims.push(sim);
    const { id } = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'jsms', name: 'J', baseUrl: sim.url, appKey: 'demo-app-key' },
      secrets: { masterSecret: 'demo-master-secret' },
    });
    const numbers = cnMobiles(2000, 100_000);
    // Every 50th recipient has no name: the template cannot be filled (50022), a permanent error.
    const csv = `phone,name\n${numbers.map((n, i) => `${n},${i % 50 === 7 ? '' : `N${i}`}`).join('\n')}\n`;
    const listId = await importList(tc.core, 'Faults', csv);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', {
      name: 'Faults', accountId: id, content: { mode: 'template', tempId: 2, params: { name: '{name}', order: 'A1' } }, recipients: { listIds: [listId] }, confirmed: true,
    });
    await waitForCampaign(tc.core, c.id, { until: (v) => v.state === 'done', timeoutMs: 25_000 });
    const rows = await allMessages(c.id);
    const counts = checkInvariants('jsms', rows, sim.state.accepted);
    const failed = rows.filter((r) => r.state === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((r) => r.errorCode === 'JSMS_50022' && r.attempts === 1)).toBe(true);
    expect(failed.every((r) => numbers.indexOf(r.e164.replace('+86', '')) % 50 === 7)).toBe(true);
    const sent = sim.state.accepted.find((a) => a.number === numbers[0]);
    if (sent) expect(sent.content).toBe('Hello N0, your order A1 has shipped.');
    expect(sim.faults.injected.length).toBeGreaterThan(0);
    console.log(`[faults jsms] ${JSON.stringify(counts)}; injected ${sim.faults.injected.length} faults`);
  });

  it('GSM box: everything accounted for, nothing twice, unknowns reconciled from the outbox', async () => {
    const sim = await startGsmboxSim({ ports: 8, busyMs: 10, faults: FAULTS });
    sims.push(sim);
    const { id } = await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Box', baseUrl: sim.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 0 },
      secrets: { password: 'demo-box-password' },
    });
    const numbers = cnMobiles(400, 200_000);
    const c = await call<CampaignView>(tc.core, 'campaignCreate', {
      name: 'Faults', accountId: id, content: { mode: 'text', body: 'Box fault matrix' }, recipients: { listIds: [], pasted: numbers.join('\n') }, confirmed: true,
    });
    await waitForCampaign(tc.core, c.id, { until: (v) => v.state === 'done' && v.counts.unknown === 0, timeoutMs: 25_000 });
    const rows = await allMessages(c.id);
    const counts = checkInvariants('box', rows, sim.state.accepted);
    expect(counts.unknown ?? 0).toBe(0);
    expect(rows.filter((r) => HANDED.has(r.state))).toHaveLength(400);
    expect(sim.faults.injected.length).toBeGreaterThan(0);
    console.log(`[faults box] ${JSON.stringify(counts)}; injected ${sim.faults.injected.length} faults, ${sim.state.requests.filter((r) => r.code === 503).length} busy refusals`);
  });
});
