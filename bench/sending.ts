/**
 * Benchmark (issue 5): sending.
 *
 * (a) A 100,000-number campaign through the EIMS simulator, from campaignCreate ("send") until every
 *     message is `submitted` (ledger rows written, claimed batch by batch, POSTed, settled), against
 *     a bare script that fires the same requests (same batch size, same concurrency, the same POST
 *     bodies built by hand) with plain fetch at the same simulator, in the same run.
 * (b) GSM box throughput: N ports × pace against the box simulator; achieved msgs/s vs ports / pace,
 *     and busy-port (503) refusals. Default pace 1 s — the shortest the account form allows (users set
 *     seconds; 6 s by default) — with the simulator's port busy for half of it, as a SIM transmits for
 *     part of the pace. (At a 200 ms pace with the port busy 190 ms, timer lateness on a loaded
 *     machine alone turns into busy refusals; that setting is `--box-pace 200 --box-busy 190`.)
 *
 * The simulators run in this process; each measurement runs in a fresh child process.
 *
 *   node bench/sending.ts [--runs 5] [--messages 100000] [--box-runs 3] [--write]
 *
 * With --write the figures replace the "Sending" section of bench/RESULTS.md.
 */
import '../scripts/require-supported-node.mjs';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { BATCH_SIZE } from '../src/main/core/dispatch/batch-senders.ts';
import { startEimsSim } from '../tests/sim/eims.ts';
import { startGsmboxSim } from '../tests/sim/gsmbox.ts';
import { atLeast, atMost, emitResult, machineLine, median, writeSection } from './support/results.ts';

const here = import.meta.dirname;
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    messages: { type: 'string', default: '100000' },
    'box-runs': { type: 'string', default: '3' },
    'box-ports': { type: 'string', default: '8' },
    'box-pace': { type: 'string', default: '1000' },
    'box-busy': { type: 'string', default: '500' },
    'box-messages': { type: 'string', default: '160' },
    write: { type: 'boolean', default: false },
    child: { type: 'string' },
    url: { type: 'string' },
  },
});

/** The dispatcher's defaults (batch-worker.ts): two requests in flight per account. */
const CONCURRENCY = 2;
const BATCH = BATCH_SIZE.eims;
const TEXT = 'Your parcel is out for delivery today. Reply TD to opt out.';

/** The same deterministic Chinese mobiles the tests use (`86` + 11 digits as EIMS gets them). */
const numbers = (count: number) => Array.from({ length: count }, (_, i) => `139${String(10_000_000 + i).slice(-8)}`);

// ---------------------------------------------------------------- children

