import * as XLSX from '@e965/xlsx';
import { contactsError } from '../contacts-error.ts';
import { neutraliseFormula } from './formula-guard.ts';
import type { ExportTable } from './table.ts';

/**
 * Tables → .xlsx through SheetJS. SheetJS builds the whole workbook in memory: measured in
 * tests/unit/contacts/export.test.ts at ~2.3 KB of heap per 3-column row (100k rows ≈ 230 MB
 * transient, ~1 s, 4 MB file). Exports are therefore capped at XLSX_EXPORT_MAX_ROWS (≈ 230 MB
 * peak); bigger sets go to CSV, which streams with flat memory. Every cell is written as text, so
 * numbers keep their + and leading zeros and never turn into floats; a text cell Excel would run as a
 * formula once edited gets a leading `'` (formula-guard.ts), as in CSV.
 */
export const XLSX_EXPORT_MAX_ROWS = 100_000;

export interface XlsxWriteOptions {
  sheetName?: string;
  maxRows?: number;
}

export async function writeXlsx(table: ExportTable, opts: XlsxWriteOptions = {}): Promise<Uint8Array> {
  const max = opts.maxRows ?? XLSX_EXPORT_MAX_ROWS;
  const aoa: string[][] = [table.headers.map(neutraliseFormula)];
  for await (const row of table.rows) {
    if (aoa.length > max) {
      throw contactsError(
        'CONTACTS_EXPORT_TOO_LARGE',
        `An .xlsx export holds at most ${max.toLocaleString('en-US')} rows. Export as CSV instead, which has no limit.`,
      );
    }
    aoa.push(row.map(neutraliseFormula));
  }
  return workbookBytes([{ name: opts.sheetName ?? 'Sheet1', rows: aoa, width: table.headers.length }]);
}

/** One sheet of a small report: text cells are formula-guarded, numbers stay numbers (so a spreadsheet can sum them). */
export interface ReportSheet {
  name: string;
  headers: string[];
  rows: (string | number)[][];
}

/** Several small sheets in one workbook (a report such as Insight's; no row cap: the caller's tables are bounded). */
export function writeXlsxSheets(sheets: readonly ReportSheet[]): Uint8Array {
  return workbookBytes(
    sheets.map((sh) => ({
      name: sh.name,
      width: sh.headers.length,
      rows: [sh.headers.map(neutraliseFormula), ...sh.rows.map((r) => r.map((c) => (typeof c === 'number' ? c : neutraliseFormula(c))))],
    })),
  );
}

function workbookBytes(sheets: readonly { name: string; rows: (string | number)[][]; width: number }[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const sh of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(sh.rows, { dense: true });
    ws['!cols'] = Array.from({ length: sh.width }, () => ({ wch: 18 }));
    XLSX.utils.book_append_sheet(wb, ws, sh.name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'Sheet1');
  }
  const out = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
