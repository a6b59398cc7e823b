/**
 * What the Contacts screen searches: one lower-cased text per contact made of the number's digits,
 * the cell as imported, the variable values and the tags (last: an import that refreshes the
 * variables appends the tags in SQL, import-writer.ts). Kept in `contacts.search_text`.
 */
export function searchTextOf(e164: string, original: string, vars: Record<string, string>, tags: readonly string[] = []): string {
  const parts = [e164.replace(/^\+/, ''), original];
  for (const v of Object.values(vars)) if (v !== '') parts.push(v);
  parts.push(...tags);
  return parts.join('\u001f').toLowerCase();
}

export type SearchFilter = { kind: 'none' } | { kind: 'prefix'; from: string; to: string } | { kind: 'like'; pattern: string };

const PLUS_DIGITS = /^\+[\d\s-]*$/;

/**
 * `+86138` → an index range on e164 (prefix search); anything else → a LIKE on search_text.
 * Digits typed with spaces or dashes match the stored digits.
 */
export function searchFilterOf(query: string): SearchFilter {
  const q = query.trim().toLowerCase();
  if (q === '') return { kind: 'none' };
  if (PLUS_DIGITS.test(q)) {
    const from = `+${q.replace(/\D/g, '')}`;
    // Every string that starts with `from` sorts before `from` + U+FFFF.
    return { kind: 'prefix', from, to: `${from}\uffff` };
  }
  const needle = /^[\d\s-]+$/.test(q) ? q.replace(/[\s-]/g, '') : q;
  return { kind: 'like', pattern: `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
}
