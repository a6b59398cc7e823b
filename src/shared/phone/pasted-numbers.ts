import type { CountryCode } from 'libphonenumber-js/max';
import { normalisePhone } from './normalise.ts';

/**
 * Pasted numbers, split the one way both the paste box's count and the campaign use (so the box says
 * what the summary will say). Numbers are separated by line breaks, commas, semicolons, tabs, bars,
 * their full-width forms and the enumeration comma, and by a slash with a space beside it
 * ("139… / +86 139…"; "030/123456", a German way of writing one number, stays whole).
 *
 * Spaces are harder: "+86 139 1234 0003" is one number, "13912340001 13912340002" two. Within a piece,
 * the space-separated parts are grouped the way that gives the most valid numbers, and among equals the
 * fewest entries (so "+86 139 1234 0003" stays one number rather than "+86" and "139 1234 0003").
 *
 * "13912340001, 139-1234-0002 / +86 139 1234 0003 / 12345" → 4 entries: 3 valid, 1 invalid.
 */
const SEPARATORS = /[\r\n,;\t|，；、｜]+|\s+\/\s*|\s*\/\s+/;
/** The most space-separated parts one number is written in ("+86 139 1234 0003" is 4). */
const MAX_PARTS = 6;

export function splitPastedNumbers(text: string, isNumber: (candidate: string) => boolean): string[] {
  const out: string[] = [];
  for (const raw of text.split(SEPARATORS)) {
    const piece = raw.trim();
    if (piece === '' || piece === '/') continue;
    const parts = piece.split(/\s+/);
    if (parts.length === 1) out.push(piece);
    else out.push(...groupParts(parts, isNumber));
  }
  return out;
}

/** Best grouping of parts[0..n): most valid numbers, then fewest entries (dynamic programming). */
function groupParts(parts: readonly string[], isNumber: (candidate: string) => boolean): string[] {
  const n = parts.length;
  const best: { valid: number; entries: number; from: number }[] = [{ valid: 0, entries: 0, from: -1 }];
  for (let i = 1; i <= n; i++) {
    let pick = { valid: -1, entries: Infinity, from: i - 1 };
    for (let j = Math.max(0, i - MAX_PARTS); j < i; j++) {
      const valid = best[j]!.valid + (isNumber(parts.slice(j, i).join(' ')) ? 1 : 0);
      const entries = best[j]!.entries + 1;
      if (valid > pick.valid || (valid === pick.valid && entries < pick.entries)) pick = { valid, entries, from: j };
    }
    best.push(pick);
  }
  const groups: string[] = [];
  for (let i = n; i > 0; i = best[i]!.from) groups.unshift(parts.slice(best[i]!.from, i).join(' '));
  return groups;
}

export interface PastedCount {
  valid: number;
  invalid: number;
}

/** How many numbers a pasted text holds, valid and not, exactly as the campaign will read them. */
export function countPastedNumbers(text: string, region: CountryCode): PastedCount {
  const isNumber = (s: string) => normalisePhone(s, region).ok;
  const count: PastedCount = { valid: 0, invalid: 0 };
  for (const entry of splitPastedNumbers(text, isNumber)) {
    if (isNumber(entry)) count.valid++;
    else count.invalid++;
  }
  return count;
}
