import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { detectContainer } from '../../../src/main/core/contacts/import/detect-format.ts';
import { isFastXlsxPart, readXlsxFast } from '../../../src/main/core/contacts/import/fast-xlsx.ts';
import { readWorkbook, type WorkbookResult } from '../../../src/main/core/contacts/import/read-workbook.ts';
import { readZipDirectory, verifyZipEntries } from '../../../src/main/core/contacts/import/zip-guard.ts';

/**
 * The lean .xlsx reader must give exactly what SheetJS gives (through readWorkbook), or step aside
 * (undefined) so SheetJS reads the file.
 */
const DIR = join(import.meta.dirname, '../../fixtures/contacts');
const OPTS = { maxRows: 1_000_000 };

function parts(bytes: Uint8Array): Map<string, Uint8Array> {
  return verifyZipEntries(bytes, readZipDirectory(bytes), { keep: isFastXlsxPart });
}

function both(bytes: Uint8Array, opts: { sheet?: string; maxRows: number } = OPTS): { fast: WorkbookResult | Error | undefined; slow: WorkbookResult | Error } {
  const attempt = <T>(fn: () => T): T | Error => {
    try {
      return fn();
    } catch (err) {
      return err as Error;
    }
  };
  return { fast: attempt(() => readXlsxFast(parts(bytes), opts)), slow: attempt(() => readWorkbook({ bytes }, '.xlsx', opts)) };
}

function expectSame(bytes: Uint8Array, opts?: { sheet?: string; maxRows: number }): WorkbookResult | Error | undefined {
  const { fast, slow } = both(bytes, opts);
  if (fast === undefined) return undefined;
  if (fast instanceof Error || slow instanceof Error) {
    expect(fast instanceof Error ? fast.message : 'read').toBe(slow instanceof Error ? slow.message : 'read');
    return fast;
  }
  expect(fast).toEqual(slow);
  return fast;
}

const book = (sheets: Record<string, XLSX.WorkSheet>): Uint8Array => {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
};

/** A minimal hand-made package, for XML SheetJS's writer never produces. */
async function handMade(sheetXml: string, sst?: string): Promise<Uint8Array> {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x']]), 'S');
  const zipped = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true }) as Buffer;
  const { default: JSZipLike } = await import('./support/mini-zip.ts');
  return JSZipLike(zipped, { 'xl/worksheets/sheet1.xml': sheetXml, ...(sst === undefined ? {} : { 'xl/sharedStrings.xml': sst }) });
}

