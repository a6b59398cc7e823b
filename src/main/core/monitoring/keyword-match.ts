/**
 * How an inbound SMS is matched against words: compared after Unicode compatibility folding (NFKC:
 * full-width "ＳＴＯＰ" is "STOP") and without case.
 * - Opt-out keywords (built in, Settings): the WHOLE text is the keyword, ignoring surrounding spaces,
 *   punctuation and symbols ("Stop.", "TD！").
 * - Inbox rules: the text STARTS with the keyword as a whole word ("info", "Info please", "INFO!"
 *   match INFO; "information" does not). A keyword ending in a Chinese character matches whatever
 *   follows it ("查询" matches "查询余额"): Chinese puts no space between words.
 */

const EDGE = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu;
const LEADING = /^[\p{P}\p{S}\s]+/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const HAN = /\p{Script=Han}/u;

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/** A keyword as it is compared (also how two keywords are told apart). */
export function keywordKey(keyword: string): string {
  return fold(keyword).trim();
}

/** Whole-text match, case-insensitive, ignoring surrounding spaces and punctuation ("Stop.", "TD！"). */
export function isOptOutText(text: string, keywords: readonly string[]): boolean {
  const t = fold(text).trim().replace(EDGE, '');
  if (t === '') return false;
  return keywords.some((k) => keywordKey(k) === t);
}

/** The text starts with the keyword as a whole word (see above). */
export function startsWithKeyword(text: string, keyword: string): boolean {
  const k = keywordKey(keyword);
  if (k === '') return false;
  const t = fold(text).replace(LEADING, '');
  if (!t.startsWith(k)) return false;
  const next = t.slice(k.length, k.length + 2);
  if (next === '' || !WORD_CHAR.test(next[0]!)) return true;
  return HAN.test(k.slice(-1));
}
