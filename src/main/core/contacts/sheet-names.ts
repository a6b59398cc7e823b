import * as XLSX from '@e965/xlsx';
import { detectContainer } from './import/detect-format.ts';
import { xlsSheetNamesFast } from './import/fast-xls.ts';
import { workbookSheetNames } from './import/xlsx-parts.ts';
import { verifyZipEntries, type ZipEntry } from './import/zip-guard.ts';

/**
 * The sheet names of a binary workbook (.xlsx / .xls), read without parsing any cells — so the
 * wizard can offer "pick another sheet" even when the default sheet could not be analysed.
 * Text files and anything unreadable give [] (the analysis reports the real problem).
 * An .xlsx needs only xl/workbook.xml (one small part inflated), a BIFF8 .xls only its sheet
 * directory records (SheetJS's bookSheets still parses the whole container); SheetJS reads anything else.
 */
export function sheetNames(bytes: Uint8Array): string[] {
  try {
    const container = detectContainer(bytes);
    if (container.kind !== 'xlsx' && container.kind !== 'xls') return [];
    const names = container.kind === 'xlsx' ? xlsxSheetNames(bytes, container.entries) : xlsSheetNamesFast(container.workbook);
    if (names) return names;
    return XLSX.read(bytes, { type: 'buffer', bookSheets: true }).SheetNames ?? [];
  } catch {
    return [];
  }
}

function xlsxSheetNames(bytes: Uint8Array, entries: readonly ZipEntry[]): string[] | undefined {
  try {
    const part = verifyZipEntries(bytes, entries.filter((e) => e.name === 'xl/workbook.xml'), () => true).get('xl/workbook.xml');
    return part && workbookSheetNames(new TextDecoder('utf-8').decode(part))?.map((s) => s.name);
  } catch {
    return undefined;
  }
}
