/**
 * Small XML text helpers for the lean .xlsx reader, written to give exactly what SheetJS gives:
 * the five named entities, numeric character references (as UTF-16 code units), `_xHHHH_`
 * escapes, CDATA sections, and (in cell text) CRLF folded to LF.
 */
const ENTITIES = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const CODES = /_x([\da-fA-F]{4})_/gi;
const NAMED: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };

function rawUnescape(s: string): string {
  const i = s.indexOf('<![CDATA[');
  if (i === -1) {
    let out = s;
    if (out.includes('&')) {
      out = out.replace(ENTITIES, (m: string, code: string | undefined) => {
        // As SheetJS: named entities are case-sensitive, anything else is a character code.
        return NAMED[m] ?? String.fromCharCode(parseInt(code ?? '', m.includes('x') ? 16 : 10));
      });
    }
    if (out.includes('_x') || out.includes('_X')) out = out.replace(CODES, (_m: string, c: string) => String.fromCharCode(parseInt(c, 16)));
    return out;
  }
  const j = s.indexOf(']]>');
  return rawUnescape(s.slice(0, i)) + s.slice(i + 9, j) + rawUnescape(s.slice(j + 3));
}

export function unescapeXml(s: string, cellText = false): string {
  const out = rawUnescape(s);
  return cellText && out.includes('\r\n') ? out.replace(/\r\n/g, '\n') : out;
}

const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attributes of one start tag (`<c r="A1" t="s">`), names without a namespace prefix, values raw. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(tag)) !== null) {
    const name = m[1] as string;
    const colon = name.indexOf(':');
    const local = colon >= 0 && !name.startsWith('xmlns') ? name.slice(colon + 1) : name;
    if (!out.has(local)) out.set(local, m[2] ?? m[3] ?? '');
  }
  return out;
}

/** Content of the first `<name …>…</name>` at or after `from` (unprefixed), or undefined. */
export function elementText(xml: string, name: string, from = 0, to = xml.length): string | undefined {
  let i = xml.indexOf(`<${name}`, from);
  while (i >= 0 && i < to) {
    const next = xml.charCodeAt(i + name.length + 1);
    if (next === 62 /* > */ || next === 32 || next === 9 || next === 10 || next === 13) {
      const open = xml.indexOf('>', i);
      if (open < 0 || open >= to) return undefined;
      if (xml.charCodeAt(open - 1) === 47 /* / */) return undefined;
      const close = xml.indexOf(`</${name}>`, open);
      if (close < 0 || close > to) return undefined;
      return xml.slice(open + 1, close);
    }
    i = xml.indexOf(`<${name}`, i + 1);
  }
  return undefined;
}

/** "B12" → { r: 11, c: 1 }; undefined unless it is exactly letters then digits. */
export function decodeCell(ref: string): { r: number; c: number } | undefined {
  const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  let c = 0;
  for (const ch of m[1] as string) c = c * 26 + ch.charCodeAt(0) - 64;
  return { r: Number(m[2]) - 1, c: c - 1 };
}

export interface CellRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export function decodeRange(ref: string): CellRange | undefined {
  const [a, b = a] = ref.split(':');
  const s = decodeCell(a ?? '');
  const e = decodeCell(b ?? '');
  return s && e ? { s, e } : undefined;
}
