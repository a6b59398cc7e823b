/**
 * Worker-thread entry of an import session (run-import-worker.ts's ImportWorker): it holds the file
 * and, once analysed, the whole result, so main never holds or walks a million contacts — it takes
 * them a chunk at a time to write each one in a short transaction. Opt-outs are read here through a
 * read-only connection to the database. Runs under plain Node 24 (type stripping) and bundled by
 * electron-vite as its own entry. Cancel = the main side terminates it.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import type { ImportOptions, ImportPreview, ImportResult } from '../../../../shared/contacts.ts';
import type { ExportFormat, FileDownload } from '../../../../shared/contact-lists.ts';
import { AppError } from '../../../../shared/errors.ts';
import { rejectsTable } from '../export/table.ts';
import { tableDownload } from '../file-download.ts';
import { sheetNames } from '../sheet-names.ts';
import { Transfer, type CallContext } from '../../workers/protocol.ts';
import { serveWorker } from '../../workers/serve-worker.ts';
import { applyOptOuts, buildPreview, runParsedImport } from './engine.ts';
import { xlsNeedsCodepages } from './fast-xls.ts';
import type { ImportLimits } from './limits.ts';
import { packResult, type PackedResult } from './pack-result.ts';

let bytes: Uint8Array | null = null;
/** The upload's file, when the bytes came from one: they are let go after an analysis and read again if needed. */
let path: string | null = null;
let result: ImportResult | null = null;

const notAnalysed = () => new AppError('CONTACTS_IMPORT_NOT_ANALYSED', 'Check the preview first: choose the phone column and look at the counts, then import.');

function optOutsOf(dbPath: string): Set<string> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return new Set(db.prepare<[], string>('SELECT e164 FROM opt_outs').pluck().all());
  } finally {
    db.close();
  }
}

export const importWorkerHandlers = {
  /** Keeps the file (given, or read from an upload's path); its sheet names (a zip bomb is refused here, at upload). */
  open: (args: { bytes: ArrayBuffer } | { path: string }): { sheets: string[] } => {
    path = 'path' in args ? args.path : null;
    bytes = 'path' in args ? readFileSync(args.path) : new Uint8Array(args.bytes);
    result = null;
    return { sheets: sheetNames(bytes) };
  },

  /**
   * Reads the whole file and keeps the result. Opt-outs come from the database at `dbPath` when given.
   * Answers the preview: the first `previewRows` contacts and `keepRejects` rejected and duplicate rows (counts have all).
   */
  analyse: async (
    args: { options: ImportOptions; limits?: Partial<ImportLimits>; dbPath?: string; previewRows?: number; keepRejects: number },
    ctx: CallContext,
  ): Promise<ImportPreview> => {
    if (!bytes && path !== null) bytes = readFileSync(path);
    if (!bytes) throw new AppError('CONTACTS_IMPORT_NOT_FOUND', 'This import is no longer open (it was finished, cancelled or timed out). Choose the file again.');
    result = null;
    // Only a legacy .xls (a CFB container) may need SheetJS's codepage tables (~250 ms to load): not a
    // zip (.xlsx), not text (decoded by TextDecoder), not a UTF-16 BIFF8 .xls the lean reader reads.
    const cfb = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
    if (cfb && xlsNeedsCodepages(bytes)) await import('./codepages.ts');
    const r = runParsedImport(bytes, args.options, { limits: args.limits, onProgress: (p) => ctx.progress(p) });
    if (args.dbPath !== undefined) {
      const optedOut = optOutsOf(args.dbPath);
      applyOptOuts(r, (e) => optedOut.has(e));
    }
    result = r;
    if (path !== null) bytes = null;
    return buildPreview(r, args.previewRows, args.keepRejects);
  },

  /** Contacts `from` … `from + count` of the result (packed; rejects not included). */
  take: (args: { from: number; count: number }): Transfer<PackedResult> => {
    if (!result) throw notAnalysed();
    const { packed, transfer } = packResult({ ...result, contacts: result.contacts.slice(args.from, args.from + args.count), rejects: [] });
    return new Transfer(packed, transfer);
  },

  /** Every rejected row as a file. */
  rejects: (args: { format: ExportFormat; baseName: string }): Promise<FileDownload> => {
    if (!result) throw notAnalysed();
    return tableDownload(rejectsTable(result.rejects), args.format, args.baseName, 'Rejected rows');
  },
};

export type ImportWorkerHandlers = typeof importWorkerHandlers;

serveWorker(importWorkerHandlers);
