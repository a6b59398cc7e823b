import { crc32, inflateRawSync } from 'node:zlib';
import { contactsError } from '../contacts-error.ts';
import { DEFAULT_LIMITS, formatMiB, ZIP_PART_HARD_CAP, type ImportLimits } from './limits.ts';

/**
 * The one gate every inflate of an .xlsx part goes through. It reads the zip's central directory (no
 * decompression) the way SheetJS will read it, refuses sizes out of bounds before anything is inflated
 * (a zip bomb declares a huge size for a tiny compressed entry, or hides its size), and inflates with a
 * byte cap: output stops — and the part is refused — the moment it passes its declared size. Entries
 * whose local header disagrees with the central directory are treated as corrupt, so a file cannot hide
 * its real size in one of the places SheetJS might trust; SheetJS (which inflates every entry without
 * a cap) only ever sees a zip whose every entry passed verifyZipEntries.
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
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes. SheetJS takes the
  // last signature in the file, so a signature in the final bytes (too late for a whole record) is a
  // second, fake directory: refused rather than read differently from SheetJS.
  let eocd = -1;
  for (let i = len - 4; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0 || eocd > len - 22) throw corrupt();
  const count = view.getUint16(eocd + 10, true);
  // SheetJS counts the entries "on this disk" (offset 8); both counts must agree or it reads more entries than were checked.
  if (view.getUint16(eocd + 8, true) !== count) throw corrupt();
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
  if (p !== cdOffset + cdSize) throw corrupt();
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
  if (total > limits.maxUncompressedBytes) throw tooBig(total, limits.maxUncompressedBytes);
}

function tooBig(bytes: number, limit: number): Error {
  return contactsError(
    'CONTACTS_ZIP_BOMB',
    `This workbook would take ${formatMiB(bytes)} of memory to open (limit ${formatMiB(limit)}). Split it into smaller files or save it as CSV.`,
  );
}

/**
 * Inflates one entry, never past `maxBytes` (nor past ZIP_PART_HARD_CAP, whatever the caller asks):
 * a declared size over the cap is refused before any byte is inflated, and inflation stops (zlib's
 * maxOutputLength, checked as each 64 KB chunk comes out) the moment the output passes the declared
 * size. Length and CRC-32 are checked after: a damaged part (which SheetJS would silently read as an
 * empty sheet) or a size that lies is caught here.
 */
export function inflatePart(bytes: Uint8Array, e: ZipEntry, maxBytes: number): Uint8Array {
  const cap = Math.min(maxBytes, ZIP_PART_HARD_CAP);
  if (e.uncompressedSize > cap) throw tooBig(e.uncompressedSize, cap);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = e.localHeaderOffset;
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const data = bytes.subarray(start, start + e.compressedSize);
  let plain: Uint8Array;
  try {
    if (e.method === 0) plain = data;
    else if (e.method === 8) plain = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize), chunkSize: 64 * 1024 });
    else throw new Error(`zip method ${e.method}`);
  } catch {
    throw corrupt();
  }
  if (plain.length !== e.uncompressedSize) throw corrupt();
  const expected = view.getUint32(p + 14, true);
  const flags = view.getUint16(p + 6, true);
  if ((flags & 0x08) === 0 && crc32(plain) !== expected) throw corrupt();
  return plain;
}

export interface VerifyOptions {
  /** The parts to hand back inflated (so the lean .xlsx reader never inflates twice). */
  keep?: (name: string) => boolean;
  limits?: ImportLimits;
}

/**
 * Checks the declared sizes of every entry against the limits (assertNotZipBomb), then inflates every
 * entry once through inflatePart — directories too, since SheetJS inflates whatever an entry holds.
 * Only after this may SheetJS read the file: every entry is then known to inflate to what it declares.
 */
export function verifyZipEntries(bytes: Uint8Array, entries: readonly ZipEntry[], opts: VerifyOptions = {}): Map<string, Uint8Array> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  assertNotZipBomb(entries, limits);
  const kept = new Map<string, Uint8Array>();
  for (const e of entries) {
    const plain = inflatePart(bytes, e, limits.maxUncompressedBytes);
    if (opts.keep?.(e.name)) kept.set(e.name, plain);
  }
  return kept;
}
