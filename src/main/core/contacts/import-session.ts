import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { ExportFormat, FileDownload } from '../../../shared/contact-lists.ts';
import type { ImportCounts, ImportedContact, ImportOptions, ImportPreview, ImportProgress, ImportResult } from '../../../shared/contacts.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Clock } from '../ports.ts';
import { cancelledError } from './contacts-error.ts';
import { rejectsTable } from './export/table.ts';
import { tableDownload } from './file-download.ts';
import { buildPreview, runImport } from './import/pipeline.ts';
import { IMPORT_WORKER_URL, ImportWorker, TAKE_CHUNK } from './import/run-import-worker.ts';
import { sheetNames } from './sheet-names.ts';

/**
 * Import sessions: an upload kept by id from upload to commit. A large file gets its own worker thread
 * at upload (run-import-worker.ts), which reads the sheet names, analyses the file with progress and
 * cancel, and keeps the result; main keeps only the preview and takes the contacts a chunk at a time
 * when the user commits. A small file is read in place (milliseconds) and kept here.
 */
export interface ImportSessionDeps {
  clock: Clock;
  /** Small files: an opt-out lookup for a whole analysis (read once, e.g. into a Set). */
  optOutLookup: () => (e164: string) => boolean;
  onProgress: (importId: string, p: ImportProgress) => void;
  /** The database large-file workers read opt-outs from (read-only); without it they flag none. */
  dbPath?: string;
  /** Files at least this big are read in a worker. */
  workerThresholdBytes?: number;
  /** The import worker's heap cap in MB (default WORKER_LIMITS.import; tests set a small one). */
  workerHeapMb?: number | undefined;
}

/** An upload: its bytes (small, inline) or the file an upload wrote (large; removed with the session). */
export type ImportFile = { bytes: Uint8Array } | { path: string; size: number };
const sizeOf = (f: ImportFile) => ('bytes' in f ? f.bytes.byteLength : f.size);

interface Session {
  id: string;
  fileName: string;
  file: ImportFile;
  sheets: string[];
  touchedAt: number;
  running?: AbortController;
  /** Large files: the worker holding the file (and, once analysed, the result). */
  worker?: ImportWorker;
  /** The analysis: the preview's counts, and the result itself for a small file. */
  analysed?: { valid: number; counts: ImportCounts; local?: ImportResult };
}

/** The analysed contacts of a session, a chunk at a time. */
export interface AnalysedContacts {
  valid: number;
  chunks(): AsyncGenerator<ImportedContact[]>;
}

export const MAX_SESSIONS = 4;
const SESSION_TTL_MS = 60 * 60_000;
export const PREVIEW_REJECTS = 1000;
const DEFAULT_WORKER_THRESHOLD = 2 * 1024 * 1024;
const RETRY_OTHER_SHEET = new Set(['CONTACTS_NO_PHONE_COLUMN', 'CONTACTS_NO_DATA']);

