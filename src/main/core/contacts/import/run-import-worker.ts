import { importOptionsSchema, type ImportOptionsInput, type ImportPreview, type ImportProgress, type ImportResult, type ImportedContact } from '../../../../shared/contacts.ts';
import type { ExportFormat, FileDownload } from '../../../../shared/contact-lists.ts';
import { AppError } from '../../../../shared/errors.ts';
import { WORKER_LIMITS } from '../../workers/limits.ts';
import { WorkerClient } from '../../workers/worker-client.ts';
import { findWorkerUrl } from '../../workers/worker-url.ts';
import { cancelledError, contactsError } from '../contacts-error.ts';
import { applyOptOuts } from './engine.ts';
import type { ImportLimits } from './limits.ts';
import { unpackResult } from './pack-result.ts';
import type { ImportWorkerHandlers } from './parse-worker.ts';

/**
 * One import's worker thread (parse-worker.ts), from upload to commit: it holds the file and the
 * analysed result, so a million-row file never blocks main or sits in its heap. The analysis reports
 * progress and can be cancelled (the worker is terminated); a timeout and a heap cap
 * (WORKER_LIMITS.import) bound a pathological file with a clear error, and the app carries on.
 */
export const IMPORT_WORKER_URL = findWorkerUrl([
  new URL('./parse-worker.ts', import.meta.url),
  new URL('./parse-worker.js', import.meta.url),
  new URL('../parse-worker.js', import.meta.url),
]);

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export interface AnalyseControl {
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ImportProgress) => void) | undefined;
  limits?: Partial<ImportLimits> | undefined;
  /** Give up after this long. Default 5 minutes. */
  timeoutMs?: number | undefined;
  /** The database to read opt-outs from (the worker opens it read-only). */
  dbPath?: string | undefined;
  previewRows?: number | undefined;
  keepRejects?: number | undefined;
}

export class ImportWorker {
  private readonly client: WorkerClient<ImportWorkerHandlers>;

  constructor(options: { now?: () => number; maxHeapMb?: number } = {}) {
    if (!IMPORT_WORKER_URL) throw new Error('import worker entry not found');
    this.client = new WorkerClient<ImportWorkerHandlers>({
      url: IMPORT_WORKER_URL,
      name: 'import',
      resourceLimits: options.maxHeapMb === undefined ? WORKER_LIMITS.import : { ...WORKER_LIMITS.import, maxOldGenerationSizeMb: options.maxHeapMb },
      now: options.now ?? Date.now,
      outOfMemory: () => contactsError('CONTACTS_FILE_TOO_LARGE', 'This file needs more memory than the app allows for an import. Split it into smaller files.', 'limit'),
    });
  }

  /** Hands the file over (a copy, or the path of an upload the worker reads itself); resolves with its sheet names. */
  open(file: Uint8Array | { path: string }): Promise<{ sheets: string[] }> {
    if (!(file instanceof Uint8Array)) return this.client.call('open', { path: file.path });
    const copy = file.slice();
    return this.client.call('open', { bytes: copy.buffer }, { transfer: [copy.buffer] });
  }

  /** Reads the whole file in the worker; resolves with the preview. Cancel (signal) or timeout ends the worker. */
  analyse(options: ImportOptionsInput, ctl: AnalyseControl = {}): Promise<ImportPreview> {
    if (ctl.signal?.aborted) return Promise.reject(cancelledError());
    // Options are checked here, on the main side, so the worker needs no zod (~14 MB of its memory).
    const parsed = importOptionsSchema.safeParse(options);
    if (!parsed.success) return Promise.reject(parsed.error);
    const onAbort = () => void this.client.close(cancelledError());
    ctl.signal?.addEventListener('abort', onAbort, { once: true });
    const args = {
      options: parsed.data,
      keepRejects: ctl.keepRejects ?? Number.MAX_SAFE_INTEGER,
      ...(ctl.limits ? { limits: ctl.limits } : {}),
      ...(ctl.dbPath !== undefined ? { dbPath: ctl.dbPath } : {}),
      ...(ctl.previewRows !== undefined ? { previewRows: ctl.previewRows } : {}),
    };
    return this.client
      .call('analyse', args, {
        onProgress: (p) => ctl.onProgress?.(p as ImportProgress),
        timeoutMs: ctl.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        timeoutError: () => contactsError('CONTACTS_IMPORT_TIMEOUT', 'Reading this file took too long and was stopped. Split it into smaller files or save it as CSV.', 'limit'),
      })
      .catch((err: unknown) => {
        // A worker that died for any other reason than its memory cap: the file made the reader fall over.
        if (err instanceof AppError && err.code === 'WORKER_STOPPED') {
          throw contactsError('CONTACTS_CORRUPT_FILE', 'Reading this file stopped unexpectedly. Try again; if it keeps happening, save it as CSV and import that.', 'transient');
        }
        throw err;
      })
      .finally(() => ctl.signal?.removeEventListener('abort', onAbort));
  }

  /** Contacts `from` … `from + count` of the analysed result. */
  async take(from: number, count: number): Promise<ImportedContact[]> {
    return unpackResult(await this.client.call('take', { from, count })).contacts;
  }

  rejects(format: ExportFormat, baseName: string): Promise<FileDownload> {
    return this.client.call('rejects', { format, baseName });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** Chunks taken from the worker at a time (one short write transaction each on main). */
export const TAKE_CHUNK = 1_000;

/**
 * A whole file read in a worker, with its result brought back (for callers that need every contact,
 * e.g. tests comparing with the in-process pipeline). `isOptedOut` is applied here, on the caller's side.
 */
export async function runImportInWorker(
  bytes: Uint8Array,
  options: ImportOptionsInput = {},
  run: AnalyseControl & { isOptedOut?: (e164: string) => boolean; maxHeapMb?: number } = {},
): Promise<ImportResult> {
  if (run.signal?.aborted) throw cancelledError();
  const worker = new ImportWorker(run.maxHeapMb === undefined ? {} : { maxHeapMb: run.maxHeapMb });
  try {
    await worker.open(bytes);
    const preview = await worker.analyse(options, run);
    const contacts: ImportedContact[] = [];
    while (contacts.length < preview.counts.valid) contacts.push(...(await worker.take(contacts.length, TAKE_CHUNK * 50)));
    const result: ImportResult = { source: preview.source, mapping: preview.mapping, counts: preview.counts, contacts, rejects: preview.rejects, duplicateRows: preview.duplicateRows };
    return run.isOptedOut ? applyOptOuts(result, run.isOptedOut) : result;
  } finally {
    await worker.close();
  }
}
