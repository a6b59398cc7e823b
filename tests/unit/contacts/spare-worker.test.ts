import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../src/main/core/contacts/import/pipeline.ts';
import { importWorkerLimits, runImportInWorker } from '../../../src/main/core/contacts/import/run-import-worker.ts';
import { SpareImportWorker } from '../../../src/main/core/contacts/import/spare-worker.ts';
import { ImportSessions, MAX_SESSIONS } from '../../../src/main/core/contacts/import-session.ts';
import { importOptionsSchema } from '../../../src/shared/contacts.ts';

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
    let aExited = false;
    const aEnds = exited(a).then(() => (aExited = true));
    spare.discard('someone else');
    await new Promise((r) => setTimeout(r, 50));
    expect(aExited).toBe(false);
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

  it('stops an unused spare after its idle time', async () => {
    const spare = new SpareImportWorker(WORKER, 30);
    const a = spare.prepare('a');
    await exited(a);
    expect(spare.take('a', LIMITS)).not.toBe(a);
  });
});

/** Records what the sessions ask of their spare worker. */
class RecordingSpare extends SpareImportWorker {
  readonly calls: string[] = [];
  override prepare(owner: string): Worker {
    this.calls.push(`prepare ${owner}`);
    return super.prepare(owner);
  }
  override take(owner: string, options: Parameters<SpareImportWorker['take']>[1]): Worker {
    this.calls.push(`take ${owner}`);
    return super.take(owner, options);
  }
  override discard(owner?: string): void {
    this.calls.push(`discard ${owner ?? '*'}`);
    super.discard(owner);
  }
}

describe('ImportSessions and the spare worker', () => {
  const csv = new TextEncoder().encode('phone\n13800000001\n13800000002\n');
  let now = 1_000_000;
  const sessions = (spare: RecordingSpare, workerThresholdBytes = 1) =>
    new ImportSessions({
      clock: { now: () => now, setTimeout, clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
      isOptedOut: () => false,
      onProgress: () => {},
      workerThresholdBytes,
      spare,
    });

  it('starts a spare on open, hands it to the analysis, and stops it with a cancelled, closed or evicted upload', async () => {
    const spare = new RecordingSpare(WORKER);
    const s = sessions(spare);
    const { importId: a } = s.open('a.csv', csv);
    const preview = await s.analyse(a, importOptionsSchema.parse({}));
    expect(preview.counts.valid).toBe(2);
    // (prepare first stops any other spare: the 'discard *'.)
    expect(spare.calls).toEqual([`prepare ${a}`, 'discard *', `take ${a}`]);

    spare.calls.length = 0;
    const { importId: b } = s.open('b.csv', csv);
    s.cancel(b);
    const { importId: c } = s.open('c.csv', csv);
    s.close(c);
    expect(spare.calls).toEqual([`prepare ${b}`, 'discard *', `discard ${b}`, `prepare ${c}`, 'discard *', `discard ${c}`]);

    // More uploads than MAX_SESSIONS: the oldest idle one is dropped, and so is its spare (if it still has it).
    spare.calls.length = 0;
    const ids = Array.from({ length: MAX_SESSIONS + 1 }, (_, i) => s.open(`${i}.csv`, csv).importId);
    expect(spare.calls).toContain(`discard ${a}`);
    s.closeAll();
    expect(spare.calls.at(-1)).toBe('discard *');
    expect(ids).toHaveLength(MAX_SESSIONS + 1);
  });

  it('drops the spare of an upload that expired, and starts none for a small file', () => {
    const spare = new RecordingSpare(WORKER);
    const s = sessions(spare);
    const { importId: old } = s.open('old.csv', csv);
    now += 2 * 60 * 60_000;
    s.open('new.csv', csv);
    expect(spare.calls).toContain(`discard ${old}`);
    s.closeAll();

    const small = new RecordingSpare(WORKER);
    const t = sessions(small, 1024 * 1024);
    t.open('small.csv', csv);
    expect(small.calls).toEqual([]);
  });
});