describe('lean .xlsx reader', () => {
  const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.xlsx') || f.endsWith('.xls'));
  for (const name of fixtures) {
    const bytes = new Uint8Array(readFileSync(join(DIR, name)));
    const isZip = (): boolean => {
      try {
        return detectContainer(bytes).kind === 'xlsx';
      } catch {
        return false;
      }
    };
    if (!isZip()) continue;
    it(`reads ${name} as SheetJS does (or leaves it to SheetJS)`, () => {
      let p: Map<string, Uint8Array>;
      try {
        p = parts(bytes);
      } catch {
        return; // the zip guard rejects it before any reader runs
      }
      expect(p.size).toBeGreaterThan(0);
      expectSame(bytes);
      const slow = readWorkbook({ bytes }, '.xlsx', OPTS);
      for (const s of slow.sheets) expectSame(bytes, { ...OPTS, sheet: s.name });
    });
  }

  it('reads the common fixtures itself rather than falling back', () => {
    for (const name of ['basic.xlsx', 'float-phones.xlsx', 'leading-zeros.xlsx', 'merged-cells.xlsx', 'ten-sheets.xlsx', 'title-rows.xlsx', 'emoji-names.xlsx']) {
      const bytes = new Uint8Array(readFileSync(join(DIR, name)));
      expect(readXlsxFast(parts(bytes), OPTS), name).toBeDefined();
    }
  });

  it('gives numbers stored as numbers back as every digit, strings, booleans, errors and sparse rows', () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['name', 'phone', 'flag', 'n'],
      ['A & B <c>', 13812345678, true, 0.1 + 0.2],
      [],
      ['', 8613912345678, false, 1e21],
      [' spaced ', '00123', null, -42.5],
    ]);
    ws['E5'] = { t: 'e', v: 0x07 };
    ws['!ref'] = 'A1:E5';
    ws['G9'] = { t: 's', v: 'far' };
    ws['!ref'] = 'A1:G9';
    const bytes = book({ Sheet1: ws });
    const fast = expectSame(bytes) as WorkbookResult;
    expect(fast.grid.rows[1]?.slice(0, 2)).toEqual(['A & B <c>', '13812345678']);
    expect(fast.grid.rows[3]?.[1]).toBe('8613912345678');
    expect(fast.grid.rows[8]?.[6]).toBe('far');
  });

  it('matches SheetJS on number formats (leading zeros, fixed decimals, dates shown as text)', () => {
    const ws = XLSX.utils.aoa_to_sheet([['phone', 'amount', 'when'], [1381234567, 12.5, 45000], [13812345678, 3, 45000.5]]);
    ws['A2']!.z = '00000000000';
    ws['B2']!.z = '0.00';
    ws['B3']!.z = '#,##0';
    ws['C2']!.z = 'yyyy-mm-dd';
    ws['C3']!.z = 'm/d/yy h:mm';
    const fast = expectSame(book({ S: ws })) as WorkbookResult;
    expect(fast.grid.rows[1]?.[0]).toBe('01381234567');
  });

  it('picks the first sheet with data, honours the row cap and a missing sheet like SheetJS', () => {
    const empty = XLSX.utils.aoa_to_sheet([]);
    const data = XLSX.utils.aoa_to_sheet(Array.from({ length: 30 }, (_, i) => [`r${i}`, 13800000000 + i]));
    const bytes = book({ Cover: empty, Numbers: data });
    expect((expectSame(bytes) as WorkbookResult).sheetName).toBe('Numbers');
    expect(expectSame(bytes, { maxRows: 10 })).toBeInstanceOf(Error);
    expect(expectSame(bytes, { maxRows: 29 })).not.toBeInstanceOf(Error);
    expect(expectSame(bytes, { ...OPTS, sheet: 'Nope' })).toBeInstanceOf(Error);
  });

  it('reads rich-text shared strings, entities, _xHHHH_ escapes and phonetic runs as SheetJS does', async () => {
    const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>phone</t></si>
<si><r><rPr><b/></rPr><t>Zh</t></r><r><t xml:space="preserve">ang &amp; Co</t></r><rPh sb="0" eb="1"><t>ZZ</t></rPh></si>
<si><t xml:space="preserve"> 138 1234 5678 </t></si>
<si><t>a_x000D_b&#20013;&lt;</t></si>
</sst>`;
    const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C4"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>in &quot;line&quot;</t></is></c></row>
<row r="2"><c r="A2" t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="str"><f>A1</f><v>calc</v></c></row>
<row r="3" spans="1:3"/>
<row><c r="B4" t="s"><v>3</v></c><c r="C4"><v>1.3812345678E+10</v></c><c r="D4" t="b"><v>1</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="A2:A4"/></mergeCells></worksheet>`;
    const bytes = await handMade(sheet, sst);
    const fast = expectSame(bytes) as WorkbookResult;
    expect(fast).toBeDefined();
    expect(fast.grid.rows[1]).toEqual(['Zhang & Co', ' 138 1234 5678 ', 'calc']);
    expect(fast.grid.rows[3]).toEqual(['Zhang & Co', 'a\rb中<', '13812345678', 'TRUE']);
  });

  it('honours the workbook’s 1904 date system (workbookPr date1904): serial 1 is 1904-01-02', () => {
    for (const [flag, dates] of [[true, ['1904-01-02', '2027-03-16']], [false, ['1900-01-01', '2023-03-15']]] as const) {
      const ws = XLSX.utils.aoa_to_sheet([['date'], [1], [45000]]);
      for (const ref of ['A2', 'A3']) ws[ref]!.z = 'yyyy-mm-dd';
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, 'S');
      wb.Workbook = { WBProps: { date1904: flag } };
      const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
      const fast = expectSame(bytes) as WorkbookResult;
      expect(fast).toBeDefined();
      expect(fast.grid.rows.slice(1).map((r) => r?.[0])).toEqual(dates);
    }
  });

  it('leaves date-typed cells, prefixed XML and bad shared-string indexes to SheetJS', async () => {
    const wrap = (data: string) =>
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData></worksheet>`;
    const cases = [
      wrap('<row r="1"><c r="A1" t="d"><v>2024-01-02T00:00:00Z</v></c></row>'),
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>',
      wrap('<row r="1"><c r="A1" t="s"><v>99</v></c></row>'),
    ];
    for (const xml of cases) {
      const bytes = await handMade(xml);
      expect(readXlsxFast(parts(bytes), OPTS)).toBeUndefined();
    }
  });
});
