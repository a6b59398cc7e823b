import { throwIfAborted } from '../contacts-error.ts';
import { integerText } from './cell-text.ts';
import { formatNumberCell, xlsxFormatCode } from './number-format.ts';
import type { Grid } from './grid.ts';
import { fillMerges } from './read-workbook.ts';
import type { CellFormats } from './xlsx-parts.ts';
import { attributes, decodeRange, elementText, unescapeXml, type CellRange } from './xml-text.ts';

/**
 * One worksheet's XML scanned straight into cell text — the same text SheetJS + cellText() give
 * (row numbers from `<row r>`, columns from the cell reference or the next one, cached values of
 * formulas, shared/inline/formula strings, booleans, errors as blank, numbers formatted by their
 * style as SheetJS formats them). Returns undefined for anything unusual (date-typed cells, a
 * shared-string index out of range, prefixed XML, unknown cell types): the caller uses SheetJS.
 */
export interface ScannedSheet {
  grid: Grid;
  /** The sheet's extent as SheetJS reports it ('!ref' after the row cap), or undefined if empty. */
  ref: CellRange | undefined;
  /** The real extent when the row cap cut the sheet ('!fullref'). */
  fullRef: CellRange | undefined;
}

export interface ScanOptions {
  strings: readonly string[];
  formats: CellFormats | undefined;
  /** The workbook counts dates from 1904 (`workbookPr date1904`). */
  date1904?: boolean;
  /** SheetJS `sheetRows`: rows numbered above it are skipped. */
  sheetRows: number;
  signal?: AbortSignal;
  /** Bytes decoded per chunk (tests use tiny chunks to cut between every pair of rows). */
  chunkBytes?: number;
}

const CELL_TYPES = new Set(['n', 's', 'str', 'inlineStr', 'b', 'e']);

function formatNumber(v: number, style: number, formats: CellFormats | undefined, date1904: boolean): string {
  const id = formats?.xf[style] ?? 0;
  if (id === 0 && Number.isInteger(v)) return integerText(v);
  return formatNumberCell(v, xlsxFormatCode(id, formats?.custom), date1904);
}

interface CellAttrs {
  r: string | undefined;
  t: string | undefined;
  s: string | undefined;
}

function quoted(tag: string, name: string): string | undefined {
  const i = tag.indexOf(name);
  return i < 0 ? undefined : tag.slice(i + name.length, tag.indexOf('"', i + name.length));
}

/** r, t and s of a cell tag: plain double-quoted attributes read directly (the hot path), else parsed. */
function cellAttributes(tag: string): CellAttrs {
  if (tag.includes("'") || tag.includes(':') || /[\t\n\r]|\s=|=\s/.test(tag)) {
    const a = attributes(tag);
    return { r: a.get('r'), t: a.get('t'), s: a.get('s') };
  }
  return { r: quoted(tag, ' r="'), t: quoted(tag, ' t="'), s: quoted(tag, ' s="') };
}

function dimension(head: string): CellRange | undefined {
  const at = head.search(/<(?:\w*:)?dimension/);
  if (at <= 0) return undefined;
  const m = /"(\w*:\w*)"/.exec(head.slice(at, at + 50));
  const d = m ? decodeRange(m[1] as string) : undefined;
  return d && d.s.r <= d.e.r && d.s.c <= d.e.c ? d : undefined;
}

/** Bytes of sheet XML decoded per chunk: ~32 KB (a string that stays in the young generation) ends at the next `</row>`, so no tag (and no UTF-8 character) is cut. */
const CHUNK_BYTES = 1 << 15;
const PREFIXED = /<\w+:(?:worksheet|sheetData|row|c)\b/;
const ROW_CLOSE = Buffer.from('</row>');

interface RowState {
  rows: Array<string[] | undefined>;
  guess: CellRange;
  tagr: number;
  count: number;
  /**
   * The last `<row …/>` (no cells) seen since the last row with cells: its `r`, or null without one.
   * SheetJS splits sheetData at `</row>` and reads the last row tag of each piece, so of the empty
   * rows only a trailing one counts towards the sheet's extent (Google Sheets writes thousands).
   */
  trailingEmpty: number | null | undefined;
}

/**
 * The sheet part is scanned a chunk of rows at a time instead of as one string: a 14 MB part with
 * Chinese text decodes to a 28 MB two-byte string, held for the whole scan (the worker's largest
 * allocation on the 100k-row bench file). Chunks end right after a `</row>`, where the
 * whole-string scan would resume its search too, so the cells read are the same.
 */
