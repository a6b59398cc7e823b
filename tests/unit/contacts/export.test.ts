import * as XLSX from '@e965/xlsx';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvField, writeCsv } from '../../../src/main/core/contacts/export/csv-writer.ts';
import { contactsTable, messageResultsTable, rejectsTable } from '../../../src/main/core/contacts/export/table.ts';
import { buildWorkbookStream, writeNumbersXls, XLS_MAX_ROWS } from '../../../src/main/core/contacts/export/xls-biff8-writer.ts';
import { writeXlsx } from '../../../src/main/core/contacts/export/xlsx-writer.ts';
import { runImport } from '../../../src/main/core/contacts/import/pipeline.ts';
import { formatForProvider } from '../../../src/main/core/contacts/phone/provider-format.ts';

async function csvOf(table: Parameters<typeof writeCsv>[0], opts?: Parameters<typeof writeCsv>[2]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeCsv(table, out, opts);
  out.end();
  return Buffer.concat(chunks);
}

function readAoa(bytes: Uint8Array): string[][] {
  const wb = XLSX.read(bytes, { type: 'buffer' });
  return XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1, raw: false, defval: '' });
}

const contacts = [
  { e164: '+8613812345678', vars: { 姓名: '张三', note: 'a, "quoted"\nline' } },
  { e164: '+8613912345678', vars: { 姓名: '=HYPERLINK("x")', note: '' } },
];

describe('CSV writer', () => {
  it('writes a UTF-8 BOM, CRLF, quotes what needs quoting and defuses formulas', async () => {
    const buf = await csvOf(contactsTable(contacts, ['姓名', 'note']));
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buf.subarray(3).toString('utf8')).toBe(
      'phone,姓名,note\r\n+8613812345678,张三,"a, ""quoted""\nline"\r\n+8613912345678,"\'=HYPERLINK(""x"")",\r\n',
    );
  });

  it('round-trips through the importer', async () => {
    const buf = await csvOf(contactsTable(contacts, ['姓名', 'note']));
    const r = runImport(new Uint8Array(buf));
    expect(r.contacts.map((c) => [c.e164, c.vars['姓名'], c.vars['note']])).toEqual([
      ['+8613812345678', '张三', 'a, "quoted"\nline'],
      ['+8613912345678', '\'=HYPERLINK("x")', ''],
    ]);
  });

  it('csvField', () => {
    expect(csvField('+8613812345678')).toBe('+8613812345678');
    expect(csvField('-5')).toBe('-5');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+cmd')).toBe("'+cmd");
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('a;b', ',')).toBe('a;b');
  });

  it('streams an async source with backpressure and without a BOM when asked', async () => {
    async function* rows() {
      for (let i = 0; i < 50_000; i++) yield { e164: `+86${13800000000 + i}`, vars: { n: `name ${i}` } };
    }
    let written = 0;
    let writes = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, cb) {
        written += chunk.length;
        writes++;
        setImmediate(cb);
      },
    });
    const count = await writeCsv(contactsTable(rows(), ['n'], (e) => formatForProvider(e, 'jsms') ?? ''), slow, { bom: false });
    expect(count).toBe(50_000);
    expect(writes).toBeGreaterThan(10);
    expect(written).toBe(Buffer.byteLength('phone,n\r\n') + 50_000 * Buffer.byteLength('13800000000,name 0\r\n') + (50_000 - 10) * 1 + (50_000 - 100) + (50_000 - 1000) + (50_000 - 10_000));
  });

  it('reject report and message results tables', async () => {
    const r = runImport(new TextEncoder().encode('name,phone\na,bad\nb,13812345678\n'));
    const rep = (await csvOf(rejectsTable(r.rejects))).toString('utf8');
    expect(rep).toBe('\ufeffrow,value,reason,message\r\n2,bad,not-a-number,This is not a phone number: it contains letters or symbols.\r\n');
    const res = (await csvOf(messageResultsTable([{ number: '13812345678', status: 'delivered', provider: 'jsms', submittedAt: 0 }]))).toString('utf8');
    expect(res.split('\r\n')[1]).toBe('13812345678,delivered,jsms,,,,1970-01-01T00:00:00.000Z,,');
  });
});

