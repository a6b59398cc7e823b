import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer for tests and fixtures: each part deflated (or given raw, e.g. corrupt), with an
 * optional lying uncompressed size (for zip bombs). Deterministic: same parts, same bytes.
 */
export interface ZipPart {
  name: string;
  data: Uint8Array;
  /** Compressed bytes to store instead of deflating `data` (for corrupt entries). */
  raw?: Uint8Array;
  /** Uncompressed size to declare instead of the real one (for lying bombs). */
  declaredSize?: number;
  /** CRC-32 to write instead of `data`'s (with `raw`, when `data` is not the real content). */
  crc?: number;
}

export function makeZip(parts: ZipPart[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const enc = new TextEncoder();
  for (const p of parts) {
    const name = enc.encode(p.name);
    const comp = p.raw ?? new Uint8Array(deflateRawSync(p.data, { level: 9 }));
    const crc = p.crc ?? crc32(p.data);
    const size = p.declaredSize ?? p.data.length;
    const loc = new DataView(new ArrayBuffer(30));
    loc.setUint32(0, 0x04034b50, true);
    loc.setUint16(4, 20, true);
    loc.setUint16(8, 8, true);
    loc.setUint32(14, crc, true);
    loc.setUint32(18, comp.length, true);
    loc.setUint32(22, size, true);
    loc.setUint16(26, name.length, true);
    const cen = new DataView(new ArrayBuffer(46));
    cen.setUint32(0, 0x02014b50, true);
    cen.setUint16(4, 20, true);
    cen.setUint16(6, 20, true);
    cen.setUint16(10, 8, true);
    cen.setUint32(16, crc, true);
    cen.setUint32(20, comp.length, true);
    cen.setUint32(24, size, true);
    cen.setUint16(28, name.length, true);
    cen.setUint32(42, offset, true);
    chunks.push(new Uint8Array(loc.buffer), name, comp);
    central.push(new Uint8Array(cen.buffer), name);
    offset += 30 + name.length + comp.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const eocd = new DataView(new ArrayBuffer(22));
  eocd.setUint32(0, 0x06054b50, true);
  eocd.setUint16(8, parts.length, true);
  eocd.setUint16(10, parts.length, true);
  eocd.setUint32(12, cdSize, true);
  eocd.setUint32(16, offset, true);
  return concat([...chunks, ...central, new Uint8Array(eocd.buffer)]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((s, p) => s + p.length, 0);
  const outBuf = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    outBuf.set(p, o);
    o += p.length;
  }
  return outBuf;
}


/**
 * A raw deflate stream of `head`, then `chunk` repeated `times`, then `tail`, built without ever holding
 * the inflated text: each piece is compressed on its own with a full flush (no back-references across
 * pieces, byte-aligned, not final), so the compressed chunk can simply be repeated; an empty final block
 * ends the stream. 1 GiB of one repeated byte compresses to about 1 MB: a real zip bomb for tests.
 */
export function deflateRepeated(head: Uint8Array, chunk: Uint8Array, times: number, tail: Uint8Array): Uint8Array {
  const piece = (data: Uint8Array) => new Uint8Array(deflateRawSync(data, { finishFlush: constants.Z_FULL_FLUSH }));
  const body = piece(chunk);
  return concat([piece(head), ...Array.from({ length: times }, () => body), piece(tail), new Uint8Array(deflateRawSync(new Uint8Array(0)))]);
}
