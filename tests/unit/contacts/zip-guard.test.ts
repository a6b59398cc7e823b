import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../src/main/core/contacts/import/pipeline.ts';
import { sheetNames } from '../../../src/main/core/contacts/sheet-names.ts';
import { inflatePart, readZipDirectory } from '../../../src/main/core/contacts/import/zip-guard.ts';
import { deflateRepeated, makeZip, type ZipPart } from '../../helpers/zip-writer.ts';

/**
 * The zip guard is the only way into an .xlsx: nothing — the lean reader, the sheet names at upload,
 * or SheetJS, which inflates every entry with no cap — sees a part whose sizes were not checked first.
 */
const enc = new TextEncoder();
const MiB = 1024 * 1024;

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const xml = (name: string, text: string): ZipPart => ({ name, data: enc.encode(text) });
const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A small workbook with a phone column; `sheetJsOnly` adds a strict-OOXML hint so the lean reader steps aside and SheetJS reads it. */
function workbookParts(sheetJsOnly = false): ZipPart[] {
  return [
    xml('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    xml('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    xml('xl/workbook.xml', `<?xml version="1.0"?>${sheetJsOnly ? '<!-- purl.oclc.org/ooxml -->' : ''}<workbook ${NS}><sheets><sheet name="Numbers" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    xml('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    xml('xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1">${cell('A1', 'phone')}</row><row r="2">${cell('A2', '13800138000')}</row><row r="3">${cell('A3', '13900139000')}</row></sheetData></worksheet>`),
  ];
}
const sheetJsOnlyParts = () => workbookParts(true);

/** 32 MiB of spaces in ~32 KB, declared honestly unless told (the bomb check alone would let a declared 0 through). */
const SPACES = new Uint8Array(MiB).fill(0x20);
const SPACES_CRC = Array.from({ length: 32 }).reduce<number>((crc) => crc32(SPACES, crc), 0);
function payload(name: string, declared?: number): ZipPart {
  return { name, data: new Uint8Array(0), raw: deflateRepeated(new Uint8Array(0), SPACES, 32, new Uint8Array(0)), declaredSize: declared ?? 32 * MiB, crc: SPACES_CRC };
}

const code = (run: () => unknown) => {
  try {
    run();
    return 'read';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
};

describe('zip guard', () => {
  it('reads the SheetJS-only workbook (the baseline the cases below break)', () => {
    const r = runImport(makeZip(sheetJsOnlyParts()));
    expect(r.contacts.map((c) => c.e164)).toEqual(['+8613800138000', '+8613900139000']);
  });

  it('inflates directory entries too: one carrying a hidden payload is refused', () => {
    expect(code(() => runImport(makeZip([...sheetJsOnlyParts(), payload('xl/media/', 0)])))).toBe('CONTACTS_CORRUPT_FILE');
  });

  it('refuses a directory whose two entry counts disagree (SheetJS would read an entry nobody checked)', () => {
    const zip = makeZip([...sheetJsOnlyParts(), payload('xl/media/hidden.bin')]);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const eocd = zip.byteLength - 22;
    view.setUint16(eocd + 10, view.getUint16(eocd + 10, true) - 1, true); // total entries: one fewer than "on this disk"
    view.setUint32(eocd + 12, view.getUint32(eocd + 12, true) - (46 + 'xl/media/hidden.bin'.length), true);
    expect(code(() => readZipDirectory(zip))).toBe('CONTACTS_CORRUPT_FILE');
    expect(code(() => runImport(zip))).toBe('CONTACTS_CORRUPT_FILE');
  });

  it('refuses a second end-of-directory signature too late in the file for a whole record (SheetJS would take it)', () => {
    const zip = makeZip(workbookParts());
    const fake = new Uint8Array(zip.byteLength + 8);
    fake.set(zip);
    const view = new DataView(fake.buffer);
    view.setUint16(zip.byteLength - 2, 8, true); // the real record's comment: 8 bytes
    view.setUint32(zip.byteLength, 0x06054b50, true);
    expect(code(() => readZipDirectory(fake))).toBe('CONTACTS_CORRUPT_FILE');
    expect(code(() => readZipDirectory(zip))).toBe('read');
  });

  it('refuses a declared size over the cap before inflating, and never inflates past what a part declares', () => {
    const zip = makeZip([payload('big.xml'), payload('liar.xml', 1000)]);
    const [big, liar] = readZipDirectory(zip);
    expect(code(() => inflatePart(zip, big!, 16 * MiB))).toBe('CONTACTS_ZIP_BOMB');
    expect(inflatePart(zip, big!, 64 * MiB).byteLength).toBe(32 * MiB);
    expect(code(() => inflatePart(zip, liar!, 64 * MiB))).toBe('CONTACTS_CORRUPT_FILE');
  });

  it('refuses a bomb at upload (sheet names), not only at analysis', () => {
    const zip = makeZip([...workbookParts(), payload('xl/media/bomb.bin', 0xffffffff)]);
    expect(code(() => sheetNames(zip))).toBe('CONTACTS_ZIP_BOMB');
    expect(sheetNames(makeZip(workbookParts()))).toEqual(['Numbers']);
    expect(sheetNames(makeZip(sheetJsOnlyParts()))).toEqual(['Numbers']);
  });
});
