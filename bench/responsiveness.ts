/**
 * Benchmark (issue 15): does the window get answers while the app works?
 *
 * The built headless app (out/main/headless.js: the same main thread plus workers the desktop app
 * runs) is started in a child process; the EIMS simulator and the report pusher run in a second child.
 * This process only asks and times. Two UI calls run back to back through the headless bridge the whole
 * time — `appInfo` (main answers it by itself) and the message log's first page — while the app:
 *   (a) imports a 100k-row .xlsx (importOpen → importAnalyse → importCommit into a new list),
 *   (b) creates and submits a 100k campaign to that list through the EIMS simulator (click → all submitted),
 *   (c) ingests 100k pushed report rows (2,000 PUTs of 50 rows, 8 at a time, from 8 loopback addresses).
 * Then, in a fresh app process, (d) imports a 1,000,000-row CSV (upload → analyse → commit).
 * Reported per phase: p50, p99 and worst latency of each UI call, the receiver's answer time to the
 * pushes, the phase's duration and the app's peak RSS (from /proc, sampled every 50 ms), and the RSS
 * a second after the work.
 *
 *   node bench/responsiveness.ts [--rows 100000] [--csv-rows 1000000] [--write]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { makeContactsXlsx } from './support/files.ts';
import { atMost, emitResult, machineLine, median, percentile, writeSection } from './support/results.ts';

const here = import.meta.dirname;
const root = join(here, '..');
const { values } = parseArgs({
  options: { rows: { type: 'string', default: '100000' }, 'csv-rows': { type: 'string', default: '1000000' }, write: { type: 'boolean', default: false } },
});
const ROWS = Number(values.rows);
const CSV_ROWS = Number(values['csv-rows']);
const TOKEN = 'bench-responsiveness-token';

function firstLine(child: ChildProcess, match: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      const m = match.exec(line);
      if (m) {
        rl.close();
        resolve(m);
      }
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready`)));
  });
}

/** VmRSS of a process in MB (Linux), or 0 where /proc is missing. */
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The built headless app in a child process, driven through the bridge. */
async function startApp(dataDir: string) {
  const app = spawn(process.execPath, [...(process.env.BENCH_APP_ARGS ? process.env.BENCH_APP_ARGS.split(' ') : []), join(root, 'out', 'main', 'headless.js'), '--data-dir', dataDir, '--port', '0', '--token', TOKEN], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = (await firstLine(app, /^Open: (http:\/\/[^/]+)\//))[1]!;
  const call = async <T>(name: string, input?: unknown): Promise<T> => {
    const res = await fetch(`${base}/api/${name}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ input }) });
    const r = (await res.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  return {
    call,
    rss: () => rssMb(app.pid!),
    async stop() {
      app.kill('SIGTERM');
      await new Promise((r) => app.once('exit', r));
    },
  };
}
type App = Awaited<ReturnType<typeof startApp>>;

interface PhaseSamples {
  appInfo: number[];
  log: number[];
  rss: number;
  ms: number;
}

/** Asks appInfo and the log's first page back to back, and samples RSS, filing both under the current phase. */
function probe(app: App) {
  const phases = new Map<string, PhaseSamples>();
  let phase = '';
  let probing = true;
  const current = () => phases.get(phase)!;
  const loop = (async () => {
    while (probing) {
      if (!phase) {
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      const p = current();
      let t = performance.now();
      await app.call('appInfo');
      p.appInfo.push(performance.now() - t);
      t = performance.now();
      await app.call('messageLog', { limit: 200 });
      p.log.push(performance.now() - t);
    }
  })();
  const rssTimer = setInterval(() => {
    if (phase) current().rss = Math.max(current().rss, app.rss());
  }, 50);
  return {
    phases,
    async run(name: string, work: () => Promise<void>) {
      phases.set(name, { appInfo: [], log: [], rss: 0, ms: 0 });
      phase = name;
      const t0 = performance.now();
      await work();
      current().ms = performance.now() - t0;
      console.error(`${name}: ${(current().ms / 1000).toFixed(2)} s, ${current().appInfo.length + current().log.length} UI calls`);
    },
    async stop() {
      probing = false;
      await loop;
      clearInterval(rssTimer);
    },
  };
}

const fmt = (xs: number[]) => `p50 ${median(xs).toFixed(1)} · p99 ${percentile(xs, 99).toFixed(1)} · worst ${Math.max(...xs).toFixed(1)} ms (${xs.length})`;
const row = (name: string, s: PhaseSamples) => `| ${name} | ${(s.ms / 1000).toFixed(2)} s | ${fmt(s.appInfo)} | ${fmt(s.log)} | ${s.rss.toFixed(0)} MB |`;
const settleRss = async (app: App) => {
  await new Promise((r) => setTimeout(r, 1000));
  return app.rss();
};

async function importFile(app: App, fileName: string, bytes: Buffer, listName: string): Promise<{ listId: string; added: number }> {
  const t0 = performance.now();
  const opened = await app.call<{ importId: string }>('importOpen', { fileName, base64: bytes.toString('base64') });
  const t1 = performance.now();
  await app.call('importAnalyse', { importId: opened.importId, options: {} });
  const t2 = performance.now();
  const done = await app.call<{ listId: string; added: number }>('importCommit', { importId: opened.importId, target: { newListName: listName } });
  console.error(`  ${fileName}: open ${(t1 - t0).toFixed(0)} ms, analyse ${(t2 - t1).toFixed(0)} ms, commit ${(performance.now() - t2).toFixed(0)} ms`);
  return done;
}

/** (a)–(c) in one app: import, campaign, ingest. */
async function sendingRun(dir: string) {
  const xlsx = makeContactsXlsx(dir, ROWS);
  const sim = spawn(process.execPath, [join(here, 'support', 'eims-sim-child.ts')], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const simUrl = JSON.parse((await firstLine(sim, /^(\{.*\})$/))[1]!) as { url: string };
  const app = await startApp(join(dir, 'data'));
  const p = probe(app);
  await p.run('idle', () => new Promise((r) => setTimeout(r, 2000)));
  const account = await app.call<{ id: string }>('accountsCreate', {
    config: { kind: 'eims', name: 'Bench EIMS', baseUrl: simUrl.url, account: 'demo', encrypted: false },
    secrets: { password: 'demo-password' },
  });
  let listId = '';
  await p.run('import', async () => {
    const done = await importFile(app, 'contacts.xlsx', readFileSync(xlsx), 'Bench list');
    if (done.added !== ROWS) throw new Error(`imported ${done.added} of ${ROWS}`);
    listId = done.listId;
  });
  let createMs = 0;
  await p.run('campaign', async () => {
    const t0 = performance.now();
    const c = await app.call<{ id: string }>('campaignCreate', {
      name: 'Bench',
      accountId: account.id,
      content: { mode: 'text', body: 'Hello {name}, your parcel is out for delivery today.' },
      recipients: { listIds: [listId], pasted: '' },
      confirmed: true,
    });
    createMs = performance.now() - t0;
    for (;;) {
      const v = await app.call<{ state: string; counts: Record<string, number> }>('campaignGet', { id: c.id });
      const handed = (v.counts.submitted ?? 0) + (v.counts.sent ?? 0) + (v.counts.delivered ?? 0);
      if (handed >= ROWS || v.state === 'done' || v.state === 'handed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  const status = await app.call<{ urls: { accountId: string; url: string }[] }>('receiverStatus');
  const pushUrl = status.urls.find((u) => u.accountId === account.id)!.url;
  let push = { ms: 0, ok: 0, refused: 0, latencies: [] as number[] };
  await p.run('ingest', async () => {
    const reply = new Promise<typeof push>((resolve) => sim.once('message', (m) => resolve(m as typeof push)));
    sim.send({ cmd: 'push', url: pushUrl, concurrency: 8, sources: Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`) });
    push = await reply;
  });
  await p.stop();
  const after = await settleRss(app);
  await app.stop();
  sim.disconnect();
  return { phases: p.phases, createMs, push, after };
}

