/**
 * Benchmark (issue 7):
 *  1. 100,000 EIMS report rows pushed as 2,000 PUTs (50 rows each) to the core's receiver, ingested and
 *     matched to 100,000 submitted messages — against a bare node:http server that only reads the body,
 *     parses the JSON and answers 200, with the same client and payloads, in the same run.
 *  2. The message log on 1,000,000 messages: first page, and filters + number search (p95).
 *
 *   node bench/monitoring.ts [--runs 3] [--queries 40] [--write]
 */
import '../scripts/require-supported-node.mjs';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { syncSeededMessages } from '../tests/helpers/kept-counts.ts';
import type { Core } from '../src/main/core/create-core.ts';
import { createCore } from '../src/main/core/create-core.ts';
import { MemorySecretStore } from '../src/main/core/ports.ts';
import { MemorySettingsBackend } from '../src/main/core/settings/json-file-backend.ts';
import type { MessageLogPage, ReceiverStatus } from '../src/shared/monitoring.ts';
import { atMost, emitResult, machineLine, median, percentile, writeSection } from './support/results.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, queries: { type: 'string', default: '40' }, write: { type: 'boolean', default: false }, 'pushes-only': { type: 'boolean', default: false } } });
const RUNS = Number(values.runs);
const QUERIES = Number(values.queries);
const ROWS = 100_000;
const PER_PUT = 50;
const CONCURRENCY = 8;

const must = <T>(r: { ok: true; value: unknown } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
};

function newCore(): { core: Core; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-monitoring-'));
  const core = createCore({
    dataDir: dir,
    secrets: new MemorySecretStore(),
    settings: new MemorySettingsBackend(),
    monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false, limits: { perSecond: 1e6, burst: 1e6 } },
  });
  return { core, dir };
}

const number = (i: number) => `86139${String(i).padStart(8, '0')}`;

/** The 2,000 PUT bodies: rows [id, number, time, result, cause]; every 20th row a failure. */
function bodies(): string[] {
  const out: string[] = [];
  for (let i = 0; i < ROWS; i += PER_PUT) {
    const rows = [];
    for (let j = i; j < i + PER_PUT; j++) rows.push(j % 20 === 0 ? [j + 1, number(j), '20261129120000', 1005, 'Send Refuse'] : [j + 1, number(j), '20261129120000', 0, 'success']);
    out.push(JSON.stringify({ type: 'report', cnt: rows.length, array: rows }));
  }
  return out;
}

/** PUTs every body (CONCURRENCY at a time, keep-alive); returns ms and how many got 200. */
async function pushAll(url: string, list: readonly string[]): Promise<{ ms: number; ok: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const u = new URL(url);
  const put = (body: string) =>
    new Promise<number>((resolve) => {
      const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'PUT', agent, headers: { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.end(body);
    });
  let next = 0;
  let ok = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < list.length) {
        const status = await put(list[next++]!);
        if (status === 200) ok++;
      }
    }),
  );
  const ms = performance.now() - t0;
  agent.destroy();
  return { ms, ok };
}

async function bareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 });
      res.end('OK');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address() as { port: number };
  return { url: `http://127.0.0.1:${a.port}/push`, close: () => new Promise((r) => server.close(() => r())) };
}

