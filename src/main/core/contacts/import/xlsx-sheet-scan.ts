import * as XLSX from '@e965/xlsx';
import { throwIfAborted } from '../contacts-error.ts';
import { integerText, numberCellText } from './cell-text.ts';
import type { Grid } from './grid.ts';
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
  /** SheetJS `sheetRows`: rows numbered above it are skipped. */
  sheetRows: number;
  signal?: AbortSignal;
}

const CELL_TYPES = new Set(['n', 's', 'str', 'inlineStr', 'b', 'e']);

function formatNumber(v: number, style: number, formats: CellFormats | undefined): string {
  const id = formats?.xf[style] ?? 0;
  if (id === 0 && Number.isInteger(v)) return integerText(v);
  let w: string | undefined;
  try {
    w = XLSX.SSF.format(formats?.custom.get(id) ?? id, v);
  } catch {
    w = undefined;
  }
  return numberCellText(v, w);
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

export function scanSheet(xml: string, opts: ScanOptions): ScannedSheet | undefined {
  const dataStart = xml.indexOf('<sheetData');
  if (xml.search(/<\w+:(?:worksheet|sheetData|row|c)\b/) >= 0) return undefined;
  const dataEnd = dataStart < 0 ? -1 : xml.indexOf('</sheetData>', dataStart);
  const head = dataStart < 0 ? xml : xml.slice(0, dataStart);
  const dim = dimension(head);
  const rows: Array<string[] | undefined> = [];
  const guess = { s: { r: 2_000_000, c: 2_000_000 }, e: { r: 0, c: 0 } };
  let tagr = 0;
  let pos = dataEnd < 0 ? xml.length : dataStart;
  const end = dataEnd < 0 ? 0 : dataEnd;
  let count = 0;
  while (pos < end) {
    const rowAt = xml.indexOf('<row', pos);
    if (rowAt < 0 || rowAt >= end) break;
    const rowTagEnd = xml.indexOf('>', rowAt);
    if (xml.charCodeAt(rowTagEnd - 1) === 47) {
      pos = rowTagEnd + 1; // <row …/>: no cells, and SheetJS does not count it
      continue;
    }
    const rowClose = xml.indexOf('</row>', rowTagEnd);
    if (rowClose < 0 || rowClose > end) return undefined;
    pos = rowClose + 6;
    const rAttr = /\sr="(\d+)"/.exec(xml.slice(rowAt, rowTagEnd));
    tagr = rAttr ? parseInt(rAttr[1] as string, 10) : tagr + 1;
    if (opts.sheetRows < tagr) continue;
    if ((++count & 0x3fff) === 0) throwIfAborted(opts.signal);
    if (guess.s.r > tagr - 1) guess.s.r = tagr - 1;
    if (guess.e.r < tagr - 1) guess.e.r = tagr - 1;
    let tagc = -1;
    let cpos = rowTagEnd + 1;
    while (cpos < rowClose) {
      const at = xml.indexOf('<c', cpos);
      if (at < 0 || at >= rowClose) break;
      const next = xml.charCodeAt(at + 2);
      if (next !== 32 && next !== 62 && next !== 47) return undefined;
      const tagEnd = xml.indexOf('>', at);
      const selfClosing = xml.charCodeAt(tagEnd - 1) === 47;
      const close = selfClosing ? tagEnd : xml.indexOf('</c>', tagEnd);
      if (close < 0 || close > rowClose) return undefined;
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
        if (tagc < 0 || at_r < 0 || at_c < 0) return undefined;
      } else at_c = ++tagc;
      const t = a.t ?? 'n';
      if (!CELL_TYPES.has(t)) return undefined;
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
          text = formatNumber(parseFloat(v), Number(a.s ?? 0) || 0, opts.formats);
          break;
        case 's': {
          if (v === undefined) continue;
          const s = opts.strings[parseInt(v, 10)];
          if (s === undefined) return undefined;
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
            if (t2 === undefined || /<(?:\w+:)?r\b/.test(is)) return undefined;
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
  return finish(xml, rows, dim, guess, opts.sheetRows);
}

function finish(xml: string, rows: Array<string[] | undefined>, dim: CellRange | undefined, guess: CellRange, sheetRows: number): ScannedSheet | undefined {
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
  const tail = xml.slice(xml.lastIndexOf('</sheetData>') + 1);
  for (const m of tail.matchAll(/<(?:\w+:)?mergeCell ref=["']([A-Z0-9:]+)['"]\s*\/?>/g)) {
    const range = decodeRange(m[1] as string);
    if (!range) return undefined;
    const value = rows[range.s.r]?.[range.s.c] ?? '';
    if (value === '') continue;
    const lastRow = Math.min(range.e.r, rows.length - 1);
    for (let r = range.s.r + 1; r <= lastRow; r++) {
      const row = rows[r] ?? (rows[r] = []);
      if (row[range.s.c] === undefined || row[range.s.c] === '') row[range.s.c] = value;
    }
  }
  while (rows.length > 0 && rows[rows.length - 1] === undefined) rows.pop();
  for (const row of rows) if (row && row.length > columns) columns = row.length;
  return { grid: { rows, columns }, ref, fullRef };
}
