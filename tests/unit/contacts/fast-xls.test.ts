import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import '../../../src/main/core/contacts/import/codepages.ts';
import { writeSingleStreamCfb } from '../../../src/main/core/contacts/export/cfb-writer.ts';
import { writeNumbersXls } from '../../../src/main/core/contacts/export/xls-biff8-writer.ts';
import { readWorkbookStream } from '../../../src/main/core/contacts/import/cfb-read.ts';
import { readXlsFast, xlsNeedsCodepages, xlsSheetNamesFast } from '../../../src/main/core/contacts/import/fast-xls.ts';
import { readWorkbook, type WorkbookResult } from '../../../src/main/core/contacts/import/read-workbook.ts';

/**
 * The lean .xls reader must give exactly what SheetJS gives (through readWorkbook), or step aside
 * (undefined) so SheetJS reads the file.
 */
const DIR = join(import.meta.dirname, '../../fixtures/contacts');
const OPTS = { maxRows: 1_000_000 };

function expectSame(bytes: Uint8Array, opts: { sheet?: string; maxRows: number } = OPTS): WorkbookResult | Error | undefined {
  const attempt = <T>(fn: () => T): T | Error => {
    try {
      return fn();
    } catch (err) {
      return err as Error;
    }
  };
  const fast = attempt(() => readXlsFast(readWorkbookStream(bytes), opts));
  if (fast === undefined) return undefined;
  const slow = attempt(() => readWorkbook({ bytes }, '.xls', opts));
  if (fast instanceof Error || slow instanceof Error) {
    expect(fast instanceof Error ? fast.message : 'read').toBe(slow instanceof Error ? slow.message : 'read');
    return fast;
  }
  expect(fast).toEqual(slow);
  return fast;
}

/** SheetJS's own BIFF8 writer; a filler column keeps the Workbook stream out of the mini stream. */
function biff8(sheets: Record<string, XLSX.WorkSheet>): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'biff8', bookSST: true }) as Buffer);
}
const filler = (rows: unknown[][]): unknown[][] => [...rows, ...Array.from({ length: 400 }, (_, i) => [`filler row ${i}`])];

// ---- a hand-written BIFF8 stream, for records SheetJS's writer never produces ----
class Rec {
  parts: number[] = [];
  u8(v: number) {
    this.parts.push(v & 0xff);
    return this;
  }
  u16(v: number) {
    return this.u8(v).u8(v >> 8);
  }
  u32(v: number) {
    return this.u16(v & 0xffff).u16(v >>> 16);
  }
  f64(v: number) {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(v);
    for (const x of b) this.u8(x);
    return this;
  }
  bytes(b: readonly number[]) {
    for (const x of b) this.u8(x);
    return this;
  }
}
const rec = (type: number, body: Rec = new Rec()): number[] => [type & 0xff, type >> 8, body.parts.length & 0xff, body.parts.length >> 8, ...body.parts];
const rk = (v: number): number => ((v << 2) | 2) >>> 0;
const utf16 = (s: string): number[] => [...Buffer.from(s, 'utf16le')];

interface HandMade {
  strings: Rec[]; // SST data chunks: the first goes in SST (after the counts), the rest in CONTINUEs
  unique: number;
  cells: number[][]; // sheet records
  formats?: Array<[number, string]>;
  xfFormats?: number[];
  /** Write the CODEPAGE (1200) record (default true). */
  codepage?: boolean;
  /** Write a DATE1904 record with this value. */
  date1904?: 0 | 1;
}

function handMade(h: HandMade): Uint8Array {
  const globals: number[] = [];
  globals.push(...rec(0x0809, new Rec().u16(0x0600).u16(0x0005).u32(0).u32(0)));
  if (h.codepage !== false) globals.push(...rec(0x0042, new Rec().u16(1200)));
  if (h.date1904 !== undefined) globals.push(...rec(0x0022, new Rec().u16(h.date1904)));
  for (const [id, code] of h.formats ?? []) globals.push(...rec(0x041e, new Rec().u16(id).u16(code.length).u8(1).bytes(utf16(code))));
  for (const f of h.xfFormats ?? [0, 0]) globals.push(...rec(0x00e0, new Rec().u16(0).u16(f).u16(1).bytes(new Array(14).fill(0))));
  const name = 'Numbers';
  const bsAt = globals.length;
  globals.push(...rec(0x0085, new Rec().u32(0).u8(0).u8(0).u8(name.length).u8(0).bytes([...Buffer.from(name, 'latin1')])));
  const [first, ...rest] = h.strings;
  globals.push(...rec(0x00fc, new Rec().u32(h.unique).u32(h.unique).bytes(first!.parts)));
  for (const c of rest) globals.push(...rec(0x003c, c));
  globals.push(...rec(0x000a));
  const sheetAt = globals.length;
  globals[bsAt + 4] = sheetAt & 0xff;
  globals[bsAt + 5] = (sheetAt >> 8) & 0xff;
  globals[bsAt + 6] = (sheetAt >> 16) & 0xff;
  const sheet = [...rec(0x0809, new Rec().u16(0x0600).u16(0x0010).u32(0).u32(0)), ...h.cells.flat(), ...rec(0x000a)];
  const stream = [...globals, ...sheet];
  while (stream.length < 5000) stream.push(0);
  return writeSingleStreamCfb('Workbook', new Uint8Array(stream));
}

