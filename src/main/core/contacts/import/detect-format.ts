import * as XLSX from '@e965/xlsx';
import { contactsError } from '../contacts-error.ts';
import { readWorkbookStream } from './cfb-read.ts';
import { detectBom, looksBinary, sniffUtf16 } from './decode-text.ts';
import { readZipDirectory, type ZipEntry } from './zip-guard.ts';

/**
 * Decides what a file really is from its first bytes; the extension is never trusted
 * (an .xlsx renamed .xls, a CSV saved as .xls, a PNG renamed .csv all happen).
 */
export type DetectedContainer =
  | { kind: 'xlsx'; entries: ZipEntry[] }
  /** `workbook`: the BIFF8 Workbook stream when the lean reader could take it out of the container. */
  | { kind: 'xls'; workbook?: Uint8Array }
  | { kind: 'text' };

const PASSWORD_MESSAGE =
  'This workbook is password-protected: save it without a password and import again.';

export function passwordProtectedError(): Error {
  return contactsError('CONTACTS_PASSWORD_PROTECTED', PASSWORD_MESSAGE);
}

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

/** Known non-spreadsheet files, named so the message can say what was picked. */
const FOREIGN: ReadonlyArray<{ sig: readonly number[]; what: string }> = [
  { sig: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { sig: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { sig: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { sig: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { sig: [0x1f, 0x8b], what: 'a gzip archive' },
  { sig: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
  { sig: [0x7f, 0x45, 0x4c, 0x46], what: 'a program' },
  { sig: [0x4d, 0x5a], what: 'a program' },
];

/** BIFF2–BIFF5 worksheets written without an OLE container start with a BOF record. */
function isBareBiff(bytes: Uint8Array): boolean {
  if (bytes.length < 8 || bytes[0] !== 0x09 || bytes[3] !== 0x00) return false;
  const version = bytes[1] ?? 0xff;
  const recordLength = bytes[2] ?? 0;
  return (version === 0x00 || version === 0x02 || version === 0x04 || version === 0x08) && recordLength >= 4 && recordLength <= 20;
}

export function unsupported(what: string): Error {
  return contactsError(
    'CONTACTS_UNSUPPORTED_FORMAT',
    `This file is ${what}, not a spreadsheet or a list of numbers. Pick an .xlsx, .xls, .csv or .txt file.`,
  );
}

function detectOle(bytes: Uint8Array): DetectedContainer {
  // The common case without SheetJS's CFB reader, which copies every stream of the container.
  const workbook = readWorkbookStream(bytes);
  if (workbook) return { kind: 'xls', workbook };
  let names: string[];
  try {
    const cfb = XLSX.CFB.read(bytes, { type: 'buffer' }) as { FileIndex: Array<{ name: string }> };
    names = cfb.FileIndex.map((f) => f.name);
  } catch {
    throw contactsError(
      'CONTACTS_CORRUPT_FILE',
      'This .xls file is damaged or incomplete. Open it in Excel, save a fresh copy and import that.',
    );
  }
  if (names.includes('EncryptionInfo') || names.includes('EncryptedPackage')) throw passwordProtectedError();
  if (names.includes('Workbook') || names.includes('Book') || names.includes('WORKBOOK') || names.includes('BOOK')) {
    return { kind: 'xls' };
  }
  if (names.includes('WordDocument')) throw unsupported('a Word document');
  if (names.includes('PowerPoint Document')) throw unsupported('a PowerPoint presentation');
  throw unsupported('an Office file without a workbook');
}

function detectZip(bytes: Uint8Array): DetectedContainer {
  const entries = readZipDirectory(bytes);
  const names = new Set(entries.map((e) => e.name));
  if (names.has('xl/workbook.xml') || names.has('xl/workbook.bin')) {
    if (names.has('xl/workbook.bin')) throw unsupported('an Excel binary workbook (.xlsb)');
    return { kind: 'xlsx', entries };
  }
  if (names.has('word/document.xml')) throw unsupported('a Word document');
  if (names.has('content.xml')) throw unsupported('an OpenDocument file');
  throw unsupported('a zip archive');
}

export function detectContainer(bytes: Uint8Array): DetectedContainer {
  if (bytes.length === 0) {
    throw contactsError('CONTACTS_FILE_EMPTY', 'This file is empty (0 bytes). Pick the file that holds your numbers.');
  }
  if (startsWith(bytes, OLE)) return detectOle(bytes);
  if (startsWith(bytes, ZIP)) return detectZip(bytes);
  if (startsWith(bytes, ZIP_EMPTY)) throw unsupported('an empty zip archive');
  for (const f of FOREIGN) if (startsWith(bytes, f.sig)) throw unsupported(f.what);
  if (detectBom(bytes) !== undefined || sniffUtf16(bytes) !== undefined) return { kind: 'text' };
  if (isBareBiff(bytes)) return { kind: 'xls' };
  if (looksBinary(bytes)) throw unsupported('binary data');
  return { kind: 'text' };
}

/** After decoding: some ".xls" files are really HTML tables or Excel 2003 XML. */
export function classifyText(text: string): 'html' | 'xml2003' | 'delimited' {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (head.startsWith('<?xml') || head.startsWith('<workbook')) {
    if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xml2003';
    return 'delimited';
  }
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<table') ||
    (head.startsWith('<') && head.includes('<table'))) return 'html';
  return 'delimited';
}
