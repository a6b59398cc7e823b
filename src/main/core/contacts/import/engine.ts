import type { CountryCode } from 'libphonenumber-js/max';
import type {
  DuplicateRow,
  ImportCounts,
  ImportedContact,
  ImportFormat,
  ImportOptions,
  ImportPreview,
  ImportProgress,
  ImportResult,
  ImportSource,
  RejectedRow,
} from '../../../../shared/contacts.ts';
import { isAppError } from '../../../../shared/errors.ts';
import { contactsError, throwIfAborted } from '../contacts-error.ts';
import { nonMobileKind } from '../../../../shared/phone/line-type.ts';
import { normalisePhone } from '../../../../shared/phone/normalise.ts';
import { decodeText } from './decode-text.ts';
import { readXlsFast } from './fast-xls.ts';
import { isFastXlsxPart, readXlsxFast } from './fast-xlsx.ts';
import { classifyText, detectContainer } from './detect-format.ts';
import { detectMapping } from './detect-columns.ts';
import { isBlankRow, type Grid } from './grid.ts';
import { DEFAULT_LIMITS, formatMiB, type ImportLimits } from './limits.ts';
import { readDelimited } from './parse-delimited.ts';
import { readWorkbook } from './read-workbook.ts';
import { verifyZipEntries } from './zip-guard.ts';

/**
 * The whole import: bytes → detect format → read → detect columns → normalise → dedupe → opt-outs.
 * Synchronous and pure (no I/O): tests and small files call it in-process; large files run the
 * same function in a worker thread (see run-import-worker.ts). Either the full result or an
 * AppError — never a partial list.
 */
export interface ImportControl {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Opt-out lookup by E.164. In a worker it is applied afterwards, on the main side. */
  isOptedOut?: (e164: string) => boolean;
  limits?: Partial<ImportLimits>;
}

const PROGRESS_EVERY = 50_000;

interface ReadOutcome {
  /** The rows read so far (a delimited file: its head, for detecting the columns; anything else: all). */
  grid: Grid;
  source: ImportSource;
  /** A delimited file's rows after the head, read as they are used (a million rows never sit in a grid). */
  rest?: Iterator<string[] | undefined>;
}

/** Rows of a delimited file read before the columns are detected (detect-columns.ts samples the first ones). */
const DELIMITED_HEAD = 1_000;

function readSource(bytes: Uint8Array, opts: ImportOptions, limits: ImportLimits, ctl: ImportControl): ReadOutcome {
  const container = detectContainer(bytes);
  if (container.kind === 'xlsx' || container.kind === 'xls') {
    const wbOpts = { sheet: opts.sheet, maxRows: limits.maxRows, signal: ctl.signal };
    let fast: ReturnType<typeof readXlsxFast>;
    if (container.kind === 'xlsx') {
      fast = readXlsxFast(verifyZipEntries(bytes, container.entries, { keep: isFastXlsxPart, limits }), wbOpts);
    }
    else fast = readXlsFast(container.workbook, wbOpts);
    const wb = fast ?? readWorkbook({ bytes }, container.kind === 'xlsx' ? '.xlsx' : '.xls', wbOpts);
    return { grid: wb.grid, source: { format: container.kind, sheets: wb.sheets, sheet: wb.sheetName } };
  }
  const decoded = decodeText(bytes, opts.encoding);
  throwIfAborted(ctl.signal);
  const kind = classifyText(decoded.text);
  if (kind !== 'delimited') {
    const wb = readWorkbook({ text: decoded.text }, kind === 'html' ? 'HTML (.xls)' : 'XML spreadsheet', {
      sheet: opts.sheet,
      maxRows: limits.maxRows,
      signal: ctl.signal,
    });
    return { grid: wb.grid, source: { format: kind, sheets: wb.sheets, sheet: wb.sheetName, encoding: decoded.encoding } };
  }
  const parsed = readDelimited(decoded.text, {
    delimiter: opts.delimiter,
    maxRows: limits.maxRows,
    signal: ctl.signal,
    onRows: (done) => ctl.onProgress?.({ phase: 'parse', done }),
  });
  const head: Array<string[] | undefined> = [];
  let columns = 0;
  for (let next = parsed.rows.next(); ; next = parsed.rows.next()) {
    if (next.done) break;
    head.push(next.value);
    if (next.value && next.value.length > columns) columns = next.value.length;
    if (head.length >= DELIMITED_HEAD) break;
  }
  const format: ImportFormat = parsed.delimiter === 'none' ? 'txt' : 'csv';
  return { grid: { rows: head, columns }, rest: parsed.rows, source: { format, sheets: [], encoding: decoded.encoding, delimiter: parsed.delimiter } };
}

/** Anything unexpected from a reader (a library bug, an odd file) becomes a clear error, never a crash. */
function readSafely(bytes: Uint8Array, opts: ImportOptions, limits: ImportLimits, ctl: ImportControl): ReadOutcome {
  try {
    return readSource(bytes, opts, limits, ctl);
  } catch (err) {
    if (isAppError(err)) throw err;
    throw contactsError('CONTACTS_CORRUPT_FILE', 'This file could not be read: it may be damaged. Open it in Excel, save a fresh copy and import that.');
  }
}

