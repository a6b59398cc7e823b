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
  const ws = XLSX.utils.aoa_to_sheet(aoa, { dense: true });
  ws['!cols'] = table.headers.map(() => ({ wch: 18 }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, (opts.sheetName ?? 'Sheet1').replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'Sheet1');
  const out = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
