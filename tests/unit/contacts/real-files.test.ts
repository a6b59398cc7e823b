import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import '../../../src/main/core/contacts/import/codepages.ts';
import { isAppError } from '../../../src/shared/errors.ts';
import { detectContainer } from '../../../src/main/core/contacts/import/detect-format.ts';
import { readXlsFast } from '../../../src/main/core/contacts/import/fast-xls.ts';
import { isFastXlsxPart, readXlsxFast } from '../../../src/main/core/contacts/import/fast-xlsx.ts';
import { runImport } from '../../../src/main/core/contacts/import/pipeline.ts';
import { readWorkbook, type WorkbookResult } from '../../../src/main/core/contacts/import/read-workbook.ts';
import { verifyZipEntries } from '../../../src/main/core/contacts/import/zip-guard.ts';

/**
 * The differential test over spreadsheets other people's programs saved (tests/fixtures/real-world,
 * see its README): Excel on Windows, Mac and online, WPS, LibreOffice, Numbers, Google Sheets and more.
 * For every sheet of every file, the lean reader (fast-xlsx.ts / fast-xls.ts) either steps aside or
 * gives exactly what SheetJS gives; and the whole import never crashes on any of them.
 */
const DIR = join(import.meta.dirname, '../../fixtures/real-world');
interface Manifest {
  files: { file: string; from: string; licence: string; producer: string }[];
}
const manifest = JSON.parse(readFileSync(join(DIR, 'sources.json'), 'utf8')) as Manifest;
const files = ['calamine', 'roo', 'easyexcel'].flatMap((d) => readdirSync(join(DIR, d)).map((f) => `${d}/${f}`)).sort();
const OPTS = { maxRows: 1_000_000 };

type Outcome = WorkbookResult | Error | undefined;
const attempt = (fn: () => Outcome): Outcome => {
  try {
    return fn();
  } catch (err) {
    return err as Error;
  }
};

function lean(bytes: Uint8Array, sheet?: string): Outcome {
  const c = detectContainer(bytes);
  const opts = sheet === undefined ? OPTS : { ...OPTS, sheet };
  if (c.kind === 'xlsx') return attempt(() => readXlsxFast(verifyZipEntries(bytes, c.entries, { keep: isFastXlsxPart }), opts));
  if (c.kind === 'xls') return attempt(() => readXlsFast(c.workbook, opts));
  throw new Error(`not a workbook: ${c.kind}`);
}

const sheetJs = (bytes: Uint8Array, sheet?: string): Outcome => attempt(() => readWorkbook({ bytes }, 'workbook', sheet === undefined ? OPTS : { ...OPTS, sheet }));

describe('real-world spreadsheets: lean readers against SheetJS', () => {
  it('the corpus is what its manifest says, from every kind of program that saves spreadsheets', () => {
    expect(manifest.files.map((f) => f.file).sort()).toEqual(files);
    const producers = manifest.files.map((f) => f.producer).join('\n');
    for (const p of [/Microsoft Excel$/m, /Microsoft Macintosh Excel/, /WPS/, /LibreOffice/, /Numbers/, /Google Sheets/]) expect(producers).toMatch(p);
    expect(files.some((f) => f.endsWith('.xls'))).toBe(true);
    expect(manifest.files.every((f) => f.licence === 'MIT' || f.licence === 'Apache-2.0')).toBe(true);
  });

  let leanSheets = 0;
  for (const file of files) {
    it(`${file}: every sheet reads the same, or the lean reader steps aside`, () => {
      const bytes = new Uint8Array(readFileSync(join(DIR, file)));
      let names: string[] = [];
      try {
        names = XLSX.read(bytes, { type: 'buffer', bookSheets: true }).SheetNames;
      } catch {
        // Encrypted (e.g. calamine/issue_385.xls): only the import's clean refusal below is checked.
      }
      for (const sheet of [undefined, ...names]) {
        const fast = lean(bytes, sheet);
        if (fast === undefined) continue;
        const slow = sheetJs(bytes, sheet);
        if (fast instanceof Error || slow instanceof Error) {
          expect(fast instanceof Error ? fast.message : 'read', `${file} ${sheet ?? ''}`).toBe(slow instanceof Error ? slow.message : 'read');
        } else {
          expect(fast, `${file} ${sheet ?? '(default sheet)'}`).toEqual(slow);
          leanSheets += 1;
        }
      }
      // The whole import: a result or a clear AppError, never anything else.
      try {
        runImport(bytes, { region: 'CN' });
      } catch (err) {
        expect(isAppError(err), String(err)).toBe(true);
      }
    });
  }

  it('the lean readers really read most of them (the comparison above is not empty)', () => {
    expect(leanSheets).toBeGreaterThan(250);
  });

  it('1904 workbooks saved by Mac Excel, LibreOffice and Numbers show their dates as those programs do', () => {
    const first = (file: string) => {
      const r = lean(new Uint8Array(readFileSync(join(DIR, file))));
      if (r === undefined || r instanceof Error) throw new Error(`${file}: the lean reader did not read it`);
      return r.grid.rows.find((row) => row !== undefined)!;
    };
    // calamine's date_1904.xlsx (LibreOffice) holds 2021-01-01 in A1; 1900-based it read 2016-12-31.
    expect(first('calamine/date_1904.xlsx')[0]).toBe('2021-01-01');
    expect(first('calamine/date.xlsx')[0]).toBe('2021-01-01');
    // roo's 1904_base.xlsx (Mac Excel) shows 15/06/2009; 1900-based it read 14/06/2005.
    expect(first('roo/1904_base.xlsx')[0]).toBe('15/06/2009');
  });
});
