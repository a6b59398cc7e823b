import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContactsErrorCode, ImportResult } from '../../../src/shared/contacts.ts';
import { isAppError } from '../../../src/shared/errors.ts';
import { runImport } from '../../../src/main/core/contacts/import/pipeline.ts';

/**
 * Every file in tests/fixtures/contacts (made by make-fixtures.ts) either imports correctly or
 * fails with a clear AppError — never a crash, a hang or a partial list.
 */
const DIR = join(import.meta.dirname, '../../fixtures/contacts');
const read = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

const A = '+8613812345678';
const B = '+8613912345678';
const C = '+8615012345678';

type Expect =
  | { error: ContactsErrorCode }
  | { numbers: string[]; check?: (r: ImportResult) => void };

const PEOPLE_CN = (r: ImportResult) => {
  expect(r.contacts.map((c) => c.vars['姓名'])).toEqual(['张三', '李四', '王五']);
  expect(r.mapping.headerRow).toBe(1);
};

const CASES: Record<string, Expect> = {
  'basic.csv': { numbers: [A, B, C], check: (r) => expect(r.contacts[1]?.vars).toEqual({ name: 'Bob', city: 'Shanghai' }) },
  'basic.xlsx': { numbers: [A, B, C], check: (r) => expect(r.source).toMatchObject({ format: 'xlsx', sheet: 'People' }) },
  'basic.xls': { numbers: [A, B, C], check: (r) => expect(r.source.format).toBe('xls') },
  'biff5-gbk.xls': { numbers: [A, B], check: (r) => {
    expect(r.contacts.map((c) => c.vars['姓名'])).toEqual(['张三', '李四']);
    expect(r.source.sheet).toBe('王五');
  } },
  'biff2.xls': { numbers: [A, B, C], check: (r) => expect(r.source.format).toBe('xls') },
  'xml2003.xls': { numbers: [A, B, C], check: (r) => expect(r.source.format).toBe('xml2003') },
  'html-table.xls': { numbers: [A, B], check: (r) => expect(r.source.format).toBe('html') },
  'renamed-xlsx.xls': { numbers: [A, B, C], check: (r) => expect(r.source.format).toBe('xlsx') },
  'csv-renamed.xls': { numbers: [A, B, C], check: (r) => expect(r.source.format).toBe('csv') },
  'utf8-bom.csv': { numbers: [A, B, C], check: PEOPLE_CN },
  'utf16le-bom-tab.txt': { numbers: [A, B, C], check: (r) => {
    PEOPLE_CN(r);
    expect(r.source).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
  } },
  'utf16be-nobom.csv': { numbers: [A, B, C], check: (r) => {
    PEOPLE_CN(r);
    expect(r.source.encoding).toBe('utf-16be');
  } },
  'utf16le-nobom.csv': { numbers: [A, B, C], check: (r) => {
    PEOPLE_CN(r);
    expect(r.source.encoding).toBe('utf-16le');
  } },
  'gbk.csv': { numbers: [A, B, C], check: (r) => {
    PEOPLE_CN(r);
    expect(r.source.encoding).toBe('gb18030');
  } },
  'mixed-encodings.csv': { numbers: [A, B, C], check: PEOPLE_CN },
  'semicolon.csv': { numbers: ['+4915123456789', A, B], check: (r) => {
    expect(r.source.delimiter).toBe(';');
    expect(r.contacts[0]?.vars['Note']).toBe('a, b and c');
  } },
  'sep-directive.csv': { numbers: [A, B], check: (r) => expect(r.source.delimiter).toBe(';') },
  'tab-delimited.txt': { numbers: [A, B], check: (r) => expect(r.source).toMatchObject({ format: 'csv', delimiter: '\t' }) },
  'quoted-newlines.csv': { numbers: [A, B, C], check: (r) => {
    expect(r.contacts[0]?.vars).toEqual({ name: 'Smith, John', address: 'Line 1\r\nLine 2' });
    expect(r.contacts[1]?.vars['name']).toBe('Say "hi"');
    // rows as Excel numbers them: a record spanning lines is still one row
    expect(r.contacts.map((c) => c.row)).toEqual([2, 3, 4]);
  } },
  'one-per-line.txt': { numbers: [A, B, '+8615012345678', '+8615112345678'], check: (r) => {
    expect(r.source).toMatchObject({ format: 'txt', delimiter: 'none' });
    expect(r.mapping.headerRow).toBe(0);
    expect(r.contacts.map((c) => c.row)).toEqual([1, 2, 4, 5]);
  } },
  'full-width.csv': { numbers: [A, B, C] },
  'float-phones.csv': { numbers: [A, B, '+8613712345678'], check: (r) => {
    expect(r.rejects).toEqual([expect.objectContaining({ row: 4, original: '1.38123E+10', reason: 'precision-lost' })]);
  } },
  'float-phones.xlsx': { numbers: [A, B, '+8613712345678', C], check: (r) => expect(r.contacts[0]?.original).toBe('13812345678') },
  'float-phones.xls': { numbers: [A, B, '+8613712345678', C], check: (r) => expect(r.contacts[2]?.original).toBe('8613712345678') },
  'emoji-names.xlsx': { numbers: [A, B, C], check: (r) => {
    expect(r.contacts[0]?.vars['名字']).toBe('👩‍👩‍👧 family');
    expect(r.mapping.columns[0]?.header).toBe('名字 😀');
  } },
  'merged-cells.xlsx': { numbers: [A, B, C, '+8615112345678'], check: (r) => {
    expect(r.mapping.headerRow).toBe(2);
    expect(r.contacts.map((c) => c.vars['Group'])).toEqual(['VIP', 'VIP', 'VIP', 'Normal']);
  } },
  'formulas.xlsx': { numbers: [A, B], check: (r) => {
    expect(r.contacts[0]?.vars['label']).toBe('A-1');
    expect(r.rejects).toEqual([expect.objectContaining({ row: 4, reason: 'empty' })]);
  } },
  'multi-column-numbers.xlsx': { numbers: [A, B, '+8615112345678', '+8615212345678'], check: (r) => {
    expect(r.mapping.phoneColumn).toBe(2);
    expect(r.contacts[1]?.vars['Backup_mobile']).toBe('15012345678');
    expect(r.contacts[0]?.vars['Order']).toBe('100231');
  } },
  'ten-sheets.xlsx': { numbers: ['+8613800000003'], check: (r) => {
    expect(r.source.sheets.map((s) => s.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Sheet${i + 1}`));
    expect(r.source.sheet).toBe('Sheet3');
  } },
  'title-rows.xlsx': { numbers: [A, B], check: (r) => {
    expect(r.mapping.headerRow).toBe(3);
    expect(r.contacts[0]).toMatchObject({ row: 4, vars: { 姓名: '张三', 备注: 'x' } });
  } },
  'leading-zeros.xlsx': { numbers: [A, B], check: (r) => {
    expect(r.contacts[0]?.vars['id']).toBe('0012');
    expect(r.contacts[1]).toMatchObject({ original: '13912345678', vars: { id: '0012' } });
  } },
  'no-header.csv': { numbers: [A, B, C], check: (r) => {
    expect(r.mapping.headerRow).toBe(0);
    expect(r.contacts[0]).toMatchObject({ row: 1, vars: { col2: 'Alice' } });
  } },
  'invalid-rows.csv': { numbers: [A, '+861065529988'], check: (r) => {
    expect(r.rejects.map((x) => [x.row, x.original, x.reason])).toEqual([
      [3, 'call me', 'not-a-number'],
      [4, '123', 'too-short'],
      [5, '1381234567890123456', 'too-long'],
      [6, '', 'empty'],
      [8, '19999', 'too-short'],
    ]);
    expect(r.counts).toEqual({ total: 7, valid: 2, invalid: 5, duplicate: 0, optedOut: 0, nonMobile: 1 });
    expect(r.contacts.find((c) => c.original === '010 6552 9988')?.nonMobile).toBe('fixed-line');;
  } },
  'duplicates.csv': { numbers: [A, B], check: (r) => {
    expect(r.contacts[0]).toMatchObject({ row: 2, duplicates: 3, vars: { name: 'first' } });
    expect(r.counts).toMatchObject({ total: 5, valid: 2, duplicate: 3 });
  } },
  'dup-headers.csv': { numbers: [A], check: (r) => {
    expect(r.mapping.columns.map((c) => c.variable)).toEqual(['name', 'name_2', 'col3', '', '名_字', 'col_1st', 'phone_2']);
  } },
  'mac-cr.csv': { numbers: [A, B] },
  'unterminated-quote.csv': { numbers: [A, B, C], check: (r) => expect(r.contacts[1]?.vars['name']).toBe('"B') },
  'empty.csv': { error: 'CONTACTS_FILE_EMPTY' },
  'whitespace-only.csv': { error: 'CONTACTS_NO_DATA' },
  'header-only.csv': { error: 'CONTACTS_NO_DATA' },
  'header-only.xlsx': { error: 'CONTACTS_NO_DATA' },
  'empty-sheet.xlsx': { error: 'CONTACTS_NO_DATA' },
  'no-phone-column.csv': { error: 'CONTACTS_NO_PHONE_COLUMN' },
  'truncated.xlsx': { error: 'CONTACTS_CORRUPT_FILE' },
  'truncated.xls': { error: 'CONTACTS_CORRUPT_FILE' },
  'header-only-ole.xls': { error: 'CONTACTS_CORRUPT_FILE' },
  'corrupt-entry.xlsx': { error: 'CONTACTS_CORRUPT_FILE' },
  'zip-bomb.xlsx': { error: 'CONTACTS_ZIP_BOMB' },
  'zip-bomb-declared.xlsx': { error: 'CONTACTS_ZIP_BOMB' },
  'encrypted.xlsx': { error: 'CONTACTS_PASSWORD_PROTECTED' },
  'encrypted-rc4.xls': { error: 'CONTACTS_PASSWORD_PROTECTED' },
  'png-renamed.csv': { error: 'CONTACTS_UNSUPPORTED_FORMAT' },
  'pdf-renamed.xlsx': { error: 'CONTACTS_UNSUPPORTED_FORMAT' },
  'docx-renamed.xlsx': { error: 'CONTACTS_UNSUPPORTED_FORMAT' },
  'binary-junk.csv': { error: 'CONTACTS_UNSUPPORTED_FORMAT' },
};

function importOrError(name: string): { result?: ImportResult; error?: unknown } {
  try {
    return { result: runImport(read(name)) };
  } catch (error) {
    return { error };
  }
}

describe('contacts fixture corpus', () => {
  it('has an expectation for every fixture file (and at least 30 files)', () => {
    const files = readdirSync(DIR).filter((f) => !f.endsWith('.ts')).sort();
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files).toEqual(Object.keys(CASES).sort());
  });

  for (const [name, expected] of Object.entries(CASES)) {
    it(`${name} → ${'error' in expected ? expected.error : `${expected.numbers.length} number(s)`}`, () => {
      const started = performance.now();
      const { result, error } = importOrError(name);
      expect(performance.now() - started).toBeLessThan(5_000);
      if ('error' in expected) {
        expect(result).toBeUndefined();
        expect(isAppError(error), `expected an AppError, got ${String(error)}`).toBe(true);
        if (!isAppError(error)) return;
        expect(error.code).toBe(expected.error);
        // a sentence that says what to do
        expect(error.message).toMatch(/^[A-Z].{20,}[.)]$/);
      } else {
        if (error) throw error;
        expect(result?.contacts.map((c) => c.e164)).toEqual(expected.numbers);
        expected.check?.(result as ImportResult);
      }
    });
  }

  it('the password error says exactly what to do', () => {
    const { error } = importOrError('encrypted.xlsx');
    expect((error as Error).message).toBe('This workbook is password-protected: save it without a password and import again.');
  });
});
