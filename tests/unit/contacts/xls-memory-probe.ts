/**
 * Measures the BIFF8 writer in a fresh process (so the numbers are not polluted by the test
 * runner): writes 65,535 numbers under a header and prints JSON with timing and memory.
 * Run: node tests/unit/contacts/xls-memory-probe.ts
 */
import { writeNumbersXls } from '../../../src/main/core/contacts/export/xls-biff8-writer.ts';

const rows = Number(process.argv[2] ?? 65_535);
const numbers = Array.from({ length: rows }, (_, i) => `86${13800000000 + i}`);
const before = process.memoryUsage();
const rssBefore = process.resourceUsage().maxRSS;
const started = performance.now();
const file = writeNumbersXls(numbers, { header: 'mobile' });
const ms = performance.now() - started;
const after = process.memoryUsage();
console.log(
  JSON.stringify({
    rows,
    bytes: file.length,
    ms: Math.round(ms),
    heapDeltaMb: +((after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1048576).toFixed(1),
    maxRssBeforeMb: Math.round(rssBefore / 1024),
    maxRssAfterMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