function seedSubmitted(core: Core, accountId: string, n: number): void {
  const db = core.context.db;
  const now = Date.now();
  db.prepare(`INSERT INTO campaigns (id, name, account_id, provider, content, state, total, created_at, updated_at) VALUES ('bench','Bench',?,'eims','{"mode":"text","body":"x"}','done',?,?,?)`).run(accountId, n, now, now);
  const sub = Number(db.prepare(`INSERT INTO submissions (account_id, started_at, finished_at, outcome) VALUES (?, ?, ?, 'answered')`).run(accountId, now, now).lastInsertRowid);
  const ins = db.prepare(`INSERT INTO messages (campaign_id, account_id, e164, address, text, state, submission_id, provider_id, handed_at, updated_at) VALUES ('bench', ?, ?, ?, 'x', 'submitted', ?, ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < n; i++) ins.run(accountId, `+${number(i)}`, number(i), sub, String(i + 1), now, now);
    syncSeededMessages(db);
  })();
}

async function pushRun(list: readonly string[]): Promise<{ ms: number; lost: number }> {
  const { core, dir } = newCore();
  try {
    const account = must<{ id: string }>(
      await core.invoke('accountsCreate', { config: { kind: 'eims', name: 'Bench', baseUrl: 'http://127.0.0.1:9', account: 'demo', encrypted: false }, secrets: { password: 'x' } }),
    );
    seedSubmitted(core, account.id, ROWS);
    await core.start();
    const status = must<ReceiverStatus>(await core.invoke('receiverStatus', undefined));
    const url = status.urls.find((u) => u.accountId === account.id)!.url;
    const t0 = performance.now();
    const r = await pushAll(url, list);
    if (r.ok !== list.length) throw new Error(`${list.length - r.ok} PUTs refused`);
    // The receiver answers at once and the ingest stores in steps after it (issue 15): the time is until
    // every row is stored and matched; what is not after 60 s is lost.
    const count = () => (core.context.db.prepare(`SELECT count(*) AS n FROM messages WHERE state IN ('sent','delivered','failed','expired')`).get() as { n: number }).n;
    let settled = count();
    const deadline = Date.now() + 60_000;
    while (settled < ROWS && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 10));
      settled = count();
    }
    return { ms: performance.now() - t0, lost: ROWS - settled };
  } finally {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function baselineRun(list: readonly string[]): Promise<number> {
  const s = await bareServer();
  try {
    const r = await pushAll(s.url, list);
    if (r.ok !== list.length) throw new Error('bare server refused PUTs');
    return r.ms;
  } finally {
    await s.close();
  }
}

/** 1,000,000 messages: 40 campaigns of 25,000 over 3 accounts, states spread, distinct numbers. */
function seedLog(core: Core): { accounts: string[]; campaigns: string[] } {
  const db = core.context.db;
  const accounts = ['acc-a', 'acc-b', 'acc-c'];
  const insAcc = db.prepare(`INSERT INTO accounts (id, kind, name, config, created_at, updated_at) VALUES (?, 'eims', ?, '{"baseUrl":"http://127.0.0.1:9","account":"x","encrypted":false}', 0, 0)`);
  const insCamp = db.prepare(`INSERT INTO campaigns (id, name, account_id, provider, content, state, total, created_at, updated_at) VALUES (?, ?, ?, 'eims', '{"mode":"text","body":"x"}', 'done', 25000, ?, ?)`);
  const ins = db.prepare(`INSERT INTO messages (campaign_id, account_id, e164, address, text, state, provider_id, handed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const states = ['delivered', 'delivered', 'delivered', 'delivered', 'sent', 'submitted', 'failed', 'expired', 'delivered', 'delivered'];
  const campaigns: string[] = [];
  const day0 = Date.now() - 40 * 86_400_000;
  db.transaction(() => {
    accounts.forEach((a, i) => insAcc.run(a, `Account ${i}`));
    let n = 0;
    for (let c = 0; c < 40; c++) {
      const id = `camp-${c}`;
      const acc = accounts[c % 3]!;
      const at = day0 + c * 86_400_000;
      insCamp.run(id, `Campaign ${c}`, acc, at, at);
      campaigns.push(id);
      for (let i = 0; i < 25_000; i++, n++) {
        const digits = `13${String((n * 7919) % 1_000_000_000).padStart(9, '0')}`;
        ins.run(id, acc, `+86${digits}`, `86${digits}`, 'Your order has shipped, reply TD to unsubscribe', states[(n * 31) % 10]!, String(n + 1), at, at);
      }
    }
  })();
  return { accounts, campaigns };
}

async function timed(core: Core, input: unknown): Promise<number> {
  const t0 = performance.now();
  const page = must<MessageLogPage>(await core.invoke('messageLog', input));
  const ms = performance.now() - t0;
  if (!Array.isArray(page.rows)) throw new Error('bad page');
  return ms;
}

async function logRun(): Promise<{ first: number[]; firstP95: number; filtered: Record<string, number[]>; seedMs: number }> {
  const { core, dir } = newCore();
  try {
    const t0 = performance.now();
    const { accounts, campaigns } = seedLog(core);
    syncSeededMessages(core.context.db);
    core.context.db.exec('ANALYZE');
    const seedMs = performance.now() - t0;
    const first: number[] = [];
    for (let i = 0; i < QUERIES; i++) first.push(await timed(core, { limit: 200 }));
    const rnd = (i: number) => String((i * 104_729) % 100_000).padStart(5, '0');
    const shapes: Record<string, (i: number) => unknown> = {
      'status failed': () => ({ states: ['failed'], limit: 200 }),
      'account + status': (i) => ({ accountId: accounts[i % 3], states: ['sent', 'submitted'], limit: 200 }),
      'campaign + status': (i) => ({ campaignId: campaigns[i % 40], states: ['expired'], limit: 200 }),
      'date range (7 days)': (i) => ({ from: Date.now() - (20 + (i % 10)) * 86_400_000, to: Date.now() - (13 + (i % 10)) * 86_400_000, limit: 200 }),
      'number search, whole number': (i) => ({ search: `13${String((i * 7_919 * 977) % 1_000_000_000).padStart(9, '0')}`, limit: 200 }),
      'number search, 4 digits (contains)': (i) => ({ search: rnd(i).slice(1), limit: 200 }),
      'account + status + 4 digits': (i) => ({ accountId: accounts[i % 3], states: ['failed'], search: rnd(i).slice(1), limit: 200 }),
      'next page (cursor)': () => ({ cursor: 500_000, limit: 200 }),
    };
    const filtered: Record<string, number[]> = {};
    for (const [name, make] of Object.entries(shapes)) {
      filtered[name] = [];
      for (let i = 0; i < QUERIES; i++) filtered[name].push(await timed(core, make(i)));
    }
    return { first, firstP95: percentile(first, 95), filtered, seedMs };
  } finally {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const list = bodies();
  const ours: number[] = [];
  const bare: number[] = [];
  let lost = 0;
  for (let r = 0; r < RUNS; r++) {
    if (r % 2 === 0) {
      bare.push(await baselineRun(list));
      const o = await pushRun(list);
      ours.push(o.ms);
      lost = Math.max(lost, o.lost);
    } else {
      const o = await pushRun(list);
      ours.push(o.ms);
      lost = Math.max(lost, o.lost);
      bare.push(await baselineRun(list));
    }
    console.log(`run ${r + 1}: receiver+ingest ${ours.at(-1)!.toFixed(0)} ms, bare ${bare.at(-1)!.toFixed(0)} ms, lost ${lost}`);
  }
  if (values['pushes-only']) return;
  const log = await logRun();
  const oursMs = median(ours);
  const bareMs = median(bare);
  const ratio = oursMs / bareMs;
  const lines = [
    machineLine(`node bench/monitoring.ts --runs ${RUNS} --queries ${QUERIES} --write`),
    `Pushes: ${ROWS.toLocaleString('en')} EIMS report rows in ${ROWS / PER_PUT} PUTs of ${PER_PUT} rows, ${CONCURRENCY} at a time over keep-alive, client in the same process; median of ${RUNS} runs, baseline (a bare node:http server that reads the body, JSON.parse, 200) in the same run, order alternating. Message log: ${QUERIES} queries per shape through \`core.invoke('messageLog')\` on 1,000,000 messages (40 campaigns × 25,000, 3 accounts; seeding took ${(log.seedMs / 1000).toFixed(0)} s).`,
    '',
    '| figure | median | p95 | baseline / goal |',
    '|---|---|---|---|',
    `| 100k pushed rows received, parsed, matched and stored (${lost} lost) | ${oursMs.toFixed(0)} ms | — | bare server ${bareMs.toFixed(0)} ms → ${ratio.toFixed(2)}× (goal ≤10 s, 0 lost; the ratio for information) |`,
    `| message log, first page (200 rows, no filter) | ${median(log.first).toFixed(1)} ms | ${log.firstP95.toFixed(1)} ms | goal ≤50 ms |`,
    ...Object.entries(log.filtered).map(([name, xs]) => `| message log, ${name} | ${median(xs).toFixed(1)} ms | ${percentile(xs, 95).toFixed(1)} ms | goal ≤100 ms p95 |`),
  ];
  console.log(lines.join('\n'));
  emitResult({
    figure: `100k pushed report rows (${ROWS / PER_PUT} PUTs) ingested and matched`,
    value: `${(oursMs / 1000).toFixed(2)} s; ${lost} lost`,
    baseline: `bare parse-and-200 server ${(bareMs / 1000).toFixed(2)} s`,
    ratio: `${ratio.toFixed(2)}×`,
    // The ≤3× ratio goal was withdrawn (issue 15: a durable ingest against a server that stores nothing); the ratio is printed for information.
    goals: [atMost(oursMs / 1000, 10, ' s', 2), atMost(lost, 0, ' lost')],
    runs: `median of ${RUNS}`,
  });
  emitResult({
    figure: 'message log on 1M rows: first page (200 rows)',
    value: `${median(log.first).toFixed(1)} ms (p95 ${log.firstP95.toFixed(1)} ms)`,
    goals: [atMost(median(log.first), 50, ' ms', 1)],
    runs: `median of ${QUERIES} queries`,
  });
  const [worstName, worstP95] = Object.entries(log.filtered)
    .map(([name, xs]) => [name, percentile(xs, 95)] as const)
    .reduce((a, b) => (b[1] > a[1] ? b : a));
  emitResult({
    figure: `message log on 1M rows: filter + search (${Object.keys(log.filtered).length} shapes)`,
    value: `worst p95 ${worstP95.toFixed(1)} ms (${worstName})`,
    goals: [atMost(worstP95, 100, ' ms p95', 1)],
    runs: `p95 of ${QUERIES} queries per shape`,
  });
  if (values.write) writeSection('Monitoring', lines);
}

await main();
