import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOptOuts, buildPreview, runImport } from '../../../src/main/core/contacts/import/pipeline.ts';
import type { ImportProgress } from '../../../src/shared/contacts.ts';

const DIR = join(import.meta.dirname, '../../fixtures/contacts');
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const text = (s: string) => new TextEncoder().encode(s);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
}

describe('runImport options', () => {
  it('reads the sheet the user picks and lists all sheets', () => {
    const r = runImport(fixture('ten-sheets.xlsx'), { sheet: 'Sheet7' });
    expect(r.source.sheet).toBe('Sheet7');
    expect(r.contacts.map((c) => c.e164)).toEqual(['+8613800000007']);
    expect(r.source.sheets[6]).toEqual({ name: 'Sheet7', rows: 2, columns: 2 });
    expect(r.source.sheets[0]).toEqual({ name: 'Sheet1', rows: 0, columns: 0 });
  });

  it('names the sheets when the picked one does not exist', () => {
    expect(() => runImport(fixture('ten-sheets.xlsx'), { sheet: 'Nope' })).toThrowError(/Pick one of: Sheet1, Sheet2/);
    expect(codeOf(() => runImport(fixture('ten-sheets.xlsx'), { sheet: 'Nope' }))).toBe('CONTACTS_SHEET_NOT_FOUND');
  });

  it('lets the caller override the phone column and header row', () => {
    const r = runImport(fixture('multi-column-numbers.xlsx'), { phoneColumn: 3 });
    expect(r.mapping.phoneColumn).toBe(3);
    expect(r.contacts.map((c) => c.e164)).toEqual(['+8615012345678', '+8615312345678']);
    expect(r.rejects.map((x) => [x.row, x.reason])).toEqual([[2, 'empty'], [4, 'empty']]);
    expect(r.contacts[0]?.vars['Mobile']).toBe('13912345678');

    const noHeader = runImport(text('phone,name\n13812345678,A\n'), { headerRow: 0 });
    expect(noHeader.mapping.headerRow).toBe(0);
    expect(noHeader.rejects).toEqual([expect.objectContaining({ row: 1, original: 'phone', reason: 'not-a-number' })]);
    expect(noHeader.contacts[0]?.vars).toEqual({ col2: 'A' });
  });

  it('rejects a phone column that does not exist', () => {
    expect(codeOf(() => runImport(fixture('basic.csv'), { phoneColumn: 9 }))).toBe('CONTACTS_NO_PHONE_COLUMN');
  });

  it('uses the default region for national numbers', () => {
    const r = runImport(text('name,phone\nA,07911 123456\nB,020 7946 0958\n'), { region: 'GB' });
    expect(r.contacts.map((c) => c.e164)).toEqual(['+447911123456', '+442079460958']);
  });

  it('honours a chosen encoding and delimiter', () => {
    const r = runImport(fixture('gbk.csv'), { encoding: 'gb18030' });
    expect(r.contacts[0]?.vars['姓名']).toBe('张三');
    expect(codeOf(() => runImport(fixture('gbk.csv'), { encoding: 'utf-8' }))).toBe('CONTACTS_BAD_ENCODING');
    const semi = runImport(text('a;b,c\n13812345678;x,y\n'), { delimiter: ';', headerRow: 1 });
    expect(semi.contacts[0]?.vars).toEqual({ 'b_c': 'x,y' });
  });
});

describe('opt-outs, counts and preview', () => {
  it('flags opted-out numbers and counts them, keeping them in the list', () => {
    const optedOut = new Set(['+8613912345678']);
    const r = runImport(fixture('duplicates.csv'), {}, { isOptedOut: (e) => optedOut.has(e) });
    expect(r.contacts.map((c) => [c.e164, c.optedOut])).toEqual([['+8613812345678', false], ['+8613912345678', true]]);
    expect(r.counts).toEqual({ total: 5, valid: 2, invalid: 0, duplicate: 3, optedOut: 1, nonMobile: 0 });
    applyOptOuts(r, () => false);
    expect(r.counts.optedOut).toBe(0);
  });

  it('preview: first N rows as imported, counts, and every reject', () => {
    const rows = ['name,phone', ...Array.from({ length: 120 }, (_, i) => `n${i},${i % 10 === 9 ? 'bad' : 13800000000 + i}`)];
    const r = runImport(text(rows.join('\n')));
    const p = buildPreview(r, 5);
    expect(p.rows.map((c) => c.row)).toEqual([2, 3, 4, 5, 6]);
    expect(p.rows[0]).toEqual({ row: 2, original: '13800000000', e164: '+8613800000000', vars: { name: 'n0' }, duplicates: 0, optedOut: false });
    expect(p.counts).toEqual({ total: 120, valid: 108, invalid: 12, duplicate: 0, optedOut: 0, nonMobile: 0 });
    expect(p.rejects).toHaveLength(12);
    expect(p.rejects[0]).toMatchObject({ row: 11, original: 'bad', reason: 'not-a-number' });
    expect(buildPreview(r).rows).toHaveLength(50);
  });

  it('reports progress through the phases', () => {
    const seen: ImportProgress['phase'][] = [];
    runImport(fixture('basic.csv'), {}, { onProgress: (p) => seen.push(p.phase) });
    expect(seen[0]).toBe('read');
    expect(seen).toContain('parse');
    expect(seen).toContain('normalise');
    expect(seen.at(-1)).toBe('dedupe');
  });
});