async function coreSession(dispatch: Record<string, number>) {
  const { createCore } = await import('../src/main/core/create-core.ts');
  const { MemorySecretStore } = await import('../src/main/core/ports.ts');
  const { MemorySettingsBackend } = await import('../src/main/core/settings/json-file-backend.ts');
  const dir = mkdtempSync(join(tmpdir(), 'bench-sending-'));
  const core = createCore({ dataDir: dir, secrets: new MemorySecretStore(), settings: new MemorySettingsBackend(), dispatch });
  await core.start();
  const must = <T>(r: { ok: true; value: unknown } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  };
  /** Resolves with the counts when a campaign becomes done (the dispatcher emits the change at once). */
  const whenDone = () =>
    new Promise<Record<string, number>>((resolve) => {
      let settled = false;
      const off = core.subscribe((name, payload) => {
        if (settled || name !== 'campaignsChanged' || (payload as { reason: string }).reason !== 'state') return;
        // A read still in flight when the campaign is done (and the core stopped) is ignored.
        core
          .invoke('campaignGet', { id: (payload as { id: string }).id })
          .then((r) => {
            const v = must<{ state: string; counts: Record<string, number> }>(r);
            if (settled || (v.state !== 'handed' && v.state !== 'done')) return;
            settled = true;
            off();
            resolve(v.counts);
          })
          .catch(() => undefined);
      });
    });
  return {
    core,
    must,
    whenDone,
    async close() {
      await core.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface EimsSample {
  ms: number;
  createMs?: number;
  /** Messages not handed over when the campaign was done (queued, submitting, unknown after a timeout, failed, cancelled). */
  notSubmitted?: number;
}

async function childCore(url: string, count: number): Promise<EimsSample> {
  const s = await coreSession({});
  const { id } = s.must<{ id: string }>(
    await s.core.invoke('accountsCreate', { config: { kind: 'eims', name: 'Bench', baseUrl: url, account: 'demo', encrypted: false }, secrets: { password: 'demo-password' } }),
  );
  const pasted = numbers(count).join('\n');
  const done = s.whenDone();
  const t0 = performance.now();
  s.must(await s.core.invoke('campaignCreate', { name: 'Bench', accountId: id, content: { mode: 'text', body: TEXT }, recipients: { listIds: [], pasted }, confirmed: true }));
  const createMs = performance.now() - t0;
  const counts = await done;
  const ms = performance.now() - t0;
  // Reported, not thrown: on a loaded machine a slow reply can time out and leave its batch unknown.
  await s.close();
  // Handed over = submitted, or already further on (the report poller may have moved some to sent/delivered).
  const handed = (counts.submitted ?? 0) + (counts.sent ?? 0) + (counts.delivered ?? 0) + (counts.expired ?? 0);
  return { ms, createMs, notSubmitted: count - handed };
}

/** The same POSTs with plain fetch: `{account, password, numbers, content}`, CONCURRENCY at a time. */
async function childBare(url: string, count: number): Promise<EimsSample> {
  const all = numbers(count).map((n) => `86${n}`);
  const t0 = performance.now();
  let next = 0;
  let accepted = 0;
  const worker = async () => {
    while (next < all.length) {
      const batch = all.slice(next, next + BATCH);
      next += BATCH;
      const res = await fetch(`${url}/sendsms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json;charset=utf-8' },
        body: JSON.stringify({ account: 'demo', password: 'demo-password', content: TEXT, numbers: batch.join(',') }),
      });
      const body = (await res.json()) as { status: number; array: [string, number][] };
      if (body.status !== 0) throw new Error(`status ${body.status}`);
      accepted += body.array.length;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ms = performance.now() - t0;
  if (accepted !== count) throw new Error(`accepted ${accepted} of ${count}`);
  return { ms };
}

interface BoxSample {
  sent: number;
  ms: number;
}

async function childBox(url: string, count: number, paceMs: number): Promise<BoxSample> {
  const s = await coreSession({ boxPaceMs: paceMs });
  const { id } = s.must<{ id: string }>(
    await s.core.invoke('accountsCreate', {
      config: { kind: 'gsmbox', name: 'Bench box', baseUrl: url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 0 },
      secrets: { password: 'demo-box-password' },
    }),
  );
  const done = s.whenDone();
  const t0 = performance.now();
  s.must(await s.core.invoke('campaignCreate', { name: 'Bench box', accountId: id, content: { mode: 'text', body: TEXT }, recipients: { listIds: [], pasted: numbers(count).join('\n') }, confirmed: true }));
  await done;
  const ms = performance.now() - t0;
  await s.close();
  return { sent: count, ms };
}

// ---------------------------------------------------------------- parent

const run = promisify(execFile);
async function inChild<T>(args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [join(here, 'sending.ts'), ...args], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

async function benchEims(runs: number, count: number) {
  const sim = await startEimsSim({ balance: 1e12, price: 0 });
  const reset = () => {
    sim.state.accepted.length = 0;
    sim.state.messages.clear();
    sim.state.requests.length = 0;
  };
  const bare: EimsSample[] = [];
  const full: EimsSample[] = [];
  let requests = { bare: 0, core: 0 };
  try {
    for (let i = 0; i < runs; i++) {
      // Alternate the order so neither side always runs on a warmer machine.
      for (const kind of i % 2 ? (['core', 'bare'] as const) : (['bare', 'core'] as const)) {
        reset();
        const sample = await inChild<EimsSample>(['--child', kind, '--url', sim.url, '--messages', String(count)]);
        const got = new Set(sim.state.accepted.map((a) => a.number));
        if (got.size !== sim.state.accepted.length) throw new Error(`${kind}: simulator accepted ${sim.state.accepted.length}, only ${got.size} distinct`);
        if (sim.state.accepted.length !== count && !sample.notSubmitted) throw new Error(`${kind}: simulator accepted ${sim.state.accepted.length} of ${count}`);
        const reqs = sim.state.requests.filter((r) => r.path === '/sendsms').length;
        requests = { ...requests, [kind]: reqs };
        (kind === 'bare' ? bare : full).push(sample);
        console.log(`run ${i + 1} ${kind}: ${sample.ms.toFixed(0)} ms${sample.createMs === undefined ? '' : ` (campaignCreate ${sample.createMs.toFixed(0)} ms)`}, ${reqs} requests${sample.notSubmitted ? `, ${sample.notSubmitted} NOT submitted` : ''}`);
      }
    }
  } finally {
    await sim.close();
  }
  const b = median(bare.map((s) => s.ms));
  const f = median(full.map((s) => s.ms));
  const create = median(full.map((s) => s.createMs!));
  const missing = full.map((s) => s.notSubmitted ?? 0);
  const unsent = missing.some((n) => n > 0) ? `; not submitted per run: ${missing.join(', ')}` : '';
  emitResult({
    figure: `${count.toLocaleString('en-US')}-number campaign via the EIMS simulator, click → all submitted`,
    value: `${(f / 1000).toFixed(2)} s (campaignCreate ${create.toFixed(0)} ms of it)${unsent}`,
    baseline: `bare fetch script, same ${requests.bare} POSTs: ${(b / 1000).toFixed(2)} s`,
    ratio: `${(f / b).toFixed(2)}×`,
    // The ≤2× ratio goal was withdrawn (issue 15: a durable ledger against a script that records nothing); the ratio is printed for information.
    goals: [atMost(f / 1000, 5, ' s', 2), ...(unsent ? [atMost(Math.max(...missing), 0, ' messages not submitted')] : [])],
    runs: `median of ${runs}`,
  });
  return { b, f, create, requests, line: `| EIMS ${count.toLocaleString('en-US')}-number campaign, send → all submitted (batch ${BATCH}, ${CONCURRENCY} in flight) | ${(f / 1000).toFixed(2)} s (goal ≤5 s; campaignCreate ${create.toFixed(0)} ms of it${unsent}) | bare fetch script, same ${requests.bare} POSTs: ${(b / 1000).toFixed(2)} s | ${(f / b).toFixed(2)}× (for information) |` };
}

async function benchBox(runs: number, ports: number, paceMs: number, busyMs: number, count: number) {
  const rates: number[] = [];
  const busy: number[] = [];
  for (let i = 0; i < runs; i++) {
    const sim = await startGsmboxSim({ ports, busyMs });
    try {
      await inChild<BoxSample>(['--child', 'box', '--url', sim.url, '--messages', String(count), '--box-pace', String(paceMs)]);
      const acc = sim.state.accepted;
      if (acc.length !== count || new Set(acc.map((a) => a.number)).size !== count) throw new Error(`box: simulator accepted ${acc.length} of ${count}`);
      // Steady state: from the first accepted SMS to the last, the first round excluded.
      const span = (acc.at(-1)!.at - acc[0]!.at) / 1000;
      const rate = (count - ports) / span;
      const refused = sim.state.requests.filter((r) => r.uri === '/sms/send' && r.code === 503).length;
      rates.push(rate);
      busy.push(refused);
      console.log(`box run ${i + 1}: ${rate.toFixed(2)} msgs/s of ${((ports * 1000) / paceMs).toFixed(2)}, ${refused} busy refusals`);
    } finally {
      await sim.close();
    }
  }
  const ideal = (ports * 1000) / paceMs;
  const r = median(rates);
  emitResult({
    figure: `GSM box throughput (${ports} ports × pace ${paceMs} ms, ${count} messages)`,
    value: `${r.toFixed(2)} msgs/s; busy-port refusals ${busy.join(', ')}`,
    baseline: `ports ÷ pace = ${ideal.toFixed(2)} msgs/s`,
    ratio: `${((r / ideal) * 100).toFixed(1)}%`,
    goals: [atLeast((r / ideal) * 100, 95, '%', 1), atMost(Math.max(...busy), 0, ' busy-port errors')],
    runs: `median of ${runs}`,
  });
  return {
    rate: r,
    ideal,
    line: `| GSM box, ${ports} ports × pace ${paceMs} ms (sim busy ${busyMs} ms), ${count} messages | ${r.toFixed(2)} msgs/s | ports ÷ pace = ${ideal.toFixed(2)} msgs/s | ${((r / ideal) * 100).toFixed(1)}% (goal ≥95%); busy-port refusals ${busy.join(', ')} (goal 0) |`,
  };
}

if (values.child) {
  const url = values.url!;
  const count = Number(values.messages);
  const out = values.child === 'bare' ? await childBare(url, count) : values.child === 'core' ? await childCore(url, count) : await childBox(url, count, Number(values['box-pace']));
  // Exit once written: a core timer firing after stop() (monitoring's change notifier) must not turn a finished measurement into a failure.
  process.stdout.write(`${JSON.stringify(out)}\n`, () => process.exit(0));
} else {
  const runs = Number(values.runs);
  const count = Number(values.messages);
  const eims = await benchEims(runs, count);
  console.log(eims.line);
  const boxRuns = Number(values['box-runs']);
  const box = await benchBox(boxRuns, Number(values['box-ports']), Number(values['box-pace']), Number(values['box-busy']), Number(values['box-messages']));
  console.log(box.line);
  if (values.write) {
    writeSection('Sending', [
      machineLine(`node bench/sending.ts --runs ${runs} --messages ${count} --box-runs ${boxRuns} --write`),
      `Simulators in the bench process, each measurement in a fresh child process; EIMS: median of ${runs} runs each, baseline measured in the same run (order alternating); box: median of ${boxRuns} runs, rate = (messages − ports) ÷ (last accepted − first accepted).`,
      '',
      '| figure | median | baseline | ratio / goal |',
      '|---|---|---|---|',
      eims.line,
      box.line,
    ]);
  }
}