describe('lean .xls reader', () => {
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.xls'))) {
    it(`reads ${name} as SheetJS does (or leaves it to SheetJS)`, () => {
      const bytes = new Uint8Array(readFileSync(join(DIR, name)));
      expectSame(bytes);
      const names = xlsSheetNamesFast(readWorkbookStream(bytes));
      if (names) expect(names).toEqual(XLSX.read(bytes, { type: 'buffer', bookSheets: true }).SheetNames);
    });
  }

  it('reads the app’s own .xls export (shared strings split over CONTINUE records) itself', () => {
    const numbers = Array.from({ length: 3000 }, (_, i) => String(13_800_000_000 + i * 7));
    const bytes = writeNumbersXls(numbers, { header: '手机号' });
    const fast = expectSame(bytes) as WorkbookResult;
    expect(fast).toBeDefined();
    expect(fast.grid.rows[0]).toEqual(['手机号']);
    expect(fast.grid.rows[3000]).toEqual([numbers[2999]]);
    expect(expectSame(bytes, { maxRows: 100 })).toBeInstanceOf(Error);
    expect(expectSame(bytes, { maxRows: 3000 })).not.toBeInstanceOf(Error);
  });

  it('matches SheetJS on numbers, text, sparse rows, several sheets, merges and the row cap', () => {
    const a = XLSX.utils.aoa_to_sheet(
      filler([
        ['name', 'phone', 'n'],
        ['张三 & <b>', 13812345678, 0.1 + 0.2],
        [],
        ['', 8613912345678, 1e21],
        [' spaced ', '00123', -42.5],
        ['big', 2 ** 31, -(2 ** 31) - 1],
      ]),
    );
    a['!merges'] = [{ s: { r: 1, c: 0 }, e: { r: 3, c: 0 } }];
    const empty = XLSX.utils.aoa_to_sheet([]);
    const b = XLSX.utils.aoa_to_sheet(filler([['x', 1.5], ['y', 13800000000]]));
    const bytes = biff8({ Cover: empty, Data: a, More: b });
    const fast = expectSame(bytes) as WorkbookResult;
    expect(fast).toBeDefined();
    expect(fast.sheetName).toBe('Data');
    for (const sheet of ['Cover', 'Data', 'More', 'Nope']) expectSame(bytes, { ...OPTS, sheet });
    for (const maxRows of [1, 5, 399, 400, 405, 406]) expectSame(bytes, { maxRows });
    expect(xlsSheetNamesFast(readWorkbookStream(bytes))).toEqual(['Cover', 'Data', 'More']);
  });

  it('matches SheetJS on number formats (leading zeros, decimals, grouping, dates shown as text)', () => {
    const ws = XLSX.utils.aoa_to_sheet(filler([['phone', 'amount', 'when'], [1381234567, 12.5, 45000], [13812345678, 3, 45000.5]]));
    ws['A2']!.z = '00000000000';
    ws['B2']!.z = '0.00';
    ws['B3']!.z = '#,##0';
    ws['C2']!.z = 'yyyy-mm-dd';
    ws['C3']!.z = 'm/d/yy h:mm';
    expectSame(biff8({ S: ws }));
  });

  it('reads strings that run on into a CONTINUE record, switching between 1- and 2-byte characters', () => {
    const s1 = 'phone';
    const s2a = 'Zhang ';
    const s2b = '张三丰';
    const strings = [
      new Rec().u16(s1.length).u8(0).bytes([...Buffer.from(s1, 'latin1')]).u16(s2a.length + s2b.length).u8(0).bytes([...Buffer.from(s2a, 'latin1')]),
      new Rec().u8(1).bytes(utf16(s2b)).u16(3).u8(0x08).u16(1).bytes([...Buffer.from('abc', 'latin1')]).u32(0),
    ];
    const cells = [
      rec(0x0200, new Rec().u32(0).u32(4).u16(0).u16(3)),
      rec(0x00fd, new Rec().u16(0).u16(0).u16(0).u32(0)),
      rec(0x00fd, new Rec().u16(1).u16(0).u16(0).u32(1)),
      rec(0x00fd, new Rec().u16(2).u16(1).u16(0).u32(2)),
      rec(0x027e, new Rec().u16(1).u16(1).u16(1).u32(rk(138123456))),
      rec(0x0203, new Rec().u16(3).u16(1).u16(2).f64(13812345678)),
      rec(0x00bd, new Rec().u16(3).u16(2).u16(0).u32(rk(7)).u16(1).u32(rk(8)).u16(3)),
      rec(0x00e5, new Rec().u16(1).u16(1).u16(3).u16(0).u16(0)),
    ];
    const bytes = handMade({ strings, unique: 3, cells, formats: [[164, '00000000000']], xfFormats: [0, 164, 4] });
    const fast = expectSame(bytes) as WorkbookResult;
    expect(fast).toBeDefined();
    expect(fast.grid.rows[0]).toEqual(['phone']);
    expect(fast.grid.rows[1]).toEqual(['Zhang 张三丰', '00138123456']);
    expect(fast.grid.rows[2]).toEqual(['Zhang 张三丰', 'abc']);
    expect(fast.grid.rows[3]?.[1]).toBe('13,812,345,678.00');
  });

  it('honours the 1904 date system (DATE1904 record): serial 1 is 1904-01-02, as Excel and SheetJS show it', () => {
    const str = [new Rec().u16(4).u8(0).bytes([...Buffer.from('date', 'latin1')])];
    const cells = [
      rec(0x0200, new Rec().u32(0).u32(3).u16(0).u16(1)),
      rec(0x00fd, new Rec().u16(0).u16(0).u16(0).u32(0)),
      rec(0x0203, new Rec().u16(1).u16(0).u16(1).f64(1)),
      rec(0x0203, new Rec().u16(2).u16(0).u16(1).f64(45000)),
    ];
    const read = (date1904: 0 | 1) => expectSame(handMade({ strings: str, unique: 1, cells, formats: [[164, 'yyyy-mm-dd']], xfFormats: [0, 164], date1904 })) as WorkbookResult;
    const mac = read(1);
    expect(mac).toBeDefined();
    expect(mac.grid.rows.map((r) => r?.[0])).toEqual(['date', '1904-01-02', '2027-03-16']);
    expect(read(0).grid.rows.map((r) => r?.[0])).toEqual(['date', '1900-01-01', '2023-03-15']);
  });

  it('leaves formulas, a shared-string index out of range, BIFF5 and encrypted files to SheetJS', () => {
    const str = [new Rec().u16(1).u8(0).u8(0x41)];
    const dims = rec(0x0200, new Rec().u32(0).u32(1).u16(0).u16(1));
    const formula = rec(0x0006, new Rec().u16(0).u16(0).u16(0).f64(1).u16(0).u32(0).u16(0));
    expect(readXlsFast(readWorkbookStream(handMade({ strings: str, unique: 1, cells: [dims, formula] })), OPTS)).toBeUndefined();
    const badIndex = rec(0x00fd, new Rec().u16(0).u16(0).u16(0).u32(5));
    const bytes = handMade({ strings: str, unique: 1, cells: [dims, badIndex] });
    expect(readXlsFast(readWorkbookStream(bytes), OPTS)).toBeUndefined();
    expect(() => readWorkbook({ bytes }, '.xls', OPTS)).toThrow();
    for (const name of ['biff5-gbk.xls', 'encrypted-rc4.xls', 'biff2.xls']) {
      const b = new Uint8Array(readFileSync(join(DIR, name)));
      expect(readXlsFast(readWorkbookStream(b), OPTS), name).toBeUndefined();
    }
  });

  it('loads the codepage tables unless CODEPAGE 1200 comes before the sheet list (SheetJS may read the file)', () => {
    const str = [new Rec().u16(1).u8(0).u8(0x41)];
    const cells = [rec(0x0200, new Rec().u32(0).u32(1).u16(0).u16(1)), rec(0x00fd, new Rec().u16(0).u16(0).u16(0).u32(0))];
    const withCodepage = handMade({ strings: str, unique: 1, cells });
    const without = handMade({ strings: str, unique: 1, cells, codepage: false });
    expect(xlsNeedsCodepages(withCodepage)).toBe(false);
    expect(xlsNeedsCodepages(without)).toBe(true);
    // The full lean read does not depend on it: both read the same.
    expect(readXlsFast(readWorkbookStream(without), OPTS)).toEqual(readXlsFast(readWorkbookStream(withCodepage), OPTS));
    expect(readXlsFast(readWorkbookStream(without), OPTS)).toBeDefined();
  });
});
