import { contactsError } from '../contacts-error.ts';
import { ByteWriter } from './byte-writer.ts';
import { writeSingleStreamCfb } from './cfb-writer.ts';

/**
 * A lean .xls (BIFF8) writer for the EIMS job API's number file: one sheet, one text column.
 * Hand-written because SheetJS's .xls writer needs ~2 GB of memory for 60k rows; this one builds
 * the Workbook stream (globals + SST/EXTSST + one sheet of LABELSST cells) in a single growable
 * buffer — a few MB for the 65,535-row maximum — and wraps it in a minimal CFB container.
 * Cells use a Text-formatted XF so Excel never turns numbers into floats.
 */
export const XLS_MAX_ROWS = 65_536;

export interface XlsNumbersOptions {
  /** Optional header text in row 1 (then at most 65,535 numbers). */
  header?: string;
  sheetName?: string;
}

const MAX_RECORD_DATA = 8224;
const TEXT_XF = 16;

function record(w: ByteWriter, type: number, body: (w: ByteWriter) => void): void {
  w.u16(type);
  const lenAt = w.length;
  w.u16(0);
  const start = w.length;
  body(w);
  const len = w.length - start;
  if (len > MAX_RECORD_DATA) throw new Error(`BIFF record 0x${type.toString(16)} too long`);
  w.setU16(lenAt, len);
}