/** (d) in a fresh app: a 1M-row CSV. */
async function csvRun(dir: string) {
  const lines = ['手机号,姓名,城市'];
  for (let i = 0; i < CSV_ROWS; i++) lines.push(`${13_500_000_000 + i},客户 ${i},${i % 2 ? '广州' : '成都'}`);
  const csv = Buffer.from(lines.join('\n'));
  writeFileSync(join(dir, 'big.csv'), csv);
  const app = await startApp(join(dir, 'data-csv'));
  const p = probe(app);
  await p.run('idle', () => new Promise((r) => setTimeout(r, 1000)));
  await p.run('csv', async () => {
    const done = await importFile(app, 'big.csv', csv, 'Big list');
    if (done.added !== CSV_ROWS) throw new Error(`imported ${done.added} of ${CSV_ROWS}`);
  });
  await p.stop();
  const after = await settleRss(app);
  await app.stop();
  return { phases: p.phases, after, mb: csv.byteLength / 2 ** 20 };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-responsive-'));
  try {
    const c = await csvRun(dir);
    if (process.env.BENCH_CSV_ONLY) return;
    const s = await sendingRun(dir);
    const lines = [
      machineLine(`node bench/responsiveness.ts --rows ${ROWS} --csv-rows ${CSV_ROWS}${values.write ? ' --write' : ''}`),
      'The built app (out/main/headless.js) in its own process; the EIMS simulator and the pusher in another; two UI calls back to back through the bridge for the whole run. RSS is the app process (main thread and every worker). One run.',
      '',
      '| phase | duration | appInfo | message log first page | app peak RSS |',
      '|---|---|---|---|---|',
      ...[...s.phases].map(([name, x]) => row(name === 'campaign' ? 'campaign (create + submit 100k)' : name, x)),
      ...[...c.phases].map(([name, x]) => row(name === 'csv' ? `${CSV_ROWS.toLocaleString('en')}-row CSV import (${c.mb.toFixed(0)} MB)` : `${name} (fresh app)`, x)),
      '',
      `campaignCreate answered in ${s.createMs.toFixed(0)} ms. Pushes: ${s.push.ok} answered 200, ${s.push.refused} refused; answer ${fmt(s.push.latencies)}. RSS a second after: ${s.after.toFixed(0)} MB (sending run), ${c.after.toFixed(0)} MB (CSV run).`,
    ];
    console.log(lines.join('\n'));
    const uiFigure = (what: string, x: PhaseSamples) => {
      const all = [...x.appInfo, ...x.log];
      emitResult({
        figure: `responsiveness while ${what}: UI call latency`,
        value: `p99 ${percentile(all, 99).toFixed(1)} ms, worst ${Math.max(...all).toFixed(1)} ms`,
        goals: [atMost(percentile(all, 99), 50, ' ms', 1), atMost(Math.max(...all), 100, ' ms', 1)],
        runs: `${all.length} calls (appInfo and the log's first page alternating), one run`,
      });
    };
    uiFigure('importing a 100k-row .xlsx', s.phases.get('import')!);
    uiFigure('creating and submitting a 100k campaign', s.phases.get('campaign')!);
    uiFigure('ingesting 100k pushed reports', s.phases.get('ingest')!);
    emitResult({
      figure: 'receiver answer time to pushes while ingesting 100k report rows',
      value: `p99 ${percentile(s.push.latencies, 99).toFixed(1)} ms (median ${median(s.push.latencies).toFixed(1)} ms)`,
      goals: [atMost(percentile(s.push.latencies, 99), 100, ' ms', 1)],
      runs: `${s.push.latencies.length} PUTs, one run`,
    });
    emitResult({
      figure: '100,000-number campaign via the EIMS simulator, click → all submitted (app in its own process)',
      value: `${(s.phases.get('campaign')!.ms / 1000).toFixed(2)} s (campaignCreate ${s.createMs.toFixed(0)} ms of it)`,
      goals: [atMost(s.phases.get('campaign')!.ms / 1000, 5, ' s', 2)],
      runs: 'one run, with the UI probe running',
    });
    const csv = c.phases.get('csv')!;
    uiFigure(`importing a ${CSV_ROWS.toLocaleString('en')}-row CSV`, csv);
    emitResult({
      figure: `${CSV_ROWS.toLocaleString('en')}-row CSV import (upload → analyse → commit)`,
      value: `${(csv.ms / 1000).toFixed(1)} s; app peak RSS ${csv.rss.toFixed(0)} MB; RSS after ${c.after.toFixed(0)} MB`,
      goals: [atMost(csv.ms / 1000, 15, ' s', 1), atMost(csv.rss, 700, ' MB'), atMost(c.after, 400, ' MB')],
      runs: 'one run, in a fresh app process',
    });
    emitResult({
      figure: 'app RSS after importing, sending and ingesting 100k',
      value: `${s.after.toFixed(0)} MB`,
      goals: [atMost(s.after, 400, ' MB')],
      runs: 'one run, a second after the last phase',
    });
    if (values.write) writeSection('Responsiveness', lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
