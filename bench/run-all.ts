/**
 * One benchmark command (issue 9): runs every benchmark in bench/ on this machine, each in its own
 * child process, one after the other, with --write, and rewrites bench/RESULTS.md: a header (date,
 * machine, command, load), a summary table built from the `BENCH_RESULT {json}` lines each benchmark
 * prints (median, baseline measured in the same run, ratio, goal met / missed by how much), then the
 * sections the benchmarks wrote, then the hand-written "Notes" section kept from the previous file.
 *
 *   npm run bench                 (node bench/run-all.ts)
 *   node bench/run-all.ts --quick (fewer runs per figure: a smoke run, same figures)
 *
 * A benchmark that is missing from bench/, fails or times out is reported as "not measured" with
 * the reason; the others still run.
 */
import '../scripts/require-supported-node.mjs';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_FILE, parseResults, verdict, type BenchResult } from './support/results.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const QUICK = values.quick;

interface Spec {
  file: string;
  /** What it measures, for the "not measured" rows when it cannot run. */
  figures: string[];
  args: string[];
  quick: string[];
  timeoutMin: number;
  /** A command run first (e.g. the build the bench drives), only when the bench exists. */
  prepare?: string[];
}

const BENCHES: Spec[] = [
  {
    file: 'contacts-import.ts',
    figures: ['100k-row .xlsx import (parse, normalise, dedupe, store)', '65k-row .xls import'],
    args: ['--runs', '7'],
    quick: ['--runs', '1'],
    timeoutMin: 8,
  },
  {
    file: 'sending.ts',
    figures: ['100,000-number campaign via the EIMS simulator, click → all submitted', 'GSM box throughput'],
    args: ['--runs', '5', '--box-runs', '3'],
    quick: ['--runs', '1', '--box-runs', '1'],
    timeoutMin: 12,
  },
  {
    file: 'monitoring.ts',
    figures: ['100k pushed report rows (2,000 PUTs) ingested and matched', 'message log on 1M rows: first page', 'message log on 1M rows: filter + search'],
    args: ['--runs', '3'],
    quick: ['--runs', '1'],
    timeoutMin: 10,
  },
  {
    file: 'insight.ts',
    figures: ['insight: slowest chart query on 1M messages'],
    args: ['--runs', '15'],
    quick: ['--runs', '3'],
    timeoutMin: 10,
  },
  {
    file: 'core-start.ts',
    figures: ['core start on a 1,000,000-message database', 'core memory once started (RSS)'],
    args: ['--runs', '5'],
    quick: ['--runs', '1'],
    timeoutMin: 8,
  },
  {
    file: 'renderer-scroll.ts',
    figures: ['renderer: scrolling the 1M-row log in Chromium'],
    args: [],
    quick: [],
    timeoutMin: 10,
    // It drives the built headless app (out/).
    prepare: ['npm', 'run', 'build'],
  },
  {
    file: 'responsiveness.ts',
    figures: [
      'responsiveness while importing a 100k-row .xlsx: UI call latency',
      'responsiveness while creating and submitting a 100k campaign: UI call latency',
      'responsiveness while ingesting 100k pushed reports: UI call latency',
      '1,000,000-row CSV import (upload → analyse → commit)',
    ],
    args: [],
    quick: ['--rows', '20000', '--csv-rows', '100000'],
    timeoutMin: 12,
    // It drives the built headless app (out/).
    prepare: ['npm', 'run', 'build'],
  },
  {
    file: 'reliability.ts',
    figures: ['reliability: 20 SIGKILLs during a 20k campaign; the fault matrix'],
    args: [],
    quick: [],
    timeoutMin: 8,
  },
];

interface Outcome {
  spec: Spec;
  results: BenchResult[];
  /** Why it was not (fully) measured; undefined when it ran and exited 0. */
  problem?: string;
  seconds: number;
}

