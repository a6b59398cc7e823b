import * as XLSX from '@e965/xlsx';
import { throwIfAborted } from '../contacts-error.ts';
import { BOF, DIMENSIONS, EOF, isBiff8Bof, u16, u32, WORKSHEET, type BiffGlobals } from './biff8-globals.ts';
import { integerText, numberCellText } from './cell-text.ts';
import { formatNumberCell } from './number-format.ts';

/**
 * One BIFF8 worksheet substream → cell text, as SheetJS (dense, no stubs, no formulas) + cellText()
 * give it: numbers (NUMBER, RK, MULRK) formatted by their XF's number format, shared strings
 * (LABELSST), the '!ref' SheetJS derives (DIMENSIONS widened by the cells) and merged ranges.
 * Undefined for any cell record it does not read (formulas, inline labels, booleans, notes, an
 * embedded substream…): the caller then reads the whole file with SheetJS.
 */
export interface BiffRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface BiffSheetScan {
  /** Cell text by row and column; holes are cells SheetJS does not create. */
  rows: Array<Array<string | undefined> | undefined>;
  ref: BiffRange | undefined;
  fullRef: BiffRange | undefined;
  merges: BiffRange[];
  /** Offset just past the sheet's EOF. */
  end: number;
}

const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const LABELSST = 0x00fd;
const MERGEDCELLS = 0x00e5;
/** Records SheetJS turns into cells, or that change how later cells read, that this reader does not handle. */
const UNHANDLED = new Set([
  0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0009, 0x001c, 0x001e, 0x0022, 0x002f, 0x0042, 0x0043, 0x0085,
  0x00d6, 0x00e0, 0x00fc, 0x0204, 0x0205, 0x0206, 0x0207, 0x0209, 0x0243, 0x0406, 0x0409, 0x041e, 0x0443, BOF,
]);

const f64 = new DataView(new ArrayBuffer(8));

function rkNumber(s: Uint8Array, at: number): number {
  const b0 = s[at]!;
  let v: number;
  if (b0 & 2) v = (b0 | (s[at + 1]! << 8) | (s[at + 2]! << 16) | (s[at + 3]! << 24)) >> 2;
  else {
    f64.setUint32(0, 0, true);
    f64.setUint32(4, (b0 & 0xfc) | (s[at + 1]! << 8) | (s[at + 2]! << 16) | (s[at + 3]! << 24), true);
    v = f64.getFloat64(0, true);
  }
  return b0 & 1 ? v / 100 : v;
}

function numberText(v: number, ixfe: number, g: BiffGlobals): string {
  const fmt = g.xfFormats[ixfe];
  if (fmt === undefined) return numberCellText(v, undefined);
  if (fmt === 0) {
    if (Number.isInteger(v)) return integerText(v);
    return numberCellText(v, (v | 0) === v ? v.toString(10) : XLSX.SSF.format('General', v));
  }
  return formatNumberCell(v, g.formats.get(fmt) ?? fmt, g.date1904);
}

export function scanBiffSheet(s: Uint8Array, pos: number, g: BiffGlobals, sheetRows: number, signal?: AbortSignal): BiffSheetScan | undefined {
  if (!isBiff8Bof(s, pos, WORKSHEET)) return undefined;
  const view = new DataView(s.buffer, s.byteOffset, s.byteLength);
  const rows: BiffSheetScan['rows'] = [];
  const merges: BiffRange[] = [];
  let range: BiffRange | undefined;
  let count = 0;
  const put = (r: number, c: number, text: string): boolean => {
    if (!range) return false;
    if (r >= sheetRows) return true;
    if (r < range.s.r) range.s.r = r;
    if (c < range.s.c) range.s.c = c;
    if (r + 1 > range.e.r) range.e.r = r + 1;
    if (c + 1 > range.e.c) range.e.c = c + 1;
    (rows[r] ??= [])[c] = text;
    return true;
  };
  let p = pos + 4 + u16(s, pos + 2);
  while (p + 4 <= s.length) {
    const type = u16(s, p);
    const len = u16(s, p + 2);
    const at = p + 4;
    p = at + len;
    if (p > s.length) return undefined;
    if ((++count & 0xffff) === 0) throwIfAborted(signal);
    switch (type) {
      case NUMBER:
        if (len < 14) return undefined;
        if (!put(u16(s, at), u16(s, at + 2), numberText(view.getFloat64(at + 6, true), u16(s, at + 4), g))) return undefined;
        break;
      case RK:
        if (len < 10 || !put(u16(s, at), u16(s, at + 2), numberText(rkNumber(s, at + 6), u16(s, at + 4), g))) return undefined;
        break;
      case MULRK: {
        const r = u16(s, at);
        const first = u16(s, at + 2);
        const n = (len - 6) / 6;
        if (len < 12 || !Number.isInteger(n) || u16(s, p - 2) - first + 1 !== n) return undefined;
        for (let k = 0; k < n; k++) {
          const cell = at + 4 + k * 6;
          if (!put(r, first + k, numberText(rkNumber(s, cell + 2), u16(s, cell), g))) return undefined;
        }
        break;
      }
      case LABELSST: {
        const text = len < 10 ? undefined : g.strings[u32(s, at + 6)];
        if (text === undefined || !put(u16(s, at), u16(s, at + 2), text)) return undefined;
        break;
      }
      case DIMENSIONS:
        if (len < 12) return undefined;
        range = { s: { r: u32(s, at), c: u16(s, at + 8) }, e: { r: u32(s, at + 4), c: u16(s, at + 10) } };
        break;
      case MERGEDCELLS: {
        const n = u16(s, at);
        if (len < 2 + n * 8) return undefined;
        for (let k = 0; k < n; k++) {
          const m = at + 2 + k * 8;
          merges.push({ s: { r: u16(s, m), c: u16(s, m + 4) }, e: { r: u16(s, m + 2), c: u16(s, m + 6) } });
        }
        break;
      }
      case EOF:
        return range ? finish(rows, range, merges, sheetRows, p) : undefined;
      default:
        if (UNHANDLED.has(type)) return undefined;
    }
  }
  return undefined;
}

/** SheetJS at the sheet's EOF: '!ref' only when the range is past A1, cut at `sheetRows` (then '!fullref'). */
function finish(rows: BiffSheetScan['rows'], range: BiffRange, merges: BiffRange[], sheetRows: number, end: number): BiffSheetScan {
  if (!(range.e.r > 0 && range.e.c > 0)) return { rows, ref: undefined, fullRef: undefined, merges, end };
  const ref = { s: { ...range.s }, e: { r: range.e.r - 1, c: range.e.c - 1 } };
  if (sheetRows <= ref.e.r) return { rows, ref: { s: ref.s, e: { r: sheetRows - 1, c: ref.e.c } }, fullRef: ref, merges, end };
  return { rows, ref, fullRef: undefined, merges, end };
}