export function scanSheet(bytes: Uint8Array, opts: ScanOptions): ScannedSheet | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataStart = buf.indexOf('<sheetData');
  const dataEnd = dataStart < 0 ? -1 : buf.indexOf('</sheetData>', dataStart);
  const state: RowState = { rows: [], guess: { s: { r: 2_000_000, c: 2_000_000 }, e: { r: 0, c: 0 } }, tagr: 0, count: 0, trailingEmpty: undefined };
  if (dataEnd < 0) {
    // No (closed) sheetData: nothing to scan; the head and the merge list come from the whole text.
    const xml = utf8.decode(buf);
    if (PREFIXED.test(xml)) return undefined;
    return finish(xml, state.rows, dimension(dataStart < 0 ? xml : xml.slice(0, dataStart)), state.guess, opts.sheetRows);
  }
  const head = utf8.decode(buf.subarray(0, dataStart));
  const tail = utf8Inner.decode(buf.subarray(dataEnd));
  if (PREFIXED.test(head) || PREFIXED.test(tail)) return undefined;
  const chunk = Math.max(1, opts.chunkBytes ?? CHUNK_BYTES);
  for (let from = dataStart; from < dataEnd; ) {
    const cut = from + chunk >= dataEnd ? -1 : buf.indexOf(ROW_CLOSE, from + chunk);
    const to = cut < 0 || cut + ROW_CLOSE.length > dataEnd ? dataEnd : cut + ROW_CLOSE.length;
    const xml = utf8Inner.decode(buf.subarray(from, to));
    if (PREFIXED.test(xml) || !scanRows(xml, state, opts)) return undefined;
    from = to;
  }
  if (state.trailingEmpty !== undefined) {
    const tagr = state.trailingEmpty ?? state.tagr + 1;
    if (opts.sheetRows >= tagr) countRow(state.guess, tagr);
  }
  return finish(tail, state.rows, dimension(head), state.guess, opts.sheetRows);
}

function countRow(guess: CellRange, tagr: number): void {
  if (guess.s.r > tagr - 1) guess.s.r = tagr - 1;
  if (guess.e.r < tagr - 1) guess.e.r = tagr - 1;
}

const utf8 = new TextDecoder('utf-8');
/** Text after the first chunk: a U+FEFF there is a character, not a byte order mark. */
const utf8Inner = new TextDecoder('utf-8', { ignoreBOM: true });

/** The rows of one chunk of `<sheetData>` into `state`; false when the reader must step aside. */
function scanRows(xml: string, state: RowState, opts: ScanOptions): boolean {
  const { rows, guess } = state;
  let pos = 0;
  const end = xml.length;
  while (pos < end) {
    const rowAt = xml.indexOf('<row', pos);
    if (rowAt < 0 || rowAt >= end) break;
    const rowTagEnd = xml.indexOf('>', rowAt);
    if (rowTagEnd < 0) return false;
    if (xml.charCodeAt(rowTagEnd - 1) === 47) {
      pos = rowTagEnd + 1; // <row …/>: no cells; it counts only as the sheet's last row (see RowState)
      const r = /\sr="(\d+)"/.exec(xml.slice(rowAt, rowTagEnd));
      state.trailingEmpty = r ? parseInt(r[1] as string, 10) : null;
      continue;
    }
    state.trailingEmpty = undefined;
    const rowClose = xml.indexOf('</row>', rowTagEnd);
    if (rowClose < 0 || rowClose > end) return false;
    pos = rowClose + 6;
    const rAttr = /\sr="(\d+)"/.exec(xml.slice(rowAt, rowTagEnd));
    const tagr = (state.tagr = rAttr ? parseInt(rAttr[1] as string, 10) : state.tagr + 1);
    if (opts.sheetRows < tagr) continue;
    if ((++state.count & 0x3fff) === 0) throwIfAborted(opts.signal);
    countRow(guess, tagr);
    let tagc = -1;
    let cpos = rowTagEnd + 1;
    while (cpos < rowClose) {
      const at = xml.indexOf('<c', cpos);
      if (at < 0 || at >= rowClose) break;
      const next = xml.charCodeAt(at + 2);
      if (next !== 32 && next !== 62 && next !== 47) return false;
      const tagEnd = xml.indexOf('>', at);
      const selfClosing = xml.charCodeAt(tagEnd - 1) === 47;
      const close = selfClosing ? tagEnd : xml.indexOf('</c>', tagEnd);
      if (close < 0 || close > rowClose) return false;
      cpos = selfClosing ? tagEnd + 1 : close + 4;
      const a = cellAttributes(xml.slice(at, selfClosing ? tagEnd - 1 : tagEnd));
      const ref = a.r;
      let at_r = tagr - 1;
      let at_c: number;
      if (ref !== undefined) {
        let idx = 0;
        for (let i = 0; i < ref.length; i++) {
          const cc = ref.charCodeAt(i) - 64;
          if (cc < 1 || cc > 26) break;
          idx = 26 * idx + cc;
        }
        tagc = idx - 1;
        // SheetJS files the cell where its reference says (any letters, any digits, in any order).
        let rr = 0;
        let cc2 = 0;
        for (let i = 0; i < ref.length; i++) {
          const ch = ref.charCodeAt(i);
          if (ch >= 48 && ch <= 57) rr = 10 * rr + ch - 48;
          else if (ch >= 65 && ch <= 90) cc2 = 26 * cc2 + ch - 64;
        }
        at_r = rr - 1;
        at_c = cc2 - 1;
        if (tagc < 0 || at_r < 0 || at_c < 0) return false;
      } else at_c = ++tagc;
      const t = a.t ?? 'n';
      if (!CELL_TYPES.has(t)) return false;
      let raw: string | undefined;
      if (!selfClosing && xml.startsWith('<v>', tagEnd + 1)) {
        const vEnd = xml.indexOf('</v>', tagEnd + 4);
        raw = vEnd >= 0 && vEnd < close ? xml.slice(tagEnd + 4, vEnd) : undefined;
      } else raw = selfClosing ? undefined : elementText(xml, 'v', tagEnd + 1, close);
      const v = raw === undefined || raw === '' ? undefined : unescapeXml(raw);
      if (a.t === undefined && v === undefined) continue;
      let text: string;
      switch (t) {
        case 'n':
          if (v === undefined) continue;
          text = formatNumber(parseFloat(v), Number(a.s ?? 0) || 0, opts.formats, opts.date1904 === true);
          break;
        case 's': {
          if (v === undefined) continue;
          const s = opts.strings[parseInt(v, 10)];
          if (s === undefined) return false;
          text = s;
          break;
        }
        case 'str':
          text = v === undefined ? '' : unescapeXml(v, true);
          break;
        case 'inlineStr': {
          const is = selfClosing ? undefined : elementText(xml, 'is', tagEnd + 1, close);
          if (is === undefined) text = '';
          else {
            const t2 = elementText(is, 't');
            if (t2 === undefined || /<(?:\w+:)?r\b/.test(is)) return false;
            text = unescapeXml(t2, true);
          }
          break;
        }
        case 'b':
          text = v === '1' || v === 'true' || v === 'TRUE' ? 'TRUE' : 'FALSE';
          break;
        default: // 'e'
          text = '';
      }
      if (guess.s.c > tagc) guess.s.c = tagc;
      if (guess.e.c < tagc) guess.e.c = tagc;
      const row = rows[at_r] ?? (rows[at_r] = []);
      row[at_c] = text;
    }
  }
  return true;
}

