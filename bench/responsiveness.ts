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
 * Reported per phase: p50, p99 and worst latency of each UI call, the receiver's answer time to the
 * pushes, the phase's duration and the app's peak RSS (from /proc, sampled every 50 ms).
 *
 *   node bench/responsiveness.ts [--rows 100000] [--write]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { makeContactsXlsx } from './support/files.ts';
import { atMost, emitResult, machineLine, median, percentile, writeSection } from './support/results.ts';

const here = import.meta.dirname;
const root = join(here, '..');
const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, write: { type: 'boolean', default: false } } });
const ROWS = Number(values.rows);
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

type Phase = 'idle' | 'import' | 'campaign' | 'ingest';

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-responsive-'));
  const xlsx = makeContactsXlsx(dir, ROWS);
  const sim = spawn(process.execPath, [join(here, 'support', 'eims-sim-child.ts')], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const simUrl = JSON.parse((await firstLine(sim, /^(\{.*\})$/))[1]!) as { url: string };
  const app = spawn(process.execPath, [...(process.env.BENCH_APP_ARGS ? process.env.BENCH_APP_ARGS.split(' ') : []), join(root, 'out', 'main', 'headless.js'), '--data-dir', join(dir, 'data'), '--port', '0', '--token', TOKEN, '--renderer-dir', join(dir, 'none')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = (await firstLine(app, /^Open: (http:\/\/[^/]+)\//))[1]!;

  const call = async <T>(name: string, input?: unknown): Promise<T> => {
    const res = await fetch(`${base}/api/${name}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ input }) });
    const r = (await res.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };

  let phase: Phase = 'idle';
  const samples: Record<Phase, { appInfo: number[]; log: number[]; rss: number }> = {
    idle: { appInfo: [], log: [], rss: 0 },
    import: { appInfo: [], log: [], rss: 0 },
    campaign: { appInfo: [], log: [], rss: 0 },
    ingest: { appInfo: [], log: [], rss: 0 },
  };
  let probing = true;
  const prober = (async () => {
    while (probing) {
      const p = phase;
      let t = performance.now();
      await call('appInfo');
      samples[p].appInfo.push(performance.now() - t);
      t = performance.now();
      await call('messageLog', { limit: 200 });
      samples[p].log.push(performance.now() - t);
    }
  })();
  const rssTimer = setInterval(() => {
    samples[phase].rss = Math.max(samples[phase].rss, rssMb(app.pid!));
  }, 50);

  const durations: Partial<Record<Phase, number>> = {};
  const timed = async (p: Phase, work: () => Promise<void>) => {
    phase = p;
    const t0 = performance.now();
    await work();
    durations[p] = performance.now() - t0;
    console.error(`${p}: ${(durations[p] / 1000).toFixed(2)} s, ${samples[p].appInfo.length + samples[p].log.length} UI calls`);
  };

  await timed('idle', () => new Promise((r) => setTimeout(r, 2000)));
  const account = await call<{ id: string }>('accountsCreate', {
    config: { kind: 'eims', name: 'Bench EIMS', baseUrl: simUrl.url, account: 'demo', encrypted: false },
    secrets: { password: 'demo-password' },
  });

  let listId = '';
  await timed('import', async () => {
    const bytes = readFileSync(xlsx);
    const opened = await call<{ importId: string }>('importOpen', { fileName: 'contacts.xlsx', base64: bytes.toString('base64') });
    await call('importAnalyse', { importId: opened.importId, options: {} });
    const done = await call<{ listId: string; added: number }>('importCommit', { importId: opened.importId, target: { newListName: 'Bench list' } });
    if (done.added !== ROWS) throw new Error(`imported ${done.added} of ${ROWS}`);
    listId = done.listId;
  });

  let createMs = 0;
  await timed('campaign', async () => {
    const t0 = performance.now();
    const c = await call<{ id: string }>('campaignCreate', {
      name: 'Bench',
      accountId: account.id,
      content: { mode: 'text', body: 'Hello {name}, your parcel is out for delivery today.' },
      recipients: { listIds: [listId], pasted: '' },
      confirmed: true,
    });
    createMs = performance.now() - t0;
    let polls = 0;
    for (;;) {
      const v = await call<{ state: string; counts: Record<string, number> }>('campaignGet', { id: c.id });
      const handed = (v.counts.submitted ?? 0) + (v.counts.sent ?? 0) + (v.counts.delivered ?? 0);
      if (handed >= ROWS || v.state === 'done') break;
      if (++polls % 50 === 0) console.error(`campaign ${v.state}: ${JSON.stringify(v.counts)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  const status = await call<{ urls: { accountId: string; url: string }[] }>('receiverStatus');
  const pushUrl = status.urls.find((u) => u.accountId === account.id)!.url;
  let push = { ms: 0, ok: 0, refused: 0, latencies: [] as number[] };
  await timed('ingest', async () => {
    const reply = new Promise<typeof push>((resolve) => sim.once('message', (m) => resolve(m as typeof push)));
    sim.send({ cmd: 'push', url: pushUrl, concurrency: 8, sources: Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`) });
    push = await reply;
  });

  probing = false;
  await prober;
  clearInterval(rssTimer);
  await new Promise((r) => setTimeout(r, 1000));
  const after = rssMb(app.pid!);
  app.kill('SIGTERM');
  sim.disconnect();
  await new Promise((r) => app.once('exit', r));
  rmSync(dir, { recursive: true, force: true });

  const fmt = (xs: number[]) => `p50 ${median(xs).toFixed(1)} · p99 ${percentile(xs, 99).toFixed(1)} · worst ${Math.max(...xs).toFixed(1)} ms (${xs.length})`;
  const lines: string[] = [];
  for (const p of ['idle', 'import', 'campaign', 'ingest'] as const) {
    const s = samples[p];
    lines.push(`| ${p} | ${((durations[p] ?? 0) / 1000).toFixed(2)} s | ${fmt(s.appInfo)} | ${fmt(s.log)} | ${s.rss.toFixed(0)} MB |`);
  }
  console.log(lines.join('\n'));
  console.log(`campaignCreate answered in ${createMs.toFixed(0)} ms; pushes: ${push.ok} ok, ${push.refused} refused, answer ${fmt(push.latencies)}; RSS after ${after.toFixed(0)} MB`);
  for (const p of ['import', 'campaign', 'ingest'] as const) {
    const all = [...samples[p].appInfo, ...samples[p].log];
    emitResult({
      figure: `responsiveness while ${p === 'import' ? 'importing a 100k-row .xlsx' : p === 'campaign' ? 'creating and submitting a 100k campaign' : 'ingesting 100k pushed reports'}: UI call latency`,
      value: `p99 ${percentile(all, 99).toFixed(1)} ms, worst ${Math.max(...all).toFixed(1)} ms`,
      goals: [atMost(percentile(all, 99), 50, ' ms', 1), atMost(Math.max(...all), 100, ' ms', 1)],
      runs: `${all.length} calls (appInfo and messageLog alternating)`,
    });
  }
  if (values.write) writeSection('Responsiveness', [machineLine(`node bench/responsiveness.ts --rows ${ROWS} --write`), '', ...lines]);
}

await main();
