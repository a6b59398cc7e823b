import * as XLSX from '@e965/xlsx';
import { detectContainer } from './import/detect-format.ts';

/**
 * The sheet names of a binary workbook (.xlsx / .xls), read without parsing any cells — so the
 * wizard can offer "pick another sheet" even when the default sheet could not be analysed.
 * Text files and anything unreadable give [] (the analysis reports the real problem).
 */
export function sheetNames(bytes: Uint8Array): string[] {
  try {
    const kind = detectContainer(bytes).kind;
    if (kind !== 'xlsx' && kind !== 'xls') return [];
    return XLSX.read(bytes, { type: 'buffer', bookSheets: true }).SheetNames ?? [];
  } catch {
    return [];
  }
}