/** Cells a hyperlink covers that hold nothing yet, SheetJS creates as blank stubs (they widen a row). */
const MAX_LINK_STUBS = 100_000;

function hyperlinkStubs(tail: string, rows: Array<string[] | undefined>): boolean {
  let budget = MAX_LINK_STUBS;
  for (const m of tail.matchAll(/<(?:\w+:)?hyperlink [^<>]*>/g)) {
    const ref = attributes(m[0]).get('ref');
    if (ref === undefined) return true; // SheetJS stops at the first hyperlink without a ref
    const range = decodeRange(ref);
    if (!range) return false;
    budget -= (range.e.r - range.s.r + 1) * (range.e.c - range.s.c + 1);
    if (budget < 0) return false; // a link over a whole column: leave it to SheetJS
    for (let r = range.s.r; r <= range.e.r; r++) {
      const row = rows[r] ?? (rows[r] = []);
      for (let c = range.s.c; c <= range.e.c; c++) if (row[c] === undefined) row[c] = '';
    }
  }
  return true;
}

function finish(tailXml: string, rows: Array<string[] | undefined>, dim: CellRange | undefined, guess: CellRange, sheetRows: number): ScannedSheet | undefined {
  let ref = dim ?? (guess.e.c >= guess.s.c && guess.e.r >= guess.s.r ? guess : undefined);
  let fullRef: CellRange | undefined;
  if (ref && sheetRows <= ref.e.r) {
    const cut = { s: { ...ref.s }, e: { ...ref.e } };
    cut.e.r = Math.min(sheetRows - 1, guess.e.r);
    if (cut.e.r < cut.s.r) cut.s.r = cut.e.r;
    if (cut.e.c > guess.e.c) cut.e.c = guess.e.c;
    if (cut.e.c < cut.s.c) cut.s.c = cut.e.c;
    fullRef = ref;
    ref = cut;
  }
  const tail = tailXml.slice(tailXml.lastIndexOf('</sheetData>') + 1);
  if (!hyperlinkStubs(tail, rows)) return undefined;
  let columns = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row === undefined) continue;
    let any = false;
    for (let c = 0; c < row.length; c++) {
      if (row[c] === undefined) row[c] = '';
      else if (row[c] !== '') any = true;
    }
    if (!any) rows[r] = undefined;
    else if (row.length > columns) columns = row.length;
  }
  const merges: CellRange[] = [];
  for (const m of tail.matchAll(/<(?:\w+:)?mergeCell ref=["']([A-Z0-9:]+)['"]\s*\/?>/g)) {
    const range = decodeRange(m[1] as string);
    if (!range) return undefined;
    merges.push(range);
  }
  fillMerges(merges, rows);
  while (rows.length > 0 && rows[rows.length - 1] === undefined) rows.pop();
  for (const row of rows) if (row && row.length > columns) columns = row.length;
  return { grid: { rows, columns }, ref, fullRef };
}
