/**
 * Renderer benchmark: scrolls the Messages screen's log in Chromium over a seeded database and records
 * requestAnimationFrame deltas. Runs the scroll part of tests/e2e/monitoring.test.ts (which seeds the
 * SQLite file of the built headless app and writes tests/e2e/artifacts/renderer-scroll-<rows>.json),
 * then writes the "Renderer" section of bench/RESULTS.md.
 *
 *   npm run build && node bench/renderer-scroll.ts [--rows 1000000] [--write]
 */
import '../scripts/require-supported-node.mjs';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { atMost, emitResult, machineLine, writeSection } from './support/results.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, write: { type: 'boolean', default: false } } });
const rows = Number(values.rows);
const root = join(import.meta.dirname, '..');

const run = spawnSync(join(root, 'node_modules/.bin/vitest'), ['run', '--project', 'e2e', 'tests/e2e/monitoring.test.ts', '-t', 'message log scrolling'], {
  cwd: root,
  env: { ...process.env, MESSAGE_LOG_ROWS: String(rows) },
  stdio: 'inherit',
});
if (run.status !== 0) process.exitCode = 1;

interface Summary {
  worst: number;
  p95: number;
  median: number;
  over50: number;
}
const r = JSON.parse(readFileSync(join(root, 'tests/e2e/artifacts', `renderer-scroll-${rows}.json`), 'utf8')) as {
  rows: number;
  idle: Summary;
  steady: Summary & { reachedRow: number; blankFrames: number; frames: number };
  fling: Summary & { reachedRow: number; blankFrames: number; frames: number };
  domRows: number;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const line = (name: string, s: Summary, extra: string) => `| ${name} | ${ms(s.median)} | ${ms(s.p95)} | ${ms(s.worst)} | ${s.over50} | ${extra} |`;
const body = [
  machineLine(`node bench/renderer-scroll.ts --rows ${rows}`),
  '',
  `Messages screen in headless Chromium (software rendering, 1400×1000) over ${r.rows.toLocaleString('en')} seeded messages; frame = requestAnimationFrame delta while the script moves scrollTop every frame. Rows in the DOM at the end: ${r.domRows}.`,
  '',
  '| phase | median | p95 | worst | frames > 50 ms | |',
  '|---|---|---|---|---|---|',
  line('idle (no scrolling)', r.idle, 'baseline of this machine'),
  line('steady, 10 rows/frame', r.steady, `${r.steady.frames} frames, reached row ${r.steady.reachedRow.toLocaleString('en')}, ${r.steady.blankFrames} frames with unloaded rows`),
  line('fling, 100 rows/frame', r.fling, `${r.fling.frames} frames, reached row ${r.fling.reachedRow.toLocaleString('en')}, ${r.fling.blankFrames} frames with unloaded rows`),
];
console.log(body.join('\n'));
const worst = Math.max(r.steady.worst, r.fling.worst);
emitResult({
  figure: `renderer: scrolling the ${r.rows.toLocaleString('en')}-row log in Chromium`,
  value: `worst frame ${ms(worst)}; frames over 50 ms: steady ${r.steady.over50}, fling ${r.fling.over50}`,
  baseline: `idle worst ${ms(r.idle.worst)}`,
  goals: [atMost(worst, 50, ' ms', 1)],
  runs: `one run (${r.steady.frames} + ${r.fling.frames} frames)`,
});
if (values.write) writeSection('Renderer', body);
