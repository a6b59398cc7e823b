import { attributes, unescapeXml } from './xml-text.ts';

/**
 * The workbook-level parts of an .xlsx the lean reader needs: sheet names and where each sheet's
 * XML lives (xl/workbook.xml + its rels), the shared strings, and each cell style's number format.
 * Every function returns undefined for anything it does not fully understand, and the caller
 * falls back to SheetJS.
 */
export interface SheetRef {
  name: string;
  /** Zip path of the worksheet part, e.g. xl/worksheets/sheet1.xml. */
  path: string;
}

const STRICT_NS = 'purl.oclc.org/ooxml';
const WORKSHEET_REL = '/relationships/worksheet';

/** Sheet names, in order, from xl/workbook.xml (no rels needed): cheap enough for upload time. */
export function workbookSheetNames(workbookXml: string): Array<{ name: string; rid: string }> | undefined {
  if (workbookXml.includes(STRICT_NS)) return undefined;
  const start = workbookXml.indexOf('<sheets');
  const end = workbookXml.indexOf('</sheets>');
  if (start < 0 || end < start) return undefined;
  const out: Array<{ name: string; rid: string }> = [];
  const re = /<sheet\b[^>]*>/g;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(workbookXml)) !== null && m.index < end) {
    const a = attributes(m[0]);
    const name = a.get('name');
    const rid = a.get('id');
    if (name === undefined || rid === undefined) return undefined;
    out.push({ name: unescapeXml(name), rid });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The workbook's date system: `<workbookPr date1904="1">` (Mac Excel, Numbers) counts serial dates
 * from 1904-01-01. Read as SheetJS reads xsd:boolean (1/true; anything else is the 1900 system).
 */
export function workbookDate1904(workbookXml: string): boolean {
  const tag = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbookXml);
  const v = tag ? attributes(tag[0]).get('date1904') : undefined;
  return v === '1' || v === 'true';
}

export function resolveSheets(workbookXml: string, relsXml: string): SheetRef[] | undefined {
  const names = workbookSheetNames(workbookXml);
  if (!names) return undefined;
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const id = a.get('Id');
    const type = a.get('Type') ?? '';
    const target = a.get('Target');
    if (id === undefined || target === undefined) continue;
    if (!type.endsWith(WORKSHEET_REL)) {
      targets.set(id, '');
      continue;
    }
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    targets.set(id, path.replace(/\/\.\//g, '/'));
  }
  const out: SheetRef[] = [];
  for (const { name, rid } of names) {
    const path = targets.get(rid);
    // Chart sheets, dialog sheets, paths with "..": leave them to SheetJS.
    if (path === undefined || path === '' || path.includes('..')) return undefined;
    out.push({ name, path });
  }
  return out;
}

const SI_OPEN = /<(?:si|sstItem)>/g;
const SI_CLOSE = /<\/(?:si|sstItem)>/;
const PLAIN_T = /^\s*<(?:\w+:)?t[^>]*>/;
const T_CLOSE = /<\/(?:\w+:)?t>/;
const RICH_RUN = /<(?:\w+:)?r\b[^<>]*>/;
const RUN_T = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g;
const PHONETIC = /<rPh\b[\s\S]*?<\/rPh>/g;

/** One `<si>`: plain `<t>`, or rich-text runs joined (phonetic runs left out) — as SheetJS reads it. */
function stringItem(x: string): string {
  if (x === '') return '';
  if (PLAIN_T.test(x)) return unescapeXml(x.slice(x.indexOf('>') + 1).split(T_CLOSE)[0] ?? '', true);
  if (RICH_RUN.test(x)) {
    let joined = '';
    for (const m of x.replace(PHONETIC, '').matchAll(RUN_T)) joined += m[1];
    return unescapeXml(joined, true);
  }
  return '';
}

export function parseSharedStrings(xml: string): string[] | undefined {
  const open = xml.indexOf('<sst');
  const close = xml.lastIndexOf('</sst>');
  if (open < 0) return undefined;
  if (close < 0) return xml.slice(open).match(/^<sst\b[^>]*\/>/) ? [] : undefined;
  const body = xml.slice(xml.indexOf('>', open) + 1, close);
  if (/<(?:si|sstItem)\s[^>]*>/.test(body) || /<\w+:si\b/.test(body)) return undefined;
  const parts = body.replace(SI_OPEN, '').split(SI_CLOSE);
  const out: string[] = new Array(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = stringItem((parts[i] as string).trim());
  return out;
}

/** Number format of each cell style (cellXfs index → format id or custom format code). */
export interface CellFormats {
  xf: number[];
  custom: Map<number, string>;
}

export function parseStyles(xml: string): CellFormats | undefined {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const id = Number(a.get('numFmtId'));
    const code = a.get('formatCode');
    if (!Number.isInteger(id) || code === undefined) return undefined;
    custom.set(id, unescapeXml(code));
  }
  const xf: number[] = [];
  const start = xml.indexOf('<cellXfs');
  if (start >= 0) {
    const end = xml.indexOf('</cellXfs>', start);
    const body = xml.slice(start, end < 0 ? undefined : end);
    for (const m of body.matchAll(/<xf\b[^>]*>/g)) xf.push(Number(attributes(m[0]).get('numFmtId') ?? 0) || 0);
  }
  return { xf, custom };
}
