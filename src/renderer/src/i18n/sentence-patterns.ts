/**
 * Main's sentences in the user's language. Main speaks plain English (errors, warnings, history
 * details); the `core` and `schema` namespaces are keyed by those sentences. A sentence with values in
 * it (a file name, a count) is keyed with `{{p0}}`, `{{p1}}`, … where the values go: it is recognised
 * by matching the English pattern, and each value is itself translated when it is a known sentence or
 * phrase (a JSMS code's cause, a request's name). Unknown sentences are shown as they came.
 *
 * Results are cached per i18n instance and language: log rows repeat the same few sentences.
 */
import type { i18n as I18n } from 'i18next';

const NAMESPACES = ['core', 'schema'] as const;
const LOOKUP = { keySeparator: false, nsSeparator: false } as const;
const PLACEHOLDER = /\{\{(p\d+)\}\}/g;
const MAX_DEPTH = 3;
const CACHE_LIMIT = 5000;

interface Pattern {
  key: string;
  /**
   * Every way to read the values: each value shortest or longest. A value can hold the text around
   * it ("the code validity (ttl) is invalid (50041)"), so the reading whose values are themselves
   * known phrases wins; the all-shortest reading comes first and wins ties.
   */
  readings: RegExp[];
  names: string[];
  /** Length of the fixed text: longer (more specific) patterns are tried first. */
  weight: number;
}

interface State {
  patterns: Pattern[];
  language: string;
  cache: Map<string, string>;
}

const states = new WeakMap<I18n, State>();

function compile(key: string): Pattern | null {
  const names: string[] = [];
  const texts: string[] = [];
  let last = 0;
  for (const m of key.matchAll(PLACEHOLDER)) {
    texts.push(key.slice(last, m.index));
    names.push(m[1]!);
    last = m.index + m[0].length;
  }
  if (names.length === 0) return null;
  texts.push(key.slice(last));
  const fixed = texts.join('');
  // A key that is only values and punctuation ("{{p0}}: {{p1}}") would match anything.
  if (!/\p{L}{2}/u.test(fixed)) return null;
  const readings: RegExp[] = [];
  for (let greedy = 0; greedy < 2 ** names.length; greedy++) {
    const groups = names.map((_, i) => ((greedy >> i) & 1 ? '([\\s\\S]*)' : '([\\s\\S]*?)'));
    readings.push(new RegExp(`^${texts.map((t, i) => RegExp.escape(t) + (groups[i] ?? '')).join('')}$`));
  }
  return { key, readings, names, weight: fixed.length };
}

function stateOf(i18n: I18n): State {
  let state = states.get(i18n);
  if (!state) {
    const keys = NAMESPACES.flatMap((ns) => Object.keys((i18n.getResourceBundle('en', ns) as Record<string, string> | undefined) ?? {}));
    const patterns = keys.map(compile).filter((p): p is Pattern => p !== null);
    patterns.sort((a, b) => b.weight - a.weight);
    state = { patterns, language: i18n.language, cache: new Map() };
    states.set(i18n, state);
  }
  if (state.language !== i18n.language) {
    state.language = i18n.language;
    state.cache.clear();
  }
  return state;
}

function exact(i18n: I18n, text: string): string | null {
  for (const ns of NAMESPACES) if (i18n.exists(text, { ns, ...LOOKUP })) return i18n.t(text, { ns, ...LOOKUP });
  return null;
}

function translate(i18n: I18n, state: State, text: string, depth: number): string {
  const known = exact(i18n, text);
  if (known !== null) return known;
  if (depth >= MAX_DEPTH) return text;
  for (const p of state.patterns) {
    if (!p.readings[0]!.test(text)) continue;
    let best: { values: Record<string, string>; score: number } | null = null;
    for (const reading of p.readings) {
      const m = reading.exec(text);
      if (!m) continue;
      const raw = p.names.map((_, i) => m[i + 1]!);
      const done = raw.map((v) => translate(i18n, state, v, depth + 1));
      const score = done.filter((v, i) => v !== raw[i]).length;
      if (!best || score > best.score) best = { values: Object.fromEntries(p.names.map((name, i) => [name, done[i]!])), score };
    }
    if (!best) continue;
    for (const ns of NAMESPACES) if (i18n.exists(p.key, { ns, ...LOOKUP })) return i18n.t(p.key, { ns, ...LOOKUP, ...best.values });
  }
  return text;
}

/** A sentence from main (or the schemas) in the user's language; as it came when it is not known. */
export function translateSentence(i18n: I18n, sentence: string): string {
  const state = stateOf(i18n);
  const hit = state.cache.get(sentence);
  if (hit !== undefined) return hit;
  const out = translate(i18n, state, sentence, 0);
  if (state.cache.size >= CACHE_LIMIT) state.cache.clear();
  state.cache.set(sentence, out);
  return out;
}
