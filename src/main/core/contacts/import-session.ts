import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportOptions, ImportPreview, ImportProgress, ImportResult } from '../../../shared/contacts.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Clock } from '../ports.ts';
import { cancelledError } from './contacts-error.ts';
import { buildPreview, runImport } from './import/pipeline.ts';
import { runImportInWorker } from './import/run-import-worker.ts';
import { SpareImportWorker } from './import/spare-worker.ts';
import { sheetNames } from './sheet-names.ts';

/**
 * Import sessions: an uploaded file kept in memory (by id) from upload to commit. Analysing runs the
 * engine pipeline — in a worker thread for large files — with progress and cancel; the analysed
 * result stays here until the user commits it into a list or cancels.
 */
export interface ImportSessionDeps {
  clock: Clock;
  isOptedOut: (e164: string) => boolean;
  /** A lookup for a whole analysis (read once, e.g. into a Set); defaults to `isOptedOut`. */
  optOutLookup?: () => (e164: string) => boolean;
  onProgress: (importId: string, p: ImportProgress) => void;
  /** Files at least this big are parsed in a worker. */
  workerThresholdBytes?: number;
  /** Tests: the spare worker (default: one for the import worker beside this module). */
  spare?: SpareImportWorker;
}

interface Session {
  id: string;
  fileName: string;
  bytes: Uint8Array;
  sheets: string[];
  touchedAt: number;
  running?: AbortController;
  result?: ImportResult;
}

export const MAX_SESSIONS = 4;
const SESSION_TTL_MS = 60 * 60_000;
export const PREVIEW_REJECTS = 1000;
const DEFAULT_WORKER_THRESHOLD = 2 * 1024 * 1024;
const RETRY_OTHER_SHEET = new Set(['CONTACTS_NO_PHONE_COLUMN', 'CONTACTS_NO_DATA']);

/**
 * The worker entry: next to the engine when running from source (tests, dev), or `parse-worker.js`
 * beside the bundle when the build emits it as its own entry. Without it (a build that does not),
 * large files parse in-process: correct, but the process is busy meanwhile.
 */
const WORKER_URL = [
  new URL('./import/parse-worker.ts', import.meta.url),
  new URL('./parse-worker.js', import.meta.url),
  new URL('../parse-worker.js', import.meta.url),
].find((url) => {
  try {
    return url.protocol === 'file:' && existsSync(fileURLToPath(url));
  } catch {
    return false;
  }
});

