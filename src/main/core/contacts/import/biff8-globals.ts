/**
 * The workbook globals of a BIFF8 Workbook stream, as SheetJS reads them: sheet directory
 * (BoundSheet8), shared strings (SST + CONTINUE), each XF's number format and the custom FORMATs.
 * Hand-written for the lean .xls reader (see fast-xls.ts); undefined for anything it does not
 * handle the way SheetJS does (BIFF5 or older, a codepage other than UTF-16, a password, chart or
 * macro sheets), and the caller falls back to SheetJS. A 1904 date system (DATE1904 = 1, Mac Excel)
 * is read: its dates are formatted from 1904-01-01, as Excel and SheetJS show them.
 */
export interface BiffSheet {
  name: string;
  /** Offset of the sheet's BOF record in the stream. */
  pos: number;
}

export interface BiffGlobals {
  sheets: BiffSheet[];
  strings: string[];
  /** numFmtId of each XF record, by XF index. */
  xfFormats: number[];
  /** FORMAT records: numFmtId → format code. */
  formats: Map<number, string>;
  /** Offset just past the globals' EOF record: the first sheet's BOF. */
  end: number;
  /** The DATE1904 record says dates count from 1904-01-01. */
  date1904: boolean;
}

export const BOF = 0x0809;
export const EOF = 0x000a;
const CONTINUE = 0x003c;
/** Record types SheetJS also appends to the record before them. */
const OTHER_CONTINUES = new Set([0x043c, 0x0812, 0x0875, 0x087f]);
const FILEPASS = 0x002f;
const CODEPAGE = 0x0042;
const DATE1904 = 0x0022;
const BOUNDSHEET = 0x0085;
const XF = 0x00e0;
const FORMAT = 0x041e;
const SST = 0x00fc;
export const DIMENSIONS = 0x0200;
export const WORKSHEET = 0x0010;
const GLOBALS = 0x0005;

export const u16 = (s: Uint8Array, at: number) => s[at]! | (s[at + 1]! << 8);
export const u32 = (s: Uint8Array, at: number) => (s[at]! | (s[at + 1]! << 8) | (s[at + 2]! << 16)) + s[at + 3]! * 0x1000000;

/** BOF of BIFF8 with the given substream type at `at`, or false. */
export function isBiff8Bof(s: Uint8Array, at: number, dt: number): boolean {
  return at + 8 <= s.length && s[at] === 0x09 && s[at + 1] === 0x08 && s[at + 4] === 0x00 && s[at + 5] === 0x06 && u16(s, at + 6) === dt;
}


function chars(s: Uint8Array, at: number, n: number, wide: boolean): string {
  let out = '';
  if (wide) for (let i = 0; i < n; i++) out += String.fromCharCode(u16(s, at + 2 * i));
  else for (let i = 0; i < n; i++) out += String.fromCharCode(s[at + i]!);
  return out;
}

/** XLUnicodeString / ShortXLUnicodeString inside one record: [text, bytes used]; no rich/ext data allowed. */
function shortString(s: Uint8Array, at: number, cch: number, end: number): string | undefined {
  const flags = s[at]!;
  if (flags & ~1) return undefined;
  const wide = (flags & 1) === 1;
  if (at + 1 + cch * (wide ? 2 : 1) > end) return undefined;
  return chars(s, at + 1, cch, wide);
}

/**
 * SST strings: the record's data followed by its CONTINUE records' data (`starts`: where each
 * CONTINUE's data begins). A string's characters may run on into the next CONTINUE, which then
 * starts with a fresh high-byte flag. Characters are decoded a run at a time (latin1 or UTF-16LE,
 * which keep every code unit as SheetJS's String.fromCharCode does).
 */