/**
 * `opts` as importOptionsSchema parsed them (pipeline.ts's runImport parses; the worker gets them
 * parsed by the main side, so zod never loads in the worker).
 */
export function runParsedImport(bytes: Uint8Array, opts: ImportOptions, ctl: ImportControl = {}): ImportResult {
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...ctl.limits };
  if (bytes.byteLength > limits.maxBytes) {
    throw contactsError(
      'CONTACTS_FILE_TOO_LARGE',
      `This file is ${formatMiB(bytes.byteLength)}; the most the app imports at once is ${formatMiB(limits.maxBytes)}. Split it into smaller files.`,
    );
  }
  ctl.onProgress?.({ phase: 'read', done: 0, total: bytes.byteLength });
  const { grid, source, rest } = readSafely(bytes, opts, limits, ctl);
  throwIfAborted(ctl.signal);
  const region = opts.region as CountryCode;
  const mapping = detectMapping(grid, { region, headerRow: opts.headerRow, phoneColumn: opts.phoneColumn });

  const contacts: ImportedContact[] = [];
  const rejects: RejectedRow[] = [];
  const duplicateRows: DuplicateRow[] = [];
  const firstByNumber = new Map<string, ImportedContact>();
  const varColumns = mapping.columns.filter((c) => c.variable !== '');
  const counts: ImportCounts = { total: 0, valid: 0, invalid: 0, duplicate: 0, optedOut: 0, nonMobile: 0 };
  const start = mapping.headerRow; // 0-based index of the first data row
  // A streamed file's length is not known until it is read: its progress has no total.
  const totalRows = rest ? undefined : grid.rows.length - start;
  /** Every data row in order: the grid's, then (a delimited file) the rest as it is read. */
  function* dataRows(): Generator<[number, string[] | undefined]> {
    for (let r = start; r < grid.rows.length; r++) {
      const row = grid.rows[r];
      grid.rows[r] = undefined; // the grid is this call's own: each row can go once it is read
      yield [r, row];
    }
    if (!rest) return;
    let r = grid.rows.length;
    for (let next = rest.next(); !next.done; next = rest.next(), r++) yield [r, next.value];
  }
  let seen = 0;
  for (const [r, row] of dataRows()) {
    if (seen++ % PROGRESS_EVERY === 0) {
      throwIfAborted(ctl.signal);
      ctl.onProgress?.(totalRows === undefined ? { phase: 'normalise', done: seen - 1 } : { phase: 'normalise', done: seen - 1, total: totalRows });
    }
    if (row === undefined || isBlankRow(row)) continue;
    counts.total++;
    const original = row[mapping.phoneColumn] ?? '';
    const res = normalisePhone(original, region);
    if (!res.ok) {
      rejects.push({ row: r + 1, original, reason: res.reason, message: res.message });
      continue;
    }
    const first = firstByNumber.get(res.e164);
    if (first !== undefined) {
      first.duplicates++;
      counts.duplicate++;
      duplicateRows.push({ row: r + 1, original, duplicateOf: first.row });
      // The first row wins, but a name (any variable) it left empty is taken from a later row that has one.
      for (const col of varColumns) {
        const value = row[col.index] ?? '';
        if ((first.vars[col.variable] ?? '').trim() === '' && value.trim() !== '') first.vars[col.variable] = value;
      }
      continue;
    }
    const vars: Record<string, string> = {};
    for (const col of varColumns) vars[col.variable] = row[col.index] ?? '';
    const contact: ImportedContact = { row: r + 1, original, e164: res.e164, vars, duplicates: 0, optedOut: false };
    const line = nonMobileKind(res.e164);
    if (line !== null) {
      contact.nonMobile = line;
      counts.nonMobile++;
    }
    firstByNumber.set(res.e164, contact);
    contacts.push(contact);
  }
  ctl.onProgress?.({ phase: 'dedupe', done: seen, total: seen });
  counts.valid = contacts.length;
  counts.invalid = rejects.length;
  const result: ImportResult = { source, mapping, contacts, rejects, duplicateRows, counts };
  if (ctl.isOptedOut) applyOptOuts(result, ctl.isOptedOut);
  return result;
}

/** Flags opted-out numbers (kept in the list, flagged, so the UI can show and skip them). */
export function applyOptOuts(result: ImportResult, isOptedOut: (e164: string) => boolean): ImportResult {
  let n = 0;
  for (const c of result.contacts) {
    c.optedOut = isOptedOut(c.e164);
    if (c.optedOut) n++;
  }
  result.counts.optedOut = n;
  return result;
}

/**
 * What the renderer shows before commit: the first `rows` contacts as they will be imported, the counts,
 * and the first `keep` rejected and duplicate rows (the counts have them all; a file of a million bad
 * rows must not become a 100 MB answer — the rejects export writes every one).
 */
export function buildPreview(result: ImportResult, rows = 50, keep = Number.MAX_SAFE_INTEGER): ImportPreview {
  return {
    source: result.source,
    mapping: result.mapping,
    rows: result.contacts.slice(0, rows),
    counts: { ...result.counts },
    rejects: result.rejects.length > keep ? result.rejects.slice(0, keep) : result.rejects,
    duplicateRows: result.duplicateRows.length > keep ? result.duplicateRows.slice(0, keep) : result.duplicateRows,
  };
}