export class ImportSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly deps: ImportSessionDeps;

  constructor(deps: ImportSessionDeps) {
    this.deps = deps;
  }

  private usesWorker(file: ImportFile): boolean {
    return IMPORT_WORKER_URL !== undefined && sizeOf(file) >= (this.deps.workerThresholdBytes ?? DEFAULT_WORKER_THRESHOLD);
  }

  /** The file's bytes, for the in-place path (small files: an upload of a few MB at most is read at once). */
  private bytesOf(file: ImportFile): Uint8Array {
    return 'bytes' in file ? file.bytes : readFileSync(file.path);
  }


  private newWorker(): ImportWorker {
    return new ImportWorker({ now: () => this.deps.clock.now(), ...(this.deps.workerHeapMb ? { maxHeapMb: this.deps.workerHeapMb } : {}) });
  }

  /** Forgets the session at once; resolves when its worker has stopped and its uploaded file is gone. */
  private async drop(id: string): Promise<void> {
    const s = this.sessions.get(id);
    this.sessions.delete(id);
    s?.running?.abort();
    await s?.worker?.close();
    if (s && 'path' in s.file) await rm(s.file.path, { force: true });
  }

  async open(fileName: string, file: ImportFile): Promise<{ importId: string; sheets: string[] }> {
    this.expire();
    if (this.sessions.size >= MAX_SESSIONS) {
      // Drop the oldest idle upload rather than refusing: the user probably abandoned it.
      const idle = [...this.sessions.values()].filter((s) => !s.running).sort((a, b) => a.touchedAt - b.touchedAt)[0];
      if (!idle) throw new AppError('CONTACTS_TOO_MANY_IMPORTS', 'Several imports are running already. Wait for one to finish or cancel it, then try again.', { kind: 'limit' });
      void this.drop(idle.id);
    }
    const id = randomUUID();
    let sheets: string[];
    let worker: ImportWorker | undefined;
    if (this.usesWorker(file)) {
      // The worker boots and reads the sheet names while the window asks for the analysis.
      worker = this.newWorker();
      try {
        sheets = (await worker.open('bytes' in file ? file.bytes : file)).sheets;
      } catch (err) {
        await worker.close();
        if ('path' in file) await rm(file.path, { force: true });
        throw err;
      }
    } else {
      if ('path' in file) {
        const bytes = readFileSync(file.path);
        await rm(file.path, { force: true });
        file = { bytes };
      }
      sheets = sheetNames(file.bytes); // [] for anything it cannot read; throws for a zip bomb
    }
    this.sessions.set(id, { id, fileName, file, sheets, touchedAt: this.deps.clock.now(), ...(worker ? { worker } : {}) });
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
    s.analysed = undefined;
    const onProgress = (p: ImportProgress) => this.deps.onProgress(importId, p);
    try {
      const run = s.worker !== undefined || this.usesWorker(s.file) ? (o: ImportOptions) => this.inWorker(s, o, controller.signal, onProgress) : (o: ImportOptions) => this.inPlace(s, o, controller.signal, onProgress);
      const preview = await this.firstSheetThatWorks(s, options, run);
      if (controller.signal.aborted || this.sessions.get(importId) !== s) throw cancelledError();
      return preview;
    } finally {
      if (s.running === controller) s.running = undefined;
    }
  }

  private async inWorker(s: Session, options: ImportOptions, signal: AbortSignal, onProgress: (p: ImportProgress) => void): Promise<ImportPreview> {
    if (!s.worker) {
      // The previous worker was stopped (a cancelled analysis): a fresh one gets the file again.
      s.worker = this.newWorker();
      await s.worker.open('bytes' in s.file ? s.file.bytes : s.file);
    }
    const worker = s.worker;
    signal.addEventListener('abort', () => {
      if (s.worker === worker) s.worker = undefined;
    });
    const preview = await worker.analyse(options, { signal, onProgress, keepRejects: PREVIEW_REJECTS, ...(this.deps.dbPath ? { dbPath: this.deps.dbPath } : {}) });
    s.analysed = { valid: preview.counts.valid, counts: preview.counts };
    return preview;
  }

  /** Small files: the same pipeline in place, after yielding once so a cancel sent right away still wins. */
  private async inPlace(s: Session, options: ImportOptions, signal: AbortSignal, onProgress: (p: ImportProgress) => void): Promise<ImportPreview> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const result = runImport(this.bytesOf(s.file), options, { signal, onProgress, isOptedOut: this.deps.optOutLookup() });
    s.analysed = { valid: result.contacts.length, counts: result.counts, local: result };
    // Every reject stays here for the report export; the window gets the first ones.
    return buildPreview(result, options.previewRows, PREVIEW_REJECTS);
  }

  /**
   * With no sheet chosen, the engine reads the first sheet with data. When that sheet has no phone
   * numbers (a cover sheet, a readme), try the workbook's other sheets before giving up.
   */
  private async firstSheetThatWorks(s: Session, options: ImportOptions, run: (o: ImportOptions) => Promise<ImportPreview>): Promise<ImportPreview> {
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

  private analysedSession(importId: string): Session & { analysed: NonNullable<Session['analysed']> } {
    const s = this.get(importId);
    if (s.running) throw new AppError('CONTACTS_IMPORT_BUSY', 'The file is still being read. Wait for the preview, then import.', { kind: 'transient' });
    if (!s.analysed) throw new AppError('CONTACTS_IMPORT_NOT_ANALYSED', 'Check the preview first: choose the phone column and look at the counts, then import.');
    return s as Session & { analysed: NonNullable<Session['analysed']> };
  }

  /** The analysis's counts (invalid and duplicate rows for the commit summary). */
  counts(importId: string): ImportCounts {
    return this.analysedSession(importId).analysed.counts;
  }

  /** The analysed contacts, for the commit: taken from the worker (or this session) a chunk at a time. */
  contacts(importId: string): AnalysedContacts {
    const s = this.analysedSession(importId);
    const { valid, local } = s.analysed;
    const worker = s.worker;
    return {
      valid,
      async *chunks() {
        if (local) {
          for (let from = 0; from < valid; from += TAKE_CHUNK) yield local.contacts.slice(from, from + TAKE_CHUNK);
          return;
        }
        // The worker packs the next chunk while main writes this one.
        let next = valid > 0 ? worker!.take(0, TAKE_CHUNK) : null;
        try {
          for (let from = 0; next; from += TAKE_CHUNK) {
            const chunk = await next;
            next = from + TAKE_CHUNK < valid ? worker!.take(from + TAKE_CHUNK, TAKE_CHUNK) : null;
            yield chunk;
          }
        } finally {
          // Abandoned part-way (the commit failed): the chunk asked for ahead is not wanted.
          next?.catch(() => undefined);
        }
      },
    };
  }

  /** Every rejected row of the analysis as a file (built in the worker for a large file). */
  rejects(importId: string, format: ExportFormat): Promise<FileDownload> {
    const s = this.analysedSession(importId);
    const baseName = `${s.fileName.replace(/\.[^.]+$/, '')} - rejected rows`;
    if (s.analysed.local) return tableDownload(rejectsTable(s.analysed.local.rejects), format, baseName, 'Rejected rows');
    return s.worker!.rejects(format, baseName);
  }

  /** Stops a running analysis and forgets the upload. */
  cancel(importId: string): Promise<void> {
    return this.drop(importId);
  }

  close(importId: string): Promise<void> {
    return this.drop(importId);
  }

  closeAll(): Promise<void> {
    return Promise.all([...this.sessions.keys()].map((id) => this.drop(id))).then(() => undefined);
  }

  /** How many sessions hold a worker (tests). */
  get workers(): number {
    return [...this.sessions.values()].filter((s) => s.worker !== undefined).length;
  }

  private expire(): void {
    const now = this.deps.clock.now();
    for (const s of this.sessions.values()) if (!s.running && now - s.touchedAt > SESSION_TTL_MS) void this.drop(s.id);
  }
}