function isCompressible(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

/** Characters of an XLUnicodeString body (after cch): flags byte then 8- or 16-bit chars. */
function unicodeChars(w: ByteWriter, s: string): void {
  if (isCompressible(s)) {
    w.u8(0);
    for (let i = 0; i < s.length; i++) w.u8(s.charCodeAt(i));
  } else {
    w.u8(1);
    for (let i = 0; i < s.length; i++) w.u16(s.charCodeAt(i));
  }
}

function stringBytes(s: string): number {
  return 3 + s.length * (isCompressible(s) ? 1 : 2);
}

function bof(w: ByteWriter, dt: number): void {
  record(w, 0x0809, (b) => b.u16(0x0600).u16(dt).u16(0x0dbb).u16(0x07cc).u32(0x00000041).u32(0x00000006));
}

const STYLE_XF = [0x00, 0x00, 0x00, 0x00, 0xf5, 0xff, 0x20, 0x00, 0x00, 0xf4, 0, 0, 0, 0, 0, 0, 0, 0, 0xc0, 0x20];
const CELL_XF = [0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x20, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0xc0, 0x20];
const TEXT_CELL_XF = [0x00, 0x00, 0x31, 0x00, 0x01, 0x00, 0x20, 0x00, 0x00, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0xc0, 0x20];

function globals(w: ByteWriter, sheetName: string): number {
  bof(w, 0x0005);
  record(w, 0x0042, (b) => b.u16(1200)); // CODEPAGE: UTF-16
  record(w, 0x003d, (b) => b.u16(0).u16(0).u16(0x3a5c).u16(0x23be).u16(0x0038).u16(0).u16(0).u16(1).u16(0x0258)); // WINDOW1
  // FONT ×5: Excel skips index 4, so five records give fonts 0–3 and 5, as Excel itself writes.
  for (let i = 0; i < 5; i++) {
    record(w, 0x0031, (b) => {
      b.u16(200).u16(0).u16(0x7fff).u16(400).u16(0).u8(0).u8(0).u8(0).u8(0);
      b.u8(5);
      unicodeChars(b, 'Arial');
    });
  }
  for (let i = 0; i < 15; i++) record(w, 0x00e0, (b) => b.bytes(i === 0 ? [...STYLE_XF.slice(0, 9), 0x00, ...STYLE_XF.slice(10)] : STYLE_XF));
  record(w, 0x00e0, (b) => b.bytes(CELL_XF)); // XF 15: default cell format
  record(w, 0x00e0, (b) => b.bytes(TEXT_CELL_XF)); // XF 16: Text ("@")
  record(w, 0x0293, (b) => b.u16(0x8000).u8(0).u8(0xff)); // STYLE: Normal
  let sheetOffsetAt = 0;
  record(w, 0x0085, (b) => {
    sheetOffsetAt = b.length;
    b.u32(0).u8(0).u8(0).u8(sheetName.length);
    unicodeChars(b, sheetName);
  });
  return sheetOffsetAt;
}

/** SST split into CONTINUE records at string boundaries; EXTSST buckets point at string starts. */
function sharedStrings(w: ByteWriter, strings: readonly string[], total: number): void {
  const dsst = Math.max(8, Math.ceil(strings.length / 128));
  const buckets: Array<{ ib: number; cb: number }> = [];
  let recStart = w.length;
  let lenAt = w.length + 2;
  w.u16(0x00fc).u16(0).u32(total).u32(strings.length);
  strings.forEach((s, i) => {
    if (w.length - recStart - 4 + stringBytes(s) > MAX_RECORD_DATA) {
      w.setU16(lenAt, w.length - recStart - 4);
      recStart = w.length;
      lenAt = w.length + 2;
      w.u16(0x003c).u16(0);
    }
    if (i % dsst === 0) buckets.push({ ib: w.length, cb: w.length - recStart });
    w.u16(s.length);
    unicodeChars(w, s);
  });
  w.setU16(lenAt, w.length - recStart - 4);
  record(w, 0x00ff, (b) => {
    b.u16(dsst);
    for (const k of buckets) b.u32(k.ib).u16(k.cb).u16(0);
  });
}

function sheet(w: ByteWriter, cells: readonly number[]): void {
  bof(w, 0x0010);
  record(w, 0x0055, (b) => b.u16(8)); // DEFCOLWIDTH
  record(w, 0x007d, (b) => b.u16(0).u16(0).u16(20 * 256).u16(TEXT_XF).u16(0).u16(0)); // COLINFO: column A wide, Text
  record(w, 0x0200, (b) => b.u32(0).u32(cells.length).u16(0).u16(1).u16(0)); // DIMENSIONS
  for (let r = 0; r < cells.length; r++) {
    record(w, 0x00fd, (b) => b.u16(r).u16(0).u16(TEXT_XF).u32(cells[r] as number)); // LABELSST
  }
  record(w, 0x023e, (b) => b.u16(0x06b6).u16(0).u16(0).u16(64).u16(0).u16(0).u16(0).u32(0)); // WINDOW2
  record(w, 0x000a, () => {});
}

/** Builds the Workbook stream only (exported for tests). */
export function buildWorkbookStream(values: readonly string[], opts: XlsNumbersOptions = {}): Uint8Array {
  const rows = opts.header !== undefined ? [opts.header, ...values] : [...values];
  if (rows.length > XLS_MAX_ROWS) {
    throw contactsError(
      'CONTACTS_EXPORT_TOO_LARGE',
      `An .xls sheet holds at most ${XLS_MAX_ROWS - (opts.header !== undefined ? 1 : 0)} numbers; this list has ${values.length}. Send it as several jobs.`,
    );
  }
  const sheetName = (opts.sheetName ?? 'Sheet1').replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'Sheet1';
  const index = new Map<string, number>();
  const strings: string[] = [];
  const cells = rows.map((v) => {
    const s = v.length > 255 ? v.slice(0, 255) : v;
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  });
  const w = new ByteWriter(64 * 1024 + rows.length * 40);
  const sheetOffsetAt = globals(w, sheetName);
  sharedStrings(w, strings, rows.length);
  record(w, 0x000a, () => {}); // EOF of globals
  w.setU32(sheetOffsetAt, w.length);
  sheet(w, cells);
  return w.result();
}

/** The .xls file: one sheet, column A = the numbers as text (optionally under a header). */
export function writeNumbersXls(values: readonly string[], opts: XlsNumbersOptions = {}): Uint8Array {
  return writeSingleStreamCfb('Workbook', buildWorkbookStream(values, opts));
}
