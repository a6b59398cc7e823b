/**
 * One way for every benchmark to report: the machine line and a named section of bench/RESULTS.md
 * replaced in place (other sections untouched), plus the small statistics they all need.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export const RESULTS_FILE = join(import.meta.dirname, '..', 'RESULTS.md');

export function machineLine(command: string): string {
  return `Command: \`${command}\` · ${new Date().toISOString().slice(0, 10)} · ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The p-th percentile (0–100), nearest rank. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Replaces the section `## title` (up to the next `## `) with `body`, or appends it. */
export function writeSection(title: string, body: readonly string[], file = RESULTS_FILE): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = '# Benchmark results\n';
  }
  const section = [`## ${title}`, '', ...body, ''].join('\n');
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`## ${escaped}\\n[\\s\\S]*?(?=\\n## |$)`);
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}

// ---------------------------------------------------------------- machine-readable results

/** A goal and whether the measured value met it; `missedBy` says by how much when it did not. */
export interface Goal {
  /** e.g. "≤5 s" or "≥95%". */
  text: string;
  met: boolean;
  missedBy?: string;
}

/**
 * One figure as a benchmark reports it to bench/run-all.ts: printed on stdout as
 * `BENCH_RESULT {json}` (see emitResult), collected into the summary table of bench/RESULTS.md.
 */
export interface BenchResult {
  /** The figure, as issue 9's table names it. */
  figure: string;
  /** The median (or the stated statistic), formatted with its unit. */
  value: string;
  /** The baseline measured in the same run, formatted with its label, when the figure has one. */
  baseline?: string;
  /** value ÷ baseline, formatted (e.g. "1.71×"). */
  ratio?: string;
  goals: Goal[];
  /** How many runs the value is the median of (or what it is). */
  runs: string;
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

export function emitResult(r: BenchResult): void {
  console.log(`${RESULT_PREFIX}${JSON.stringify(r)}`);
}

/** Parses the BENCH_RESULT lines out of a benchmark's stdout. */
export function parseResults(stdout: string): BenchResult[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith(RESULT_PREFIX))
    .map((l) => JSON.parse(l.slice(RESULT_PREFIX.length)) as BenchResult);
}

const fmt = (x: number, digits: number) => x.toFixed(digits);

/** Goal "value ≤ limit": met, or missed by the excess (and how much over, in %). */
export function atMost(value: number, limit: number, unit: string, digits = 0): Goal {
  const text = `≤${fmt(limit, digits)}${unit}`;
  if (value <= limit) return { text, met: true };
  const over = limit > 0 ? ` (${fmt(((value - limit) / limit) * 100, 0)}% over)` : '';
  return { text, met: false, missedBy: `${fmt(value - limit, digits)}${unit}${over}` };
}

/** Goal "value ≥ limit": met, or missed by the shortfall. */
export function atLeast(value: number, limit: number, unit: string, digits = 0): Goal {
  const text = `≥${fmt(limit, digits)}${unit}`;
  if (value >= limit) return { text, met: true };
  return { text, met: false, missedBy: `${fmt(limit - value, digits)}${unit} (${fmt(((limit - value) / limit) * 100, 0)}% short)` };
}

/** "met" or "missed by X" for the summary table. */
export function verdict(g: Goal): string {
  return g.met ? `${g.text}: met` : `${g.text}: **missed by ${g.missedBy ?? '?'}**`;
}
