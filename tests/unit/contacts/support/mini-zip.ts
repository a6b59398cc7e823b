import { crc32, deflateRawSync } from 'node:zlib';
import { readZipDirectory, verifyZipEntries } from '../../../../src/main/core/contacts/import/zip-guard.ts';

/** Rewrites a zip with some parts replaced or added (test helper for hand-made .xlsx XML). */
export default function replaceParts(zip: Uint8Array, replace: Record<string, string>): Uint8Array {
  const entries = readZipDirectory(zip);
  const current = verifyZipEntries(zip, entries, () => true);
  const enc = new TextEncoder();
  const parts = new Map<string, Uint8Array>(current);
  for (const [name, xml] of Object.entries(replace)) parts.set(name, enc.encode(xml));
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [n, data] of parts) {
    const name = enc.encode(n);
    const comp = new Uint8Array(deflateRawSync(data));
    const crc = crc32(data);
    const loc = new DataView(new ArrayBuffer(30));
    loc.setUint32(0, 0x04034b50, true);
    loc.setUint16(4, 20, true);
    loc.setUint16(8, 8, true);
    loc.setUint32(14, crc, true);
    loc.setUint32(18, comp.length, true);
    loc.setUint32(22, data.length, true);
    loc.setUint16(26, name.length, true);
    const cen = new DataView(new ArrayBuffer(46));
    cen.setUint32(0, 0x02014b50, true);
    cen.setUint16(4, 20, true);
    cen.setUint16(6, 20, true);
    cen.setUint16(10, 8, true);
    cen.setUint32(16, crc, true);
    cen.setUint32(20, comp.length, true);
    cen.setUint32(24, data.length, true);
    cen.setUint16(28, name.length, true);
    cen.setUint32(42, offset, true);
    chunks.push(new Uint8Array(loc.buffer), name, comp);
    central.push(new Uint8Array(cen.buffer), name);
    offset += 30 + name.length + comp.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const eocd = new DataView(new ArrayBuffer(22));
  eocd.setUint32(0, 0x06054b50, true);
  eocd.setUint16(8, parts.size, true);
  eocd.setUint16(10, parts.size, true);
  eocd.setUint32(12, cdSize, true);
  eocd.setUint32(16, offset, true);
  const all = [...chunks, ...central, new Uint8Array(eocd.buffer)];
  const out = new Uint8Array(all.reduce((s, c) => s + c.length, 0));
  let p = 0;
  for (const c of all) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
