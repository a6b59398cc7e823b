import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../src/main/core/contacts/import/pipeline.ts';
import { importWorkerLimits, runImportInWorker } from '../../../src/main/core/contacts/import/run-import-worker.ts';
import { SpareImportWorker } from '../../../src/main/core/contacts/import/spare-worker.ts';

const WORKER = new URL('../../../src/main/core/contacts/import/parse-worker.ts', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/contacts', name)));
const exited = (w: Worker) => new Promise<number>((resolve) => w.once('exit', resolve));
const LIMITS = { resourceLimits: importWorkerLimits() };

describe('SpareImportWorker', () => {
  it('hands the worker it started for an import to that import, and it parses the file like the in-process pipeline', async () => {
    const spare = new SpareImportWorker(WORKER);
    const started = spare.prepare('a');
    let taken: Worker | undefined;
    const result = await runImportInWorker(fixture('basic.xlsx'), {}, { createWorker: (o) => (taken = spare.take('a', o)) });
    expect(taken).toBe(started);
    expect(result).toEqual(runImport(fixture('basic.xlsx'), {}));
    // A second analysis of the same import gets a fresh worker: the spare was used up.
    const again = spare.take('a', LIMITS);
    expect(again).not.toBe(started);
    await again.terminate();
  });

  it('keeps one import’s spare from another, and a new spare stops the waiting one', async () => {
    const spare = new SpareImportWorker(WORKER);
    const a = spare.prepare('a');
    const other = spare.take('b', LIMITS);
    expect(other).not.toBe(a);
    await other.terminate();
    // Other limits than the spare's: a new worker, and the spare still waits for 'a'.
    const bigger = spare.take('a', { resourceLimits: importWorkerLimits(512) });
    expect(bigger).not.toBe(a);
    await bigger.terminate();

    const aEnds = exited(a);
    const c = spare.prepare('c');
    await aEnds;
    expect(spare.take('a', LIMITS)).not.toBe(a);
    expect(spare.take('c', LIMITS)).toBe(c);
    await c.terminate();
  });

  it('discard stops the spare (only its owner’s when named), and a spare that died is not handed out', async () => {
    const spare = new SpareImportWorker(WORKER);
    const a = spare.prepare('a');
    spare.discard('someone else');
    const aEnds = exited(a);
    spare.discard('a');
    await aEnds;
    const fresh = spare.take('a', LIMITS);
    expect(fresh).not.toBe(a);
    await fresh.terminate();

    const d = spare.prepare('d');
    await d.terminate();
    const replacement = spare.take('d', LIMITS);
    expect(replacement).not.toBe(d);
    await replacement.terminate();

    const e = spare.prepare('e');
    const eEnds = exited(e);
    spare.discard();
    await eEnds;
  });
});
