/**
 * The fault matrix shared by tests/integration/sending/faults.test.ts and bench/reliability.ts: EIMS,
 * JSMS and the GSM box against simulators with seeded faults on every request (latency, 10% HTTP
 * 5xx, 5% dropped sockets, 2% truncated JSON). Each run returns the ledger's rows, the simulator's
 * record and its traffic; `faultViolations` compares them. No test-runner imports: the test asserts
 * on what these functions return, the bench reports it.
 */
import type { Core } from '../../src/main/core/create-core.ts';
import type { DispatchTuning } from '../../src/main/core/dispatch/dispatcher.ts';
import type { CampaignView, MessagePage, MessageRow } from '../../src/shared/campaigns.ts';
import { startEimsSim } from '../sim/eims.ts';
import { startGsmboxSim } from '../sim/gsmbox.ts';
import { startJsmsSim } from '../sim/jsms.ts';
import { AFTER_FAULTS, type FaultKind, type FaultOptions } from '../sim/faults.ts';
import { countByNumber, type SimRecord } from '../sim/http-kit.ts';
import { call, cnMobiles, handedOver, importList, waitForCampaign } from './sending.ts';

export const FAULT_RATES = { error500: 0.1, drop: 0.05, truncate: 0.02 } as const;

export function faultOptions(seed: number, latencyMs: number | [number, number] = [2, 25]): FaultOptions {
  return { seed, latencyMs, rates: { ...FAULT_RATES } };
}

/** The dispatcher tuning of the fault runs (small batches so faults hit many requests). */
export const FAULT_TUNING: DispatchTuning = {
  progressEveryMs: 20, retryBaseMs: 30, eimsBatchSize: 100, jsmsBatchSize: 100, timeoutMs: 3_000,
  boxPaceMs: 15, boxReconcileAfterMs: 200, boxReconcileEveryMs: 100,
};

export async function allMessages(core: Core, id: string): Promise<MessageRow[]> {
  const out: MessageRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await call<MessagePage>(core, 'campaignMessages', { id, limit: 1000, offset });
    out.push(...page.rows);
    if (out.length >= page.total || page.rows.length === 0) return out;
  }
}

const HANDED = new Set(['submitted', 'sent', 'delivered']);

/** How the ledger and the simulator compare; each list names the offenders (empty = agreed). */
export interface Violations {
  /** Numbers the simulator accepted more than once. */
  twice: [string, number][];
  /** Left queued/submitting. */
  stuck: string[];
  /** Handed over per the ledger but not accepted by the simulator (lost). */
  missing: string[];
  /** Provider id differs from the simulator's. */
  wrongId: string[];
  /** unknown/failed without a reason. */
  noReason: string[];
  /** Accepted by the simulator but not handed over/unknown/failed in the ledger. */
  denied: string[];
  /** Messages per state. */
  counts: Record<string, number>;
}

/** A message's `address` is the number as the provider got it. */
export function faultViolations(rows: readonly MessageRow[], accepted: readonly SimRecord[]): Violations {
  const sim = new Map(accepted.map((a) => [a.number, a]));
  const byNumber = new Map(rows.map((r) => [r.address, r]));
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.state] = (counts[r.state] ?? 0) + 1;
  return {
    twice: [...countByNumber(accepted)].filter(([, n]) => n > 1),
    stuck: rows.filter((r) => r.state === 'queued' || r.state === 'submitting').map((r) => r.e164),
    missing: rows.filter((r) => HANDED.has(r.state) && !sim.has(r.address)).map((r) => `${r.e164}:${r.state}`),
    wrongId: rows.filter((r) => HANDED.has(r.state) && r.providerId !== null && sim.get(r.address)!.providerId !== r.providerId).map((r) => r.e164),
    noReason: rows.filter((r) => (r.state === 'unknown' || r.state === 'failed') && !r.errorCode).map((r) => r.e164),
    denied: accepted
      .filter((a) => {
        const r = byNumber.get(a.number);
        return !r || !(HANDED.has(r.state) || r.state === 'unknown' || r.state === 'failed');
      })
      .map((a) => a.number),
    counts,
  };
}

/** What a simulator saw: requests that reached its handler, and those an injected fault refused first. */
export interface Traffic {
  /** Requests on the send path that reached the handler. */
  sends: number;
  /** All requests that reached the handler (any path). */
  handled: number;
  /** Requests refused before the handler by an injected fault (5xx, dropped socket; any path). */
  refusedBefore: number;
  injected: FaultKind[];
}

const traffic = (sends: number, handled: number, injected: readonly FaultKind[]): Traffic => ({
  sends,
  handled,
  refusedBefore: injected.filter((k) => !AFTER_FAULTS.has(k)).length,
  injected: [...injected],
});

export interface FaultRunOptions {
  faults: FaultOptions;
  messages: number;
  timeoutMs?: number;
}

/**
 * EIMS: `messages` numbers on a faulty simulator, and `permanent` numbers on a second one that refuses
 * every text as sensitive (-3, permanent) unless a fault hits the request first.
 */
