import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import '../../../src/main/core/contacts/import/codepages.ts';
import { detectContainer } from '../../../src/main/core/contacts/import/detect-format.ts';
import { sheetNames } from '../../../src/main/core/contacts/sheet-names.ts';
import { writeNumbersXls } from '../../../src/main/core/contacts/export/xls-biff8-writer.ts';

const DIR = join(import.meta.dirname, '../../fixtures/contacts');

function sheetJsNames(bytes: Uint8Array): string[] {
  try {
    return XLSX.read(bytes, { type: 'buffer', bookSheets: true }).SheetNames ?? [];
  } catch {
    return [];
  }
}

describe('sheet names at upload', () => {
  it('lists the same sheets as SheetJS for every workbook fixture', () => {
    for (const name of readdirSync(DIR).filter((f) => /\.xlsx?$/.test(f))) {
      const bytes = new Uint8Array(readFileSync(join(DIR, name)));
      const kind = ((): string => {
        try {
          return detectContainer(bytes).kind;
        } catch {
          return 'rejected';
        }
      })();
      if (name.startsWith('zip-bomb')) {
        // Refused at upload, before SheetJS (or anything) inflates a part: see zip-guard.test.ts.
        expect(() => sheetNames(bytes), name).toThrowError(expect.objectContaining({ code: 'CONTACTS_ZIP_BOMB' }));
        continue;
      }
      const expected = kind === 'xls' || kind === 'xlsx' ? sheetJsNames(bytes) : [];
      expect(sheetNames(bytes), name).toEqual(expected);
    }
  });

  it('reads a BIFF8 file’s names with non-Latin text', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['a']]), '客户');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['b']]), 'Numbers');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer);
    expect(sheetNames(bytes)).toEqual(['客户', 'Numbers']);
    expect(sheetNames(writeNumbersXls(['13800000000'], { header: 'phone' }))).toEqual(sheetJsNames(writeNumbersXls(['13800000000'], { header: 'phone' })));
  });
});