export class ImportSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly deps: ImportSessionDeps;
  private readonly spare: SpareImportWorker | undefined;

  constructor(deps: ImportSessionDeps) {
    this.deps = deps;
    this.spare = deps.spare ?? (WORKER_URL === undefined ? undefined : new SpareImportWorker(WORKER_URL));
  }

  private usesWorker(bytes: Uint8Array): boolean {
    return this.spare !== undefined && bytes.byteLength >= (this.deps.workerThresholdBytes ?? DEFAULT_WORKER_THRESHOLD);
  }

  private drop(id: string): void {
    this.sessions.delete(id);
    this.spare?.discard(id);
  }

  open(fileName: string, bytes: Uint8Array): { importId: string; sheets: string[] } {
    this.expire();
    if (this.sessions.size >= MAX_SESSIONS) {
      // Drop the oldest idle upload rather than refusing: the user probably abandoned it.
      const idle = [...this.sessions.values()].filter((s) => !s.running).sort((a, b) => a.touchedAt - b.touchedAt)[0];
      if (!idle) throw new AppError('CONTACTS_TOO_MANY_IMPORTS', 'Several imports are running already. Wait for one to finish or cancel it, then try again.', { kind: 'limit' });
      this.drop(idle.id);
    }
    const id = randomUUID();
    // The worker boots while the sheet names are read and the window asks for the analysis (spare-worker.ts).
    if (this.usesWorker(bytes)) this.spare?.prepare(id);
    let sheets: string[];
    try {
      sheets = sheetNames(bytes); // [] for anything it cannot read; throws for a zip bomb
    } catch (err) {
      this.spare?.discard(id);
      throw err;
    }
    this.sessions.set(id, { id, fileName, bytes, sheets, touchedAt: this.deps.clock.now() });
    return { importId: id, sheets };
  }

  get(importId: string): Session {
    const s = this.sessions.get(importId);
    if (!s) throw new AppError('CONTACTS_IMPORT_NOT_FOUND', 'This import is no longer open (it was finished, cancelled or timed out). Choose the file again.');
    s.touchedAt = this.deps.clock.now();
    return s;
  }

  fileName(importId: string): string {
    return this.get(importId).fileName;
  }

  async analyse(importId: string, options: ImportOptions): Promise<ImportPreview> {
    const s = this.get(importId);
    s.running?.abort();
    const controller = new AbortController();
    s.running = controller;
    s.result = undefined;
    const onProgress = (p: ImportProgress) => this.deps.onProgress(importId, p);
    try {
      const isOptedOut = this.deps.optOutLookup?.() ?? this.deps.isOptedOut;
      const control = { signal: controller.signal, onProgress, isOptedOut };
      const spare = this.spare;
      const run = (opts: ImportOptions) =>
        spare !== undefined && this.usesWorker(s.bytes)
          ? runImportInWorker(s.bytes, opts, { ...control, createWorker: (o) => spare.take(importId, o) })
          : runInProcess(s.bytes, opts, control);
      const result = await this.firstSheetThatWorks(s, options, run);
      if (controller.signal.aborted || this.sessions.get(importId) !== s) throw cancelledError();
      s.result = result;
      const preview = buildPreview(result, options.previewRows);
      // Every reject stays here for the report export; the window gets the first ones (a file of
      // a million bad rows must not become a 100 MB answer). counts.invalid has the full number.
      return preview.rejects.length > PREVIEW_REJECTS ? { ...preview, rejects: preview.rejects.slice(0, PREVIEW_REJECTS) } : preview;
    } finally {
      if (s.running === controller) s.running = undefined;
    }
  }

  /**
   * With no sheet chosen, the engine reads the first sheet with data. When that sheet has no phone
   * numbers (a cover sheet, a readme), try the workbook's other sheets before giving up.
   */
  private async firstSheetThatWorks(s: Session, options: ImportOptions, run: (o: ImportOptions) => Promise<ImportResult>): Promise<ImportResult> {
    try {
      return await run(options);
    } catch (err) {
      const retryable = err instanceof AppError && RETRY_OTHER_SHEET.has(err.code);
      if (!retryable || options.sheet !== undefined || s.sheets.length < 2) throw err;
      for (const sheet of s.sheets) {
        try {
          return await run({ ...options, sheet });
        } catch (again) {
          if (!(again instanceof AppError && RETRY_OTHER_SHEET.has(again.code))) throw again;
        }
      }
      throw err;
    }
  }

  /** The analysed result, for commit or the rejects export. */
  result(importId: string): ImportResult {
    const s = this.get(importId);
    if (s.running) throw new AppError('CONTACTS_IMPORT_BUSY', 'The file is still being read. Wait for the preview, then import.', { kind: 'transient' });
    if (!s.result) throw new AppError('CONTACTS_IMPORT_NOT_ANALYSED', 'Check the preview first: choose the phone column and look at the counts, then import.');
    return s.result;
  }

  /** Stops a running analysis and forgets the upload. */
  cancel(importId: string): void {
    const s = this.sessions.get(importId);
    if (!s) return;
    s.running?.abort();
    this.drop(importId);
  }

  close(importId: string): void {
    this.drop(importId);
  }

  closeAll(): void {
    for (const s of this.sessions.values()) s.running?.abort();
    this.sessions.clear();
    this.spare?.discard();
  }

  private expire(): void {
    const now = this.deps.clock.now();
    for (const s of this.sessions.values()) if (!s.running && now - s.touchedAt > SESSION_TTL_MS) this.drop(s.id);
  }
}

/** Small files: same pipeline on this thread, after yielding once so a cancel sent right away still wins. */
async function runInProcess(
  bytes: Uint8Array,
  options: ImportOptions,
  control: { signal: AbortSignal; onProgress: (p: ImportProgress) => void; isOptedOut: (e164: string) => boolean },
): Promise<ImportResult> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return runImport(bytes, options, control);
}