describe('resource guards', () => {
  it('refuses files over the size cap', () => {
    expect(codeOf(() => runImport(fixture('basic.csv'), {}, { limits: { maxBytes: 50 } }))).toBe('CONTACTS_FILE_TOO_LARGE');
  });

  it('refuses more rows than the cap (CSV and workbooks), with no partial result', () => {
    const csv = text(['phone', ...Array.from({ length: 1001 }, (_, i) => String(13800000000 + i))].join('\n'));
    expect(runImport(csv, {}, { limits: { maxRows: 1001 } }).counts.valid).toBe(1001);
    expect(codeOf(() => runImport(csv, {}, { limits: { maxRows: 1000 } }))).toBe('CONTACTS_TOO_MANY_ROWS');
    expect(codeOf(() => runImport(fixture('basic.xlsx'), {}, { limits: { maxRows: 2 } }))).toBe('CONTACTS_TOO_MANY_ROWS');
    expect(runImport(fixture('basic.xlsx'), {}, { limits: { maxRows: 3 } }).counts.valid).toBe(3);
  });

  it('stops on an aborted signal', () => {
    const ac = new AbortController();
    ac.abort();
    expect(codeOf(() => runImport(fixture('basic.csv'), {}, { signal: ac.signal }))).toBe('CONTACTS_IMPORT_CANCELLED');
  });

  it('fails fast on large binary junk', () => {
    const junk = new Uint8Array(20 * 1024 * 1024);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 2654435761) >>> 24;
    const t = performance.now();
    expect(codeOf(() => runImport(junk))).toBe('CONTACTS_UNSUPPORTED_FORMAT');
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('header detection', () => {
  const mapping = (csv: string) => runImport(text(csv)).mapping.headerRow;
  it.each([
    ['name,phone\na,bad\nb,13812345678\n', 1],
    ['name,phone\nb,13812345678\n', 1],
    ['13812345678,b\n', 0],
    ['12,Alice\n13812345678,Bob\n', 0],
    ['My list\n\nname,phone\nb,13812345678\n', 3],
    ['Title,x\nname,mobile\nb,13812345678\n', 2],
    ['phone\n13812345678\n', 1],
  ])('%j → header row %i', (csv, row) => {
    expect(mapping(csv)).toBe(row);
  });

  it('keeps data rows that come before the first valid number', () => {
    const r = runImport(text('name,phone\na,bad\nb,13812345678\n'));
    expect(r.rejects).toEqual([expect.objectContaining({ row: 2, original: 'bad' })]);
  });
});

describe('wide sheets', () => {
  it('turns at most MAX_IMPORT_COLUMNS columns into variables', () => {
    const header = ['phone', ...Array.from({ length: 299 }, (_, i) => `v${i}`)].join(',');
    const row = ['13812345678', ...Array.from({ length: 299 }, (_, i) => `x${i}`)].join(',');
    const r = runImport(text(`${header}\n${row}\n`));
    expect(r.mapping.columns).toHaveLength(256);
    expect(Object.keys(r.contacts[0]?.vars ?? {})).toHaveLength(255);
  });
});

describe('duplicates and landlines', () => {
  const csv = text(['phone,name,city', '13800000001,,Beijing', '010-6552 1234,Front desk,', '138-0000-0001,Ann,Shanghai', '+86 138 0000 0001,Bob,', '4008123123,Hotline,'].join('\n'));

  it('a duplicate row names the row it duplicates, and the first non-empty name is kept', () => {
    const r = runImport(csv, { region: 'CN' });
    expect(r.contacts.map((c) => c.e164)).toEqual(['+8613800000001', '+861065521234', '+864008123123']);
    // Row 2 had no name: row 4's "Ann" fills it; Bob (row 5) does not overwrite it; the first city stays.
    expect(r.contacts[0]!.vars).toEqual({ name: 'Ann', city: 'Beijing' });
    expect(r.duplicateRows).toEqual([
      { row: 4, original: '138-0000-0001', duplicateOf: 2 },
      { row: 5, original: '+86 138 0000 0001', duplicateOf: 2 },
    ]);
    expect(buildPreview(r).duplicateRows).toEqual(r.duplicateRows);
    expect(r.counts.duplicate).toBe(2);
  });

  it('flags landlines and other numbers that cannot receive SMS (010-6552 1234 is a Beijing landline)', () => {
    const r = runImport(csv, { region: 'CN' });
    expect(r.contacts.map((c) => c.nonMobile)).toEqual([undefined, 'fixed-line', 'shared-cost']);
    expect(r.counts.nonMobile).toBe(2);
    // A US number may be either (FIXED_LINE_OR_MOBILE): not flagged.
    expect(runImport(text('phone\n+1 415 555 2671\n'), { region: 'CN' }).contacts[0]!.nonMobile).toBeUndefined();
  });
});
