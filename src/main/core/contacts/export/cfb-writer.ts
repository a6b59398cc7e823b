import { contactsError } from '../contacts-error.ts';
import { ByteWriter } from './byte-writer.ts';

/**
 * The smallest Compound File (OLE2, [MS-CFB] v3) that holds one stream: header, the stream's
 * sectors, one directory sector (Root Entry + the stream), then the FAT. The stream is padded to
 * 4096 bytes so it never goes to the mini stream (Excel pads its Workbook stream the same way).
 * The FAT must fit the 109 header DIFAT slots: streams up to ~7 MB, plenty for 65,535 numbers.
 */
const SECTOR = 512;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;
const MINI_CUTOFF = 4096;

function dirEntry(w: ByteWriter, name: string, type: number, child: number, start: number, size: number): void {
  const at = w.length;
  for (let i = 0; i < name.length; i++) w.u16(name.charCodeAt(i));
  w.zeros(64 - name.length * 2);
  w.u16((name.length + 1) * 2);
  w.u8(type);
  w.u8(1); // black
  w.u32(NOSTREAM).u32(NOSTREAM).u32(child);
  w.zeros(16 + 4 + 8 + 8); // CLSID, state bits, creation and modified times
  w.u32(start).u32(size).u32(0);
  if (w.length - at !== 128) throw new Error('directory entry size');
}

function unusedEntry(w: ByteWriter): void {
  w.zeros(64 + 2 + 2);
  w.u32(NOSTREAM).u32(NOSTREAM).u32(NOSTREAM);
  w.zeros(16 + 4 + 8 + 8 + 4 + 8);
}

export function writeSingleStreamCfb(streamName: string, data: Uint8Array): Uint8Array {
  const size = Math.max(data.length, MINI_CUTOFF);
  const streamSectors = Math.ceil(size / SECTOR);
  const dirSector = streamSectors;
  let fatSectors = 1;
  while (fatSectors * (SECTOR / 4) < streamSectors + 1 + fatSectors) fatSectors++;
  if (fatSectors > 109) {
    throw contactsError('CONTACTS_EXPORT_TOO_LARGE', 'This .xls file would be too large. Export fewer numbers per file.');
  }
  const firstFat = streamSectors + 1;
  const total = SECTOR * (1 + streamSectors + 1 + fatSectors);
  const w = new ByteWriter(total);
  // Header
  w.bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).zeros(16);
  w.u16(0x003e).u16(0x0003).u16(0xfffe).u16(9).u16(6).zeros(6);
  w.u32(0).u32(fatSectors).u32(dirSector).u32(0).u32(MINI_CUTOFF);
  w.u32(ENDOFCHAIN).u32(0).u32(ENDOFCHAIN).u32(0);
  for (let i = 0; i < 109; i++) w.u32(i < fatSectors ? firstFat + i : FREESECT);
  // Stream sectors, padded with zeros.
  w.bytes(data).zeros(streamSectors * SECTOR - data.length);
  // Directory: Root Entry (no mini stream), the stream, two unused entries.
  dirEntry(w, 'Root Entry', 5, 1, ENDOFCHAIN, 0);
  dirEntry(w, streamName, 2, NOSTREAM, 0, size);
  unusedEntry(w);
  unusedEntry(w);
  // FAT
  for (let s = 0; s < streamSectors; s++) w.u32(s === streamSectors - 1 ? ENDOFCHAIN : s + 1);
  w.u32(ENDOFCHAIN); // directory
  for (let i = 0; i < fatSectors; i++) w.u32(FATSECT);
  const used = streamSectors + 1 + fatSectors;
  for (let i = used; i < fatSectors * (SECTOR / 4); i++) w.u32(FREESECT);
  if (w.length !== total) throw new Error(`cfb size ${w.length} != ${total}`);
  return w.result();
}
