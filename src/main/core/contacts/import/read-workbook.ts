import * as XLSX from '@e965/xlsx';
import type { SheetInfo } from '../../../../shared/contacts.ts';
import { contactsError, throwIfAborted } from '../contacts-error.ts';
import { cellText } from './cell-text.ts';
import { passwordProtectedError } from './detect-format.ts';
import type { Grid } from './grid.ts';

/**
 * Workbooks (.xls BIFF2–8, .xlsx, HTML tables, Excel 2003 XML) through SheetJS → Grid.
 * Reads cached values of formulas (a formula never evaluated has none and reads as empty),
 * fills merged ranges with their top-left text, and never returns a truncated sheet.
 */
// Codepage tables for legacy .xls text: see codepages.ts (loaded by pipeline.ts, or by the worker on demand).

export interface WorkbookInput {
  /** Binary workbooks. */
  bytes?: Uint8Array;
  /** HTML / XML workbooks, already decoded. */
  text?: string;
}

export interface WorkbookOptions {
  sheet?: string;
  maxRows: number;
  signal?: AbortSignal;
}

export interface WorkbookResult {
  sheets: SheetInfo[];
  sheetName: string;
  grid: Grid;
}

function parseError(err: unknown, what: string): Error {
  const msg = err instanceof Error ? err.message : String(err);
  if (/password|encrypt|filepass|rc4/i.test(msg)) return passwordProtectedError();
  return contactsError(
    'CONTACTS_CORRUPT_FILE',
    `This ${what} file is damaged or in a form that cannot be read. Open it in Excel, save it again as .xlsx and import that copy.`,
  );
}

function tooManyRows(max: number): Error {
  return contactsError(
    'CONTACTS_TOO_MANY_ROWS',
    `This sheet has more than ${max.toLocaleString('en-US')} rows. Split it into smaller files and import them one by one.`,
  );
}

function sheetInfo(name: string, ws: XLSX.WorkSheet | undefined): SheetInfo {
  const ref = ws?.['!ref'];
  if (ref === undefined) return { name, rows: 0, columns: 0 };
  const r = XLSX.utils.decode_range(ref);
  return { name, rows: r.e.r + 1, columns: r.e.c + 1 };
}

function hasData(ws: XLSX.WorkSheet | undefined): boolean {
  const data = ws?.['!data'] as XLSX.CellObject[][] | undefined;
  if (!data) return false;
  return data.some((row) => row?.some((c) => c !== undefined && cellText(c).trim() !== ''));
}

export function readWorkbook(input: WorkbookInput, what: string, opts: WorkbookOptions): WorkbookResult {
  const base: XLSX.ParsingOptions = {
    dense: true,
    cellFormula: false,
    cellHTML: false,
    cellStyles: false,
    cellDates: false,
    sheetStubs: false,
    bookVBA: false,
    sheetRows: sheetRowsFor(opts.maxRows),
  };
  let wb: XLSX.WorkBook;
  try {
    wb = input.text !== undefined
      ? XLSX.read(input.text, { ...base, type: 'string' })
      : XLSX.read(input.bytes ?? new Uint8Array(), { ...base, type: 'buffer' });
  } catch (err) {
    throw parseError(err, what);
  }
  throwIfAborted(opts.signal);
  const names = wb.SheetNames ?? [];
  const sheets = names.map((n) => sheetInfo(n, wb.Sheets[n]));
  const sheetName = chooseSheet(names, opts.sheet, (n) => hasData(wb.Sheets[n]));
  const ws = wb.Sheets[sheetName];
  // sheetRows stops SheetJS one row past the cap; '!fullref' keeps the real extent.
  const extent = ws?.['!fullref'] ?? ws?.['!ref'];
  if (extent !== undefined) assertRowCount(XLSX.utils.decode_range(extent).e.r, opts.maxRows);
  return { sheets, sheetName, grid: sheetToGrid(ws, opts.signal) };
}

/** SheetJS `sheetRows` for a row cap: one row past the cap (plus the header), so an overflow is seen. */
export const sheetRowsFor = (maxRows: number): number => maxRows + 2;

/** Throws when a sheet's last row (0-based) is past the cap. */
export function assertRowCount(lastRow: number, maxRows: number): void {
  if (lastRow + 1 > maxRows + 1) throw tooManyRows(maxRows);
}

/** The sheet asked for, else the first one with data, else the first one. */
export function chooseSheet(names: readonly string[], wanted: string | undefined, hasData: (name: string) => boolean): string {
  if (names.length === 0) {
    throw contactsError('CONTACTS_NO_DATA', 'This workbook has no sheets. Check that it is the right file.');
  }
  if (wanted !== undefined) {
    if (!names.includes(wanted)) {
      throw contactsError('CONTACTS_SHEET_NOT_FOUND', `There is no sheet named "${wanted}" in this workbook. Pick one of: ${names.join(', ')}.`);
    }
    return wanted;
  }
  return names.find(hasData) ?? (names[0] as string);
}

function sheetToGrid(ws: XLSX.WorkSheet | undefined, signal: AbortSignal | undefined): Grid {
  const data = (ws?.['!data'] as XLSX.CellObject[][] | undefined) ?? [];
  const rows: Array<string[] | undefined> = new Array(data.length);
  let columns = 0;
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    if (!src || src.length === 0) continue;
    const row: string[] = new Array(src.length);
    let any = false;
    for (let c = 0; c < src.length; c++) {
      const t = cellText(src[c]);
      row[c] = t;
      if (t !== '') any = true;
    }
    if (any) {
      rows[r] = row;
      if (row.length > columns) columns = row.length;
    }
    if ((r & 0xffff) === 0) throwIfAborted(signal);
  }
  fillMerges(ws?.['!merges'] ?? [], rows);
  while (rows.length > 0 && rows[rows.length - 1] === undefined) rows.pop();
  for (const row of rows) if (row && row.length > columns) columns = row.length;
  return { rows, columns };
}

/**
 * A block merged down several rows shows its top-left value on each of them in Excel; give every
 * row of the block that value (in the block's first column: a value merged across columns belongs
 * to its leftmost one, so a merged title row stays one cell wide).
 */
export function fillMerges(merges: readonly XLSX.Range[], rows: Array<string[] | undefined>): void {
  for (const m of merges) {
    const value = rows[m.s.r]?.[m.s.c] ?? '';
    if (value === '') continue;
    const lastRow = Math.min(m.e.r, rows.length - 1);
    for (let r = m.s.r + 1; r <= lastRow; r++) {
      const row = rows[r] ?? (rows[r] = []);
      if (row[m.s.c] === undefined || row[m.s.c] === '') row[m.s.c] = value;
    }
  }
}