describe('xlsx writer', () => {
  it('writes every cell as text and round-trips', async () => {
    const bytes = await writeXlsx(contactsTable([...contacts, { e164: '+8613700000000', vars: { 姓名: '007', note: '' } }], ['姓名', 'note']), { sheetName: '名单/2024' });
    const wb = XLSX.read(bytes, { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['名单_2024']);
    const ws = wb.Sheets['名单_2024'] as XLSX.WorkSheet;
    expect(ws['A2']).toMatchObject({ t: 's', v: '+8613812345678' });
    expect(ws['B4']).toMatchObject({ t: 's', v: '007' });
    expect(readAoa(bytes)[1]).toEqual(['+8613812345678', '张三', 'a, "quoted"\nline']);
  });

  it('refuses more rows than the cap, pointing to CSV', async () => {
    const rows = Array.from({ length: 11 }, (_, i) => ({ e164: `+86${13800000000 + i}`, vars: {} }));
    await expect(writeXlsx(contactsTable(rows, []), { maxRows: 10 })).rejects.toMatchObject({ code: 'CONTACTS_EXPORT_TOO_LARGE', message: expect.stringMatching(/CSV/) });
  });

  it('measures 100k rows (the documented cap)', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ e164: `+86${13800000000 + i}`, vars: { name: `客户${i}`, city: 'Beijing' } }));
    const before = process.memoryUsage();
    const started = performance.now();
    const bytes = await writeXlsx(contactsTable(rows, ['name', 'city']));
    const after = process.memoryUsage();
    console.log(`xlsx 100k rows: ${Math.round(performance.now() - started)} ms, ${(bytes.length / 1048576).toFixed(1)} MB, heap+buffers delta ${((after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1048576).toFixed(0)} MB`);
    expect(readAoa(bytes)).toHaveLength(100_001);
  }, 60_000);
});

describe('BIFF8 .xls number file', () => {
  it('round-trips 65,535 numbers under a header through SheetJS', () => {
    const numbers = Array.from({ length: XLS_MAX_ROWS - 1 }, (_, i) => `86${13800000000 + i}`);
    const bytes = writeNumbersXls(numbers, { header: 'mobile' });
    const wb = XLSX.read(bytes, { type: 'buffer', dense: true });
    expect(wb.SheetNames).toEqual(['Sheet1']);
    const aoa = readAoa(bytes);
    expect(aoa).toHaveLength(65_536);
    expect(aoa[0]).toEqual(['mobile']);
    expect(aoa.slice(1).map((r) => r[0])).toEqual(numbers);
    // and our own importer reads it back as the same list
    const r = runImport(bytes);
    expect(r.source.format).toBe('xls');
    expect(r.counts.valid).toBe(65_535);
  });

  it('is a well-formed compound file with a Workbook stream', () => {
    const bytes = writeNumbersXls(['13812345678']);
    expect(bytes.length % 512).toBe(0);
    const cfb = XLSX.CFB.read(bytes, { type: 'buffer' }) as { FileIndex: Array<{ name: string; size: number }> };
    const names = cfb.FileIndex.map((f) => f.name);
    expect(names).toContain('Workbook');
    expect(cfb.FileIndex.find((f) => f.name === 'Workbook')?.size).toBe(4096);
  });

  it('keeps non-ASCII text and splits the SST into CONTINUE records correctly', () => {
    // ~20k characters of 16-bit text forces several CONTINUE records
    const values = Array.from({ length: 400 }, (_, i) => `客户名称很长的一行文字${i}`.repeat(3));
    const bytes = writeNumbersXls(values);
    expect(readAoa(bytes).map((r) => r[0])).toEqual(values);
    const stream = buildWorkbookStream(values);
    let continues = 0;
    for (let p = 0; p + 4 <= stream.length; ) {
      const type = stream[p]! | (stream[p + 1]! << 8);
      const len = stream[p + 2]! | (stream[p + 3]! << 8);
      expect(len).toBeLessThanOrEqual(8224);
      if (type === 0x3c) continues++;
      p += 4 + len;
    }
    expect(continues).toBeGreaterThan(1);
  });

  it('refuses more rows than an .xls sheet holds', () => {
    const tooMany = Array.from({ length: 65_536 }, () => '13812345678');
    expect(() => writeNumbersXls(tooMany, { header: 'mobile' })).toThrowError(expect.objectContaining({ code: 'CONTACTS_EXPORT_TOO_LARGE' }));
    expect(writeNumbersXls(tooMany).length).toBeGreaterThan(0);
  });

  it('65,535 rows take a few MB, not the gigabytes SheetJS’s writer needs (measured in a fresh process)', () => {
    const probe = join(import.meta.dirname, 'xls-memory-probe.ts');
    const out = execFileSync(process.execPath, [probe], { encoding: 'utf8' });
    const m = JSON.parse(out) as { rows: number; bytes: number; ms: number; heapDeltaMb: number; maxRssBeforeMb: number; maxRssAfterMb: number };
    console.log(`xls 65,535 rows: ${JSON.stringify(m)}`);
    expect(m.rows).toBe(65_535);
    expect(m.heapDeltaMb).toBeLessThan(64);
    expect(m.maxRssAfterMb - m.maxRssBeforeMb).toBeLessThan(128);
  });
});
