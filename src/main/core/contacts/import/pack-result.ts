import type { DuplicateRow, ImportedContact, ImportResult, RejectedRow, RejectReason } from '../../../../shared/contacts.ts';
import { NON_MOBILE_KINDS } from '../../../../shared/phone/line-type.ts';

/**
 * The worker's result in a compact, mostly transferable form. Structured-cloning a million
 * contact objects takes seconds *on the receiving (main) thread*; numbers go as Int32Arrays
 * (transferred, zero copy) and text as a few NUL-joined strings (one memcpy each), so the main
 * side only splits strings and builds objects.
 */
export interface PackedResult {
  source: ImportResult['source'];
  mapping: ImportResult['mapping'];
  counts: ImportResult['counts'];
  variables: string[];
  contactRows: Int32Array;
  contactDuplicates: Int32Array;
  contactOptedOut: Uint8Array;
  /** 0 = mobile (or may be one), else 1 + the index in NON_MOBILE_KINDS. */
  contactNonMobile: Uint8Array;
  /** e164, original, then each variable, for every contact, joined with SEP. */
  contactText: string;
  rejectRows: Int32Array;
  /** original, reason, message for every reject, joined with SEP. */
  rejectText: string;
  /** Each duplicate row and the row it duplicates, in pairs. */
  duplicateRows: Int32Array;
  /** original of every duplicate row, joined with SEP. */
  duplicateText: string;
}

const SEP = '\u0000';
const clean = (s: string) => (s.includes(SEP) ? s.replaceAll(SEP, '\ufffd') : s);

export function packResult(result: ImportResult): { packed: PackedResult; transfer: ArrayBuffer[] } {
  const variables = result.mapping.columns.map((c) => c.variable).filter((v) => v !== '');
  const n = result.contacts.length;
  const contactRows = new Int32Array(n);
  const contactDuplicates = new Int32Array(n);
  const contactOptedOut = new Uint8Array(n);
  const contactNonMobile = new Uint8Array(n);
  const text: string[] = [];
  result.contacts.forEach((c, i) => {
    contactRows[i] = c.row;
    contactDuplicates[i] = c.duplicates;
    contactOptedOut[i] = c.optedOut ? 1 : 0;
    contactNonMobile[i] = c.nonMobile === undefined ? 0 : NON_MOBILE_KINDS.indexOf(c.nonMobile) + 1;
    text.push(c.e164, clean(c.original));
    for (const v of variables) text.push(clean(c.vars[v] ?? ''));
  });
  const rejectRows = new Int32Array(result.rejects.length);
  const rejectText: string[] = [];
  result.rejects.forEach((r, i) => {
    rejectRows[i] = r.row;
    rejectText.push(clean(r.original), r.reason, clean(r.message));
  });
  const duplicateRows = new Int32Array(result.duplicateRows.length * 2);
  result.duplicateRows.forEach((d, i) => {
    duplicateRows[2 * i] = d.row;
    duplicateRows[2 * i + 1] = d.duplicateOf;
  });
  const packed: PackedResult = {
    source: result.source,
    mapping: result.mapping,
    counts: result.counts,
    variables,
    contactRows,
    contactDuplicates,
    contactOptedOut,
    contactNonMobile,
    contactText: text.join(SEP),
    rejectRows,
    rejectText: rejectText.join(SEP),
    duplicateRows,
    duplicateText: result.duplicateRows.map((d) => clean(d.original)).join(SEP),
  };
  return {
    packed,
    transfer: [contactRows.buffer, contactDuplicates.buffer, contactOptedOut.buffer, contactNonMobile.buffer, rejectRows.buffer, duplicateRows.buffer] as ArrayBuffer[],
  };
}

export function unpackResult(p: PackedResult): ImportResult {
  const width = 2 + p.variables.length;
  const text = p.contactRows.length === 0 ? [] : p.contactText.split(SEP);
  const contacts: ImportedContact[] = new Array(p.contactRows.length);
  for (let i = 0; i < contacts.length; i++) {
    const base = i * width;
    const vars: Record<string, string> = {};
    for (let v = 0; v < p.variables.length; v++) vars[p.variables[v] as string] = text[base + 2 + v] ?? '';
    contacts[i] = {
      row: p.contactRows[i] as number,
      original: text[base + 1] ?? '',
      e164: text[base] ?? '',
      vars,
      duplicates: p.contactDuplicates[i] as number,
      optedOut: p.contactOptedOut[i] === 1,
    };
    const line = p.contactNonMobile[i] as number;
    if (line > 0) contacts[i]!.nonMobile = NON_MOBILE_KINDS[line - 1];
  }
  const rt = p.rejectRows.length === 0 ? [] : p.rejectText.split(SEP);
  const rejects: RejectedRow[] = new Array(p.rejectRows.length);
  for (let i = 0; i < rejects.length; i++) {
    rejects[i] = {
      row: p.rejectRows[i] as number,
      original: rt[i * 3] ?? '',
      reason: (rt[i * 3 + 1] ?? 'invalid') as RejectReason,
      message: rt[i * 3 + 2] ?? '',
    };
  }
  const dt = p.duplicateRows.length === 0 ? [] : p.duplicateText.split(SEP);
  const duplicateRows: DuplicateRow[] = new Array(p.duplicateRows.length / 2);
  for (let i = 0; i < duplicateRows.length; i++) {
    duplicateRows[i] = { row: p.duplicateRows[2 * i] as number, original: dt[i] ?? '', duplicateOf: p.duplicateRows[2 * i + 1] as number };
  }
  return { source: p.source, mapping: p.mapping, counts: p.counts, contacts, rejects, duplicateRows };
}
