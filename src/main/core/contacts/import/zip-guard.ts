import { crc32, inflateRawSync } from 'node:zlib';
import { contactsError } from '../contacts-error.ts';
import { formatMiB, type ImportLimits } from './limits.ts';

/**
 * Reads a zip's central directory (no decompression) so an .xlsx can be vetted before SheetJS
 * inflates it: a zip bomb declares a huge uncompressed size for a tiny compressed entry.
 * Entries whose local header disagrees with the central directory are treated as corrupt, so
 * a file cannot hide its real size in one of the two places SheetJS might trust.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

function corrupt(): Error {
  return contactsError(
    'CONTACTS_CORRUPT_FILE',
    'This .xlsx file is damaged or incomplete. Open it in Excel, save a fresh copy and import that.',
  );
}

export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.byteLength;
  if (len < 22) throw corrupt();
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt();
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (cdOffset === 0xffffffff || count === 0xffff) {
    throw contactsError('CONTACTS_FILE_TOO_LARGE', 'This workbook is a 64-bit zip, which is too large to import. Split it into smaller files.');
  }
  if (cdOffset + cdSize > eocd || count === 0) throw corrupt();
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > len || view.getUint32(p, true) !== CEN_SIG) throw corrupt();
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localHeaderOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen > len) throw corrupt();
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  for (const e of entries) checkLocalHeader(view, len, e);
  return entries;
}

function checkLocalHeader(view: DataView, len: number, e: ZipEntry): void {
  const p = e.localHeaderOffset;
  if (p + 30 > len || view.getUint32(p, true) !== LOC_SIG) throw corrupt();
  const flags = view.getUint16(p + 6, true);
  const nameLen = view.getUint16(p + 26, true);
  const extraLen = view.getUint16(p + 28, true);
  if (p + 30 + nameLen + extraLen + e.compressedSize > len) throw corrupt();
  if ((flags & 0x08) !== 0) return; // sizes follow the data (data descriptor); the directory is authoritative
  const localCompressed = view.getUint32(p + 18, true);
  const localUncompressed = view.getUint32(p + 22, true);
  if (localCompressed !== e.compressedSize || localUncompressed !== e.uncompressedSize) throw corrupt();
}

/** Throws CONTACTS_ZIP_BOMB when the declared expansion is out of bounds. */
export function assertNotZipBomb(entries: readonly ZipEntry[], limits: ImportLimits): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > 1024 * 1024 && ratio > limits.maxCompressionRatio) {
      throw contactsError(
        'CONTACTS_ZIP_BOMB',
        `This workbook expands ${Math.round(ratio)} times when opened (part "${e.name}"), which looks like a zip bomb. It was not opened; if it is genuine, open it in Excel and save it as a new file or as CSV.`,
      );
    }
  }
  if (total > limits.maxUncompressedBytes) {
    throw contactsError(
      'CONTACTS_ZIP_BOMB',
      `This workbook would take ${formatMiB(total)} of memory to open (limit ${formatMiB(limits.maxUncompressedBytes)}). Split it into smaller files or save it as CSV.`,
    );
  }
}

/**
 * Inflates every entry once, bounded by its declared size, and checks length and CRC-32: a
 * damaged part (which SheetJS would silently read as an empty sheet) or a size that lies is
 * caught here, and no entry can expand past what the directory declared. Run after assertNotZipBomb.
 * The parts `keep` asks for are returned inflated, so the lean .xlsx reader never inflates twice.
 */
export function verifyZipEntries(bytes: Uint8Array, entries: readonly ZipEntry[], keep?: (name: string) => boolean): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const p = e.localHeaderOffset;
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    const data = bytes.subarray(start, start + e.compressedSize);
    let plain: Uint8Array;
    try {
      if (e.method === 0) plain = data;
      else if (e.method === 8) plain = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
      else throw new Error(`zip method ${e.method}`);
    } catch {
      throw corrupt();
    }
    if (plain.length !== e.uncompressedSize) throw corrupt();
    const expected = view.getUint32(p + 14, true);
    const flags = view.getUint16(p + 6, true);
    if ((flags & 0x08) === 0 && crc32(plain) !== expected) throw corrupt();
    if (keep?.(e.name)) kept.set(e.name, plain);
  }
  return kept;
}
