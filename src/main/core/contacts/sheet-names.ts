import * as XLSX from '@e965/xlsx';
import { isAppError } from '../../../shared/errors.ts';
import { detectContainer } from './import/detect-format.ts';
import { xlsSheetNamesFast } from './import/fast-xls.ts';
import { DEFAULT_LIMITS } from './import/limits.ts';
import { workbookSheetNames } from './import/xlsx-parts.ts';
import { assertNotZipBomb, inflatePart, verifyZipEntries, type ZipEntry } from './import/zip-guard.ts';

/**
 * The sheet names of a binary workbook (.xlsx / .xls), read without parsing any cells — so the
 * wizard can offer "pick another sheet" even when the default sheet could not be analysed.
 * This runs on main's thread at upload, so it inflates little: an .xlsx needs only xl/workbook.xml,
 * and only up to OPEN_INFLATE_CAP; a BIFF8 .xls only its sheet directory records (SheetJS's bookSheets
 * still parses the whole container); SheetJS reads anything else, an .xlsx only when the whole zip is
 * that small and has passed the zip guard.
 * A zip bomb (or a zip too big to ever import) is refused here, at upload, with the zip guard's
 * sentence; text files and anything else unreadable give [] (the analysis reports the real problem).
 */
export const OPEN_INFLATE_CAP = 16 * 1024 * 1024;

const REFUSED_AT_OPEN = new Set(['CONTACTS_ZIP_BOMB', 'CONTACTS_FILE_TOO_LARGE']);

export function sheetNames(bytes: Uint8Array): string[] {
  try {
    const container = detectContainer(bytes);
    if (container.kind === 'xlsx') return xlsxSheetNames(bytes, container.entries);
    if (container.kind !== 'xls') return [];
    return xlsSheetNamesFast(container.workbook) ?? XLSX.read(bytes, { type: 'buffer', bookSheets: true }).SheetNames ?? [];
  } catch (err) {
    if (isAppError(err) && REFUSED_AT_OPEN.has(err.code)) throw err;
    return [];
  }
}

function xlsxSheetNames(bytes: Uint8Array, entries: readonly ZipEntry[]): string[] {
  assertNotZipBomb(entries, DEFAULT_LIMITS);
  const workbook = entries.find((e) => e.name === 'xl/workbook.xml');
  if (workbook && workbook.uncompressedSize <= OPEN_INFLATE_CAP) {
    const names = workbookSheetNames(new TextDecoder('utf-8').decode(inflatePart(bytes, workbook, OPEN_INFLATE_CAP)));
    if (names) return names.map((s) => s.name);
  }
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > OPEN_INFLATE_CAP) return [];
  verifyZipEntries(bytes, entries, { limits: { ...DEFAULT_LIMITS, maxUncompressedBytes: OPEN_INFLATE_CAP } });
  return XLSX.read(bytes, { type: 'buffer', bookSheets: true }).SheetNames ?? [];
}