function runBench(spec: Spec): Promise<Outcome> {
  const path = join(import.meta.dirname, spec.file);
  if (!existsSync(path)) return Promise.resolve({ spec, results: [], problem: `bench/${spec.file} is not in this tree`, seconds: 0 });
  if (spec.prepare) {
    console.log(`\n=== ${spec.prepare.join(' ')} (for bench/${spec.file})`);
    try {
      execFileSync(spec.prepare[0]!, spec.prepare.slice(1), { cwd: join(import.meta.dirname, '..'), stdio: 'inherit', timeout: 10 * 60_000 });
    } catch (err) {
      return Promise.resolve({ spec, results: [], problem: `${spec.prepare.join(' ')} failed: ${String(err).slice(0, 200)}`, seconds: 0 });
    }
  }
  const args = [path, '--write', ...(QUICK ? spec.quick : spec.args)];
  console.log(`\n=== node bench/${spec.file} ${args.slice(1).join(' ')}`);
  const t0 = performance.now();
  return new Promise((resolve) => {
    // Its own process group, so a timeout ends the bench and every process it started.
    const child = spawn(process.execPath, args, { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      process.stdout.write(c);
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      process.stderr.write(c);
    });
    /** The first `Error: …` line it printed, to say why it failed. */
    const firstError = () => /^\w*Error: .*$/m.exec(err)?.[0].slice(0, 200);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, spec.timeoutMin * 60_000);
    const finish = (problem: string | undefined) => {
      clearTimeout(timer);
      let results: BenchResult[] = [];
      try {
        results = parseResults(out);
      } catch (err) {
        problem = `${problem ? `${problem}; ` : ''}unreadable BENCH_RESULT line (${String(err)})`;
      }
      resolve({ spec, results, seconds: (performance.now() - t0) / 1000, ...(problem ? { problem } : {}) });
    };
    child.once('error', (err) => finish(`could not start: ${err.message}`));
    child.once('exit', (code, signal) => {
      if (timedOut) finish(`timed out after ${spec.timeoutMin} min`);
      else if (code !== 0) finish(`exited with ${code ?? signal}${firstError() ? `: ${firstError()}` : ''}`);
      else finish(undefined);
    });
  });
}

const cell = (s: string | undefined) => (s ?? '—').replaceAll('|', '\\|');

function summaryRows(outcomes: Outcome[]): string[] {
  const rows: string[] = [];
  for (const o of outcomes) {
    for (const r of o.results) {
      const goals = r.goals.length ? r.goals.map(verdict).join('; ') : '—';
      rows.push(`| ${cell(r.figure)} | ${cell(r.value)} | ${cell(r.baseline)} | ${cell(r.ratio)} | ${cell(goals)} | ${cell(r.runs)} |`);
    }
    if (o.results.length === 0) {
      const why = o.problem ?? `bench/${o.spec.file} printed no BENCH_RESULT line; see its section below`;
      for (const f of o.spec.figures) rows.push(`| ${cell(f)} | **not measured** (${cell(why)}) | | | | |`);
    } else if (o.problem) {
      rows.push(`| (bench/${o.spec.file}) | **${cell(o.problem)}**: only the figures above were reported | | | | |`);
    }
  }
  return rows;
}

function gitHead(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: import.meta.dirname, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** The hand-written "## Notes" section of the previous file (why a goal is missed, what would close it). */
function keptNotes(): string | undefined {
  if (!existsSync(RESULTS_FILE)) return undefined;
  const m = /\n## Notes\n[\s\S]*?(?=\n## |$)/.exec(readFileSync(RESULTS_FILE, 'utf8'));
  return m?.[0].trim();
}

const notes = keptNotes();
const command = `npm run bench${QUICK ? ' -- --quick' : ''}`;
const started = new Date();
const loadBefore = loadavg();
const t0 = performance.now();
writeFileSync(RESULTS_FILE, '# Benchmark results\n');

const outcomes: Outcome[] = [];
for (const spec of BENCHES) outcomes.push(await runBench(spec));

const loadAfter = loadavg();
const minutes = (performance.now() - t0) / 60_000;
const sections = readFileSync(RESULTS_FILE, 'utf8').replace(/^# Benchmark results\n/, '').trim();
const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');
const text = [
  '# Benchmark results',
  '',
  `Written by \`${command}\` (bench/run-all.ts) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${gitHead()}, in ${minutes.toFixed(1)} min.`,
  `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${process.platform}/${process.arch}.`,
  `Load average (1, 5, 15 min) before: ${la(loadBefore)}; after: ${la(loadAfter)}${loadBefore[0]! > cpus().length * 0.5 || loadAfter[0]! > cpus().length * 0.5 ? ' — other work ran beside the benchmarks, so absolute times are inflated and noisy' : ''}.`,
  '',
  'Each benchmark ran in its own process, one after the other; every figure is the median of several runs (as stated) with its baseline measured in the same run. Goals are targets, not test assertions.',
  '',
  '## Summary',
  '',
  '| figure | result | baseline (same run) | ratio | goal | runs |',
  '|---|---|---|---|---|---|',
  ...summaryRows(outcomes),
  '',
  `Benchmarks: ${outcomes.map((o) => `bench/${o.spec.file} ${o.problem ? `(${o.problem})` : `${o.seconds.toFixed(0)} s`}`).join(', ')}.`,
  '',
  sections,
  ...(notes ? ['', notes] : []),
  '',
].join('\n');
writeFileSync(RESULTS_FILE, text);
console.log(`\nbench/RESULTS.md rewritten (${minutes.toFixed(1)} min).`);