export async function eimsFaultRun(core: Core, opts: FaultRunOptions & { permanent: number }) {
  const sim = await startEimsSim({ balance: 1_000_000, faults: opts.faults });
  const bad = await startEimsSim({ balance: 1_000_000, faults: { ...opts.faults, seed: (opts.faults.seed ?? 1) + 1 } });
  try {
    const account = async (url: string, name: string) =>
      (await call<{ id: string }>(core, 'accountsCreate', { config: { kind: 'eims', name, baseUrl: url, account: 'demo', encrypted: false }, secrets: { password: 'demo-password' } })).id;
    const ok = await account(sim.url, 'Platform');
    const refused = await account(bad.url, 'Platform (sensitive words)');
    const c = await call<CampaignView>(core, 'campaignCreate', {
      name: 'Faults', accountId: ok, content: { mode: 'text', body: 'Fault matrix {name}' }, recipients: { listIds: [], pasted: cnMobiles(opts.messages).join('\n') }, confirmed: true,
    });
    const p = await call<CampaignView>(core, 'campaignCreate', {
      name: 'Permanent', accountId: refused, content: { mode: 'text', body: 'a forbidden word' }, recipients: { listIds: [], pasted: cnMobiles(opts.permanent, 50_000).join('\n') }, confirmed: true,
    });
    const t0 = performance.now();
    await waitForCampaign(core, c.id, { until: handedOver, timeoutMs: opts.timeoutMs ?? 25_000 });
    const ms = performance.now() - t0;
    await waitForCampaign(core, p.id, { until: handedOver, timeoutMs: opts.timeoutMs ?? 25_000 });
    return {
      ms,
      rows: await allMessages(core, c.id),
      accepted: sim.state.accepted,
      traffic: traffic(sim.state.requests.filter((r) => r.path === '/sendsms').length, sim.state.requests.length, sim.faults.injected),
      perm: { rows: await allMessages(core, p.id), accepted: bad.state.accepted, requests: bad.state.requests, injected: [...bad.faults.injected] },
    };
  } finally {
    await Promise.all([sim.close(), bad.close()]);
  }
}

/** JSMS template batches: every 50th recipient has no name, so its template cannot be filled (50022, permanent). */
export async function jsmsFaultRun(core: Core, opts: FaultRunOptions) {
  const sim = await startJsmsSim({ appBalance: 1_000_000, faults: opts.faults });
  try {
    const { id } = await call<{ id: string }>(core, 'accountsCreate', {
      config: { kind: 'jsms', name: 'J', baseUrl: sim.url, appKey: 'demo-app-key' },
      secrets: { masterSecret: 'demo-master-secret' },
    });
    const numbers = cnMobiles(opts.messages, 100_000);
    const csv = `phone,name\n${numbers.map((n, i) => `${n},${i % 50 === 7 ? '' : `N${i}`}`).join('\n')}\n`;
    const listId = await importList(core, 'Faults', csv);
    const c = await call<CampaignView>(core, 'campaignCreate', {
      name: 'Faults', accountId: id, content: { mode: 'template', tempId: 2, params: { name: '{name}', order: 'A1' } }, recipients: { listIds: [listId] }, confirmed: true,
    });
    const t0 = performance.now();
    await waitForCampaign(core, c.id, { until: handedOver, timeoutMs: opts.timeoutMs ?? 25_000 });
    const ms = performance.now() - t0;
    return {
      ms,
      numbers,
      rows: await allMessages(core, c.id),
      accepted: sim.state.accepted,
      refused: sim.state.refusedRecipients,
      traffic: traffic(sim.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages/batch').length, sim.state.requests.length, sim.faults.injected),
    };
  } finally {
    await sim.close();
  }
}

/** GSM box: 8 ports; unknowns are reconciled from the box's outbox. */
export async function boxFaultRun(core: Core, opts: FaultRunOptions) {
  const sim = await startGsmboxSim({ ports: 8, busyMs: 10, faults: opts.faults });
  try {
    const { id } = await call<{ id: string }>(core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Box', baseUrl: sim.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 0 },
      secrets: { password: 'demo-box-password' },
    });
    const c = await call<CampaignView>(core, 'campaignCreate', {
      name: 'Faults', accountId: id, content: { mode: 'text', body: 'Box fault matrix' }, recipients: { listIds: [], pasted: cnMobiles(opts.messages, 200_000).join('\n') }, confirmed: true,
    });
    const t0 = performance.now();
    await waitForCampaign(core, c.id, { until: (v) => handedOver(v) && v.counts.unknown === 0, timeoutMs: opts.timeoutMs ?? 25_000 });
    const ms = performance.now() - t0;
    const sends = sim.state.requests.filter((r) => r.uri === '/sms/send');
    return {
      ms,
      rows: await allMessages(core, c.id),
      accepted: sim.state.accepted,
      busy: sim.state.requests.filter((r) => r.code === 503).length,
      traffic: traffic(sends.length, sim.state.requests.length, sim.faults.injected),
    };
  } finally {
    await sim.close();
  }
}
