/**
 * The Workbook stream of a Compound File (OLE2, [MS-CFB]) — only what the lean .xls reader needs:
 * one stream at the root, in regular sectors. Hand-written rather than SheetJS's CFB reader because
 * that one copies every stream into its own buffer as part of XLSX.read (which also parses every
 * cell); this is a few dozen lines that follow one sector chain. Anything unusual (mini-stream
 * workbook, an "encryption" entry, broken chains, sectors past the end, a BIFF5 "Book" stream)
 * gives undefined and the caller uses SheetJS, which reports the real problem.
 */
const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENDOFCHAIN = 0xfffffffe;
const NOSTREAM = 0xffffffff;
const MAX_REGULAR = 0xfffffffa;

export function readWorkbookStream(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < 512) return undefined;
  for (let i = 0; i < SIGNATURE.length; i++) if (bytes[i] !== SIGNATURE[i]) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => view.getUint32(at, true);
  const shift = view.getUint16(30, true);
  if (view.getUint16(28, true) !== 0xfffe || (shift !== 9 && shift !== 12)) return undefined;
  const size = 1 << shift;
  const sectors = Math.floor((bytes.length - size) / size);
  const sectorAt = (n: number) => (n + 1) * size;
  const valid = (n: number) => n <= MAX_REGULAR && n < sectors;

  // FAT sector numbers: 109 in the header, the rest in the DIFAT chain.
  const fatCount = u32(44);
  if (fatCount === 0 || fatCount > sectors) return undefined;
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(u32(76 + i * 4));
  let difat = u32(68);
  for (let hops = 0; fatSectors.length < fatCount; hops++) {
    if (!valid(difat) || hops > sectors) return undefined;
    const at = sectorAt(difat);
    for (let i = 0; i < size / 4 - 1 && fatSectors.length < fatCount; i++) fatSectors.push(u32(at + i * 4));
    difat = u32(at + size - 4);
  }
  const perSector = size / 4;
  const fat = new Uint32Array(fatCount * perSector);
  for (let k = 0; k < fatCount; k++) {
    const s = fatSectors[k] as number;
    if (!valid(s)) return undefined;
    const at = sectorAt(s);
    for (let i = 0; i < perSector; i++) fat[k * perSector + i] = u32(at + i * 4);
  }
  const chain = (start: number, limit: number): number[] | undefined => {
    const out: number[] = [];
    for (let s = start; s !== ENDOFCHAIN; s = fat[s] as number) {
      if (!valid(s) || s >= fat.length || out.length >= limit) return undefined;
      out.push(s);
    }
    return out;
  };

  const dirChain = chain(u32(48), sectors);
  if (!dirChain) return undefined;
  const entryAt = (id: number): number | undefined => {
    const sector = dirChain[Math.floor((id * 128) / size)];
    return sector === undefined ? undefined : sectorAt(sector) + ((id * 128) % size);
  };
  const nameOf = (at: number): string => {
    const len = Math.min(view.getUint16(at + 64, true), 64);
    let name = '';
    for (let i = 0; i + 2 < len; i += 2) name += String.fromCharCode(view.getUint16(at + i, true));
    return name.toUpperCase();
  };
  const root = entryAt(0);
  if (root === undefined || bytes[root + 66] !== 5) return undefined;

  // The root's children: a tree linked by left/right sibling ids.
  let workbook: number | undefined;
  const seen = new Set<number>();
  const stack = [u32(root + 76)];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (id === NOSTREAM) continue;
    if (seen.has(id) || seen.size > dirChain.length * (size / 128)) return undefined;
    seen.add(id);
    const at = entryAt(id);
    if (at === undefined) return undefined;
    const name = nameOf(at);
    if (name === 'ENCRYPTION' || name === 'ENCRYPTIONINFO' || name === 'ENCRYPTEDPACKAGE' || name === 'BOOK') return undefined;
    if (name === 'WORKBOOK') {
      if (workbook !== undefined || bytes[at + 66] !== 2) return undefined;
      workbook = at;
    }
    stack.push(u32(at + 68), u32(at + 72));
  }
  if (workbook === undefined) return undefined;
  const length = u32(workbook + 120);
  if (length < u32(56) || (shift === 12 && u32(workbook + 124) !== 0)) return undefined; // mini stream
  const sectorsOfStream = chain(u32(workbook + 116), sectors);
  if (!sectorsOfStream || sectorsOfStream.length * size < length) return undefined;
  const out = new Uint8Array(length);
  for (let i = 0; i * size < length; i++) {
    const at = sectorAt(sectorsOfStream[i] as number);
    out.set(bytes.subarray(at, at + Math.min(size, length - i * size)), i * size);
  }
  return out;
}
