import { isAppError } from '../../../../shared/errors.ts';
import { readGlobals } from './biff8-globals.ts';
import { scanBiffSheet, type BiffSheetScan } from './biff8-sheet.ts';
import { readWorkbookStream } from './cfb-read.ts';
import type { Grid } from './grid.ts';
import { assertRowCount, chooseSheet, fillMerges, sheetRowsFor, type WorkbookOptions, type WorkbookResult } from './read-workbook.ts';

/**
 * The lean .xls reader: BIFF8 workbooks of plain worksheets (numbers and shared strings — what
 * Excel, WPS and our own export write for a number list) read straight from the records. SheetJS
 * parses the whole file into cell objects with formats and styles, three times the time of the
 * whole rest of the import; this reads one pass of records into text. The result equals
 * readWorkbook()'s (tests/unit/contacts/fast-xls.test.ts compares both); anything it does not
 * handle gives undefined and the caller uses SheetJS.
 */
/** `stream`: the container's Workbook stream (detect-format.ts takes it out), or undefined. */
export function readXlsFast(stream: Uint8Array | undefined, opts: WorkbookOptions): WorkbookResult | undefined {
  if (!stream) return undefined;
  try {
    return read(stream, opts);
  } catch (err) {
    if (isAppError(err)) throw err;
    return undefined;
  }
}

/** Sheet names of a BIFF8 workbook from its directory records alone, or undefined (use SheetJS). */
export function xlsSheetNamesFast(stream: Uint8Array | undefined): string[] | undefined {
  if (!stream) return undefined;
  try {
    const g = readGlobals(stream, true);
    return g ? [...g.sheets].sort((a, b) => a.pos - b.pos).map((s) => s.name) : undefined;
  } catch {
    return undefined;
  }
}

/** True when SheetJS may need its codepage tables for this file (anything but a UTF-16 BIFF8 workbook). */
export function xlsNeedsCodepages(bytes: Uint8Array): boolean {
  return xlsSheetNamesFast(readWorkbookStream(bytes)) === undefined;
}

function read(stream: Uint8Array, opts: WorkbookOptions): WorkbookResult | undefined {
  const g = readGlobals(stream);
  if (!g) return undefined;
  const sheetRows = sheetRowsFor(opts.maxRows);
  const order = [...g.sheets].sort((a, b) => a.pos - b.pos);
  const scanned = new Map<string, BiffSheetScan>();
  let p = g.end;
  for (const sheet of order) {
    // SheetJS reads the substreams one after another and names each by its BOF's offset.
    if (sheet.pos !== p || scanned.has(sheet.name)) return undefined;
    const scan = scanBiffSheet(stream, sheet.pos, g, sheetRows, opts.signal);
    if (!scan) return undefined;
    scanned.set(sheet.name, scan);
    p = scan.end;
  }
  const names = order.map((s) => s.name);
  const sheets = names.map((name) => {
    const r = scanned.get(name)?.ref;
    return r ? { name, rows: r.e.r + 1, columns: r.e.c + 1 } : { name, rows: 0, columns: 0 };
  });
  const sheetName = chooseSheet(names, opts.sheet, (n) => hasData(scanned.get(n)));
  const ws = scanned.get(sheetName);
  const extent = ws?.fullRef ?? ws?.ref;
  if (extent !== undefined) assertRowCount(extent.e.r, opts.maxRows);
  return { sheets, sheetName, grid: ws ? toGrid(ws) : { rows: [], columns: 0 } };
}

function hasData(ws: BiffSheetScan | undefined): boolean {
  return ws?.rows.some((row) => row?.some((t) => t !== undefined && t.trim() !== '')) ?? false;
}

/** The same grid read-workbook.ts builds from SheetJS's cells: holes read as '', blank rows dropped (rows reused in place). */
function toGrid(ws: BiffSheetScan): Grid {
  const rows = ws.rows as Array<string[] | undefined>;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Array<string | undefined> | undefined;
    if (!row) continue;
    let any = false;
    for (let c = 0; c < row.length; c++) {
      const t = row[c];
      if (t === undefined) row[c] = '';
      else if (t !== '') any = true;
    }
    if (!any) rows[r] = undefined;
  }
  fillMerges(ws.merges, rows);
  while (rows.length > 0 && rows[rows.length - 1] === undefined) rows.pop();
  let columns = 0;
  for (const row of rows) if (row && row.length > columns) columns = row.length;
  return { rows, columns };
}
