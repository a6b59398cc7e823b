import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectContainer } from '../../../src/main/core/contacts/import/detect-format.ts';
import { isFastXlsxPart } from '../../../src/main/core/contacts/import/fast-xlsx.ts';
import { parseSharedStrings, parseStyles } from '../../../src/main/core/contacts/import/xlsx-parts.ts';
import { scanSheet, type ScanOptions } from '../../../src/main/core/contacts/import/xlsx-sheet-scan.ts';
import { readZipDirectory, verifyZipEntries } from '../../../src/main/core/contacts/import/zip-guard.ts';

/**
 * The worksheet scanner decodes a sheet's XML a chunk of rows at a time. Cutting after every
 * `</row>` (chunks of 1 byte) must read exactly what one chunk reads, on every fixture sheet and on
 * XML SheetJS's writer never produces.
 */
const DIR = join(import.meta.dirname, '../../fixtures/contacts');
const enc = new TextEncoder();
const dec = new TextDecoder();

function sameInChunks(xml: Uint8Array, opts: Omit<ScanOptions, 'chunkBytes'>): void {
  const whole = scanSheet(xml, { ...opts, chunkBytes: Number.MAX_SAFE_INTEGER });
  for (const chunkBytes of [1, 7, 64, 500]) expect(scanSheet(xml, { ...opts, chunkBytes })).toEqual(whole);
}

describe('worksheet scan in chunks', () => {
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.xlsx'))) {
    const bytes = new Uint8Array(readFileSync(join(DIR, name)));
    it(`reads every sheet of ${name} the same in 1-row chunks`, () => {
      let parts: Map<string, Uint8Array>;
      try {
        const c = detectContainer(bytes);
        if (c.kind !== 'xlsx') return;
        parts = verifyZipEntries(bytes, readZipDirectory(bytes), { keep: isFastXlsxPart });
      } catch {
        return; // refused before any reader runs
      }
      const sst = parts.get('xl/sharedStrings.xml');
      const styles = parts.get('xl/styles.xml');
      const strings = (sst && parseSharedStrings(dec.decode(sst))) || [];
      const formats = styles && parseStyles(dec.decode(styles));
      for (const [path, xml] of parts) {
        if (!path.startsWith('xl/worksheets/')) continue;
        sameInChunks(xml, { strings, formats, sheetRows: 1_000_000 });
        sameInChunks(xml, { strings, formats, sheetRows: 3 });
      }
    });
  }

  it('cuts between rows of hand-made XML the same way (self-closing rows, rows without r, merges, BOM-like text, junk between rows)', () => {
    const xml = `\ufeff<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>名字</t></is></c><c r="B1" t="str"><v>电话</v></c></row>\ufeff
<row r="2" spans="1:2"/><row><c t="str"><v>\ufeff张</v></c><c><v>13812345678</v></c></row> junk </row>
<row r="9"><c r="A9" t="b"><v>1</v></c><c r="B9" t="e"><v>#N/A</v></c><c r="C9"><v>1.5</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="A2:A4"/></mergeCells></worksheet>`;
    const bytes = enc.encode(xml);
    const opts = { strings: [], formats: undefined, sheetRows: 1_000_000 };
    sameInChunks(bytes, opts);
    const r = scanSheet(bytes, { ...opts, chunkBytes: 1 });
    expect(r?.grid.rows[1]).toEqual(['\ufeff张', '13812345678']);
    expect(r?.grid.rows[3]?.[0]).toBe('\ufeff张');
  });

  it('steps aside for prefixed XML in any chunk, and for a row cut open', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`);
    rows[15] = '<x:row r="16"><x:c r="A16"><x:v>1</x:v></x:c></x:row>';
    const prefixed = enc.encode(`<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`);
    for (const chunkBytes of [1, 100, 10_000]) expect(scanSheet(prefixed, { strings: [], formats: undefined, sheetRows: 100, chunkBytes })).toBeUndefined();
    const open = enc.encode('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></sheetData></worksheet>');
    expect(scanSheet(open, { strings: [], formats: undefined, sheetRows: 100, chunkBytes: 1 })).toBeUndefined();
  });
});
