import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isAppError } from '../../../src/shared/errors.ts';
import { runImport } from '../../../src/main/core/contacts/import/pipeline.ts';

/**
 * Damaged copies of every fixture (truncated, bytes overwritten; deterministic seed) must give a
 * result or an AppError, quickly. This found a multi-second SheetJS loop on damaged BIFF2 files
 * (fixed by loading the codepage tables).
 */
const DIR = join(import.meta.dirname, '../../fixtures/contacts');
const MUTATIONS = 25;

describe('damaged files', () => {
  it('never crash or hang the importer', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {}); // SheetJS logs unknown BIFF records
    let seed = 20261122;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const outcomes = new Map<string, number>();
    let slowest = 0;
    try {
      for (const name of readdirSync(DIR).sort()) {
        if (name.endsWith('.ts') || name === 'zip-bomb.xlsx') continue;
        const original = new Uint8Array(readFileSync(join(DIR, name)));
        if (original.length === 0) continue;
        for (let k = 0; k < MUTATIONS; k++) {
          const b = original.slice(0, k % 3 === 0 ? rnd(original.length) + 1 : original.length);
          for (let j = 1 + rnd(8); j > 0; j--) b[rnd(b.length)] = rnd(256);
          const started = performance.now();
          let outcome = 'ok';
          try {
            runImport(b);
          } catch (err) {
            if (!isAppError(err)) throw new Error(`${name} mutation ${k}: ${String(err)}`, { cause: err });
            outcome = err.code;
          }
          slowest = Math.max(slowest, performance.now() - started);
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        }
      }
    } finally {
      quiet.mockRestore();
    }
    console.log(`fuzz: ${JSON.stringify(Object.fromEntries(outcomes))}, slowest ${Math.round(slowest)} ms`);
    expect(slowest).toBeLessThan(2_000);
    expect(outcomes.get('ok')).toBeGreaterThan(0);
  }, 120_000);
});
