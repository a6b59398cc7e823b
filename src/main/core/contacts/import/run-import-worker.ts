import { Worker } from 'node:worker_threads';
import { importOptionsSchema, type ImportOptionsInput, type ImportResult } from '../../../../shared/contacts.ts';
import { AppError } from '../../../../shared/errors.ts';
import { cancelledError, contactsError } from '../contacts-error.ts';
import { unpackResult } from './pack-result.ts';
import { applyOptOuts, type ImportControl } from './engine.ts';
import type { ParseReply, ParseRequest } from './worker-protocol.ts';

/**
 * Runs the import pipeline in a worker thread so a million-row file never blocks the main process.
 * Progress comes back as events; `signal` cancels at once (the worker is terminated); a timeout and
 * a heap cap bound a pathological file. Opt-outs are applied here, on the caller's side, because the
 * lookup is a function (usually backed by the database) that cannot cross into the worker.
 */
export interface WorkerRunOptions extends ImportControl {
  /** Give up after this long. Default 5 minutes. */
  timeoutMs?: number;
  /** Heap cap for the worker in MB. Default 4096. */
  maxHeapMb?: number;
  /** Bundlers supply their own worker (electron-vite: `?nodeWorker` import). Default: parse-worker.ts next to this file. */
  createWorker?: (options: { resourceLimits: { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb?: number } }) => Worker;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_MAX_HEAP_MB = 4096;
const YOUNG_GENERATION_MB = 8;

/**
 * The worker's resource limits. A small young generation: the worker's peak RSS on a 100k-row .xlsx
 * drops ~40 MB at the same speed (measured 4/8/16/48 MB and V8's default; the default was the largest).
 */
export function importWorkerLimits(maxHeapMb = DEFAULT_MAX_HEAP_MB): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  return { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
}

export function runImportInWorker(bytes: Uint8Array, options: ImportOptionsInput = {}, run: WorkerRunOptions = {}): Promise<ImportResult> {
  if (run.signal?.aborted) return Promise.reject(cancelledError());
  // Options are checked here, on the main side, so the worker needs no zod (~14 MB of its memory).
  const parsed = importOptionsSchema.safeParse(options);
  if (!parsed.success) return Promise.reject(parsed.error);
  const resourceLimits = importWorkerLimits(run.maxHeapMb);
  const worker = run.createWorker
    ? run.createWorker({ resourceLimits })
    : new Worker(new URL('./parse-worker.ts', import.meta.url), { resourceLimits });
  return new Promise<ImportResult>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => finish(() => reject(cancelledError()));
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(contactsError('CONTACTS_IMPORT_TIMEOUT', 'Reading this file took too long and was stopped. Split it into smaller files or save it as CSV.', 'limit')),
        ),
      run.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    run.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (reply: ParseReply) => {
      if (reply.type === 'progress') run.onProgress?.(reply.progress);
      else if (reply.type === 'result') {
        finish(() => {
          const result = unpackResult(reply.result);
          resolve(run.isOptedOut ? applyOptOuts(result, run.isOptedOut) : result);
        });
      } else finish(() => reject(new AppError(reply.error.code, reply.error.message, { kind: reply.error.kind ?? 'permanent' })));
    });
    worker.on('error', (err: Error & { code?: string }) =>
      finish(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? contactsError('CONTACTS_FILE_TOO_LARGE', 'This file needs more memory than the app allows for an import. Split it into smaller files.', 'limit')
            : contactsError('CONTACTS_CORRUPT_FILE', 'This file could not be read. Open it in Excel, save a fresh copy and import that.'),
        ),
      ),
    );
    worker.on('exit', () =>
      finish(() => reject(contactsError('CONTACTS_CORRUPT_FILE', 'Reading this file stopped unexpectedly. Try again; if it keeps happening, save it as CSV and import that.', 'transient'))),
    );
    const copy = bytes.slice();
    const req: ParseRequest = { type: 'parse', bytes: copy.buffer, options: parsed.data, limits: run.limits };
    worker.postMessage(req, [copy.buffer]);
  });
}
