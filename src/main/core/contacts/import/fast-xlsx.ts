import { isAppError } from '../../../../shared/errors.ts';
import type { Grid } from './grid.ts';
import { assertRowCount, chooseSheet, sheetRowsFor, type WorkbookOptions, type WorkbookResult } from './read-workbook.ts';
import { parseSharedStrings, parseStyles, resolveSheets, workbookDate1904 } from './xlsx-parts.ts';
import { scanSheet, type ScannedSheet } from './xlsx-sheet-scan.ts';

/**
 * The lean .xlsx reader: the common case (plain worksheets, shared/inline strings, numbers,
 * booleans) read straight from the XML parts into cell text. SheetJS builds a model of the whole
 * workbook (every sheet, every cell as an object, styles, formats) — several times the time and
 * memory of what an import needs, one sheet's text. The result equals readWorkbook()'s (a test
 * compares both on every fixture); anything this reader does not handle gives undefined and the
 * caller uses SheetJS.
 */
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';

/** The zip parts the lean reader reads (handed over by the zip guard, which inflates them anyway). */
export function isFastXlsxPart(name: string): boolean {
  return name === WORKBOOK || name === WORKBOOK_RELS || name === SHARED_STRINGS || name === STYLES || /^xl\/worksheets\/[^/]+\.xml$/.test(name);
}

const utf8 = new TextDecoder('utf-8');
const text = (part: Uint8Array | undefined): string | undefined => (part === undefined ? undefined : utf8.decode(part));

/** `parts` is consumed: each worksheet's bytes are dropped from it once scanned. */
export function readXlsxFast(parts: Map<string, Uint8Array>, opts: WorkbookOptions): WorkbookResult | undefined {
  try {
    return read(parts, opts);
  } catch (err) {
    if (isAppError(err)) throw err;
    return undefined;
  }
}

function read(parts: Map<string, Uint8Array>, opts: WorkbookOptions): WorkbookResult | undefined {
  const workbook = text(parts.get(WORKBOOK));
  const rels = text(parts.get(WORKBOOK_RELS));
  if (workbook === undefined || rels === undefined) return undefined;
  const refs = resolveSheets(workbook, rels);
  if (!refs) return undefined;
  const sstXml = text(parts.get(SHARED_STRINGS));
  const strings = sstXml === undefined ? [] : parseSharedStrings(sstXml);
  if (!strings) return undefined;
  const stylesXml = text(parts.get(STYLES));
  const formats = stylesXml === undefined ? undefined : parseStyles(stylesXml);
  if (stylesXml !== undefined && !formats) return undefined;
  const date1904 = workbookDate1904(workbook);
  const scanned = new Map<string, ScannedSheet>();
  for (const [i, ref] of refs.entries()) {
    const part = parts.get(ref.path);
    if (part === undefined) return undefined;
    // Its inflated XML can go as soon as it is read (unless a later sheet name points at the same part).
    if (!refs.some((r, j) => j > i && r.path === ref.path)) parts.delete(ref.path);
    const sheet = scanSheet(part, { strings, formats, date1904, sheetRows: sheetRowsFor(opts.maxRows), signal: opts.signal });
    if (!sheet) return undefined;
    scanned.set(ref.name, sheet);
  }
  const names = refs.map((r) => r.name);
  const sheets = names.map((name) => {
    const r = scanned.get(name)?.ref;
    return r ? { name, rows: r.e.r + 1, columns: r.e.c + 1 } : { name, rows: 0, columns: 0 };
  });
  const sheetName = chooseSheet(names, opts.sheet, (n) => hasData(scanned.get(n)?.grid));
  const ws = scanned.get(sheetName);
  const extent = ws?.fullRef ?? ws?.ref;
  if (extent !== undefined) assertRowCount(extent.e.r, opts.maxRows);
  return { sheets, sheetName, grid: ws?.grid ?? { rows: [], columns: 0 } };
}

function hasData(grid: Grid | undefined): boolean {
  return grid?.rows.some((row) => row?.some((t) => t.trim() !== '')) ?? false;
}
