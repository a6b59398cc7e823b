/**
 * Opens a big-part .xlsx through the real contract (`importOpen` on a core over a temp dir) in a fresh
 * process, so the memory figures are this file's alone. Its `xl/workbook.xml` holds a valid sheet list
 * and then spaces:
 * - `bomb`: really 1 GiB, declared as 4 GiB (0xFFFFFFFF, the most a zip entry can declare) — a ~1 MB file;
 * - `big-part`: really 500 MiB and declared honestly, with 3 MiB of random bytes first so the compression
 *   ratio (~160) passes the zip-bomb check — a ~4 MB file that is not a bomb, just too big to read on main.
 * Prints JSON with the answer and the peak RSS. Run: node tests/unit/contacts/zip-bomb-open-probe.ts bomb|big-part
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { makeTestCore } from '../../helpers/test-core.ts';
import { deflateRepeated, makeZip, type ZipPart } from '../../helpers/zip-writer.ts';

const mode = process.argv[2] === 'big-part' ? 'big-part' : 'bomb';
const enc = new TextEncoder();
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const part = (name: string, xml: string): ZipPart => ({ name, data: enc.encode(xml) });

function workbookPart(): ZipPart {
  const head = enc.encode(`<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="Numbers" sheetId="1" r:id="rId1"/></sheets>`);
  // Random bytes inside a comment: incompressible, so the part's ratio stays believable.
  const noise = mode === 'big-part' ? Buffer.concat([enc.encode('<!--'), Buffer.from(randomBytes(3 * 1024 * 1024).map((b) => 0x41 + (b % 26))), enc.encode('-->')]) : new Uint8Array(0);
  const spaces = new Uint8Array(1024 * 1024).fill(0x20);
  const times = mode === 'big-part' ? 497 : 1024;
  const tail = enc.encode('</workbook>');
  const first = Buffer.concat([head, noise]);
  let crc = crc32(first);
  for (let i = 0; i < times; i++) crc = crc32(spaces, crc);
  crc = crc32(tail, crc);
  const real = first.length + times * spaces.length + tail.length;
  return { name: 'xl/workbook.xml', data: new Uint8Array(0), raw: deflateRepeated(first, spaces, times, tail), declaredSize: mode === 'bomb' ? 0xffffffff : real, crc };
}

const file = makeZip([
  part('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
  part('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
  workbookPart(),
  part('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
  part('xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>13800138000</t></is></c></row></sheetData></worksheet>`),
]);

const dir = mkdtempSync(join(tmpdir(), 'sms-zip-bomb-'));
const { core } = makeTestCore(dir);
try {
  const maxRssBeforeMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const result = await core.invoke('importOpen', { fileName: 'big.xlsx', base64: Buffer.from(file).toString('base64') });
  console.log(JSON.stringify({ mode, fileBytes: file.byteLength, result, maxRssBeforeMb, maxRssAfterMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
} finally {
  await core.stop();
  rmSync(dir, { recursive: true, force: true });
}