function sharedStrings(data: Buffer, starts: readonly number[]): string[] | undefined {
  const count = u32(data, 4);
  const out: string[] = [];
  let next = 0; // index into starts of the first boundary after p
  let p = 8;
  for (let i = 0; i !== count && p < data.length; i++) {
    if (p + 3 > data.length) return undefined;
    const cch = u16(data, p);
    const flags = data[p + 2]!;
    p += 3;
    let runs = 0;
    let ext = 0;
    if (flags & 0x08) {
      runs = u16(data, p);
      p += 2;
    }
    if (flags & 0x04) {
      ext = u32(data, p);
      p += 4;
    }
    let wide = (flags & 1) === 1;
    let text = '';
    let left = cch;
    while (left > 0) {
      while (next < starts.length && (starts[next] as number) < p) next++;
      if (starts[next] === p) {
        wide = (data[p++]! & 1) === 1;
        next++;
      }
      const width = wide ? 2 : 1;
      const limit = next < starts.length ? (starts[next] as number) : data.length;
      const n = Math.min(left, Math.floor((limit - p) / width));
      if (n <= 0) return undefined;
      text += data.toString(wide ? 'utf16le' : 'latin1', p, p + n * width);
      p += n * width;
      left -= n;
    }
    p += 4 * runs + ext;
    out.push(text);
  }
  return out;
}

export function readGlobals(s: Uint8Array, namesOnly = false): BiffGlobals | undefined {
  if (!isBiff8Bof(s, 0, GLOBALS)) return undefined;
  const g: BiffGlobals = { sheets: [], strings: [], xfFormats: [], formats: new Map(), end: 0, date1904: false };
  let p = 4 + u16(s, 2);
  /**
   * Names-only answers "UTF-16 BIFF8, no codepage tables needed" only after seeing CODEPAGE 1200 before
   * the sheet list: if the full lean read later fails, SheetJS reads the file and may need them.
   */
  let utf16 = false;
  while (p + 4 <= s.length) {
    const type = u16(s, p);
    const len = u16(s, p + 2);
    const at = p + 4;
    const end = at + len;
    if (end > s.length) return undefined;
    p = end;
    if (namesOnly && type !== BOUNDSHEET && g.sheets.length > 0) return utf16 ? g : undefined;
    switch (type) {
      case FILEPASS:
        return undefined;
      case CODEPAGE:
        if (u16(s, at) !== 1200) return undefined;
        utf16 = true;
        break;
      case DATE1904:
        g.date1904 = u16(s, at) !== 0;
        break;
      case BOUNDSHEET: {
        if (len < 8 || s[at + 5] !== 0 || !isBiff8Bof(s, u32(s, at), WORKSHEET)) return undefined;
        const name = shortString(s, at + 7, s[at + 6]!, end);
        if (name === undefined) return undefined;
        g.sheets.push({ name: name === '' ? 'Sheet1' : name, pos: u32(s, at) });
        break;
      }
      case XF:
        g.xfFormats.push(u16(s, at + 2));
        break;
      case FORMAT: {
        const cch = u16(s, at + 2);
        const code = cch === 0 ? '' : shortString(s, at + 4, cch, end);
        if (code === undefined) return undefined;
        g.formats.set(u16(s, at), code);
        break;
      }
      case SST: {
        const parts = [s.subarray(at, end)];
        const starts: number[] = [];
        let total = len;
        while (p + 4 <= s.length && u16(s, p) === CONTINUE) {
          const clen = u16(s, p + 2);
          if (p + 4 + clen > s.length) return undefined;
          starts.push(total);
          parts.push(s.subarray(p + 4, p + 4 + clen));
          total += clen;
          p += 4 + clen;
        }
        if (p + 2 <= s.length && OTHER_CONTINUES.has(u16(s, p))) return undefined;
        const data = Buffer.concat(parts);
        const strings = sharedStrings(data, starts);
        if (!strings) return undefined;
        g.strings = strings;
        break;
      }
      case EOF:
        g.end = p;
        return g.sheets.length > 0 && (utf16 || !namesOnly) ? g : undefined;
      default:
        if (type === BOF || type === 0 || type === DIMENSIONS) return undefined;
    }
  }
  return undefined;
}
