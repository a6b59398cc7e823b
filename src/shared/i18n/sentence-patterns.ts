/**
 * Main's sentences in the user's language. Main speaks plain English (errors, warnings, history
 * details); the `core` and `schema` namespaces are keyed by those sentences. A sentence with values in
 * it is keyed with a slot where each value goes, and the slot says what the value is:
 * - `{{n0}}` a number (digits, sign, `,` and `.`);
 * - `{{t0}}` a phrase of the app's own (a JSMS code's cause, a request's name, another sentence),
 *   shown translated;
 * - `{{p0}}` anything else (a file or list name, a provider's own text), shown exactly as it came.
 * A sentence is recognised by matching the English pattern. Unknown sentences are shown as they came.
 *
 * Results are cached per i18n instance and language: log rows repeat the same few sentences.
 */
import type { i18n as I18n } from 'i18next';

const NAMESPACES = ['core', 'schema'] as const;
const LOOKUP = { keySeparator: false, nsSeparator: false } as const;
const SLOT = /\{\{([ntp])(\d+)\}\}/g;
const MAX_DEPTH = 3;
const CACHE_LIMIT = 5000;
/** Longer texts are not matched against patterns: none of main's sentences is this long. */
const MAX_PATTERN_TEXT = 1000;
const NUMBER = '(-?\\d[\\d,.]*)';

interface Slot {
  name: string;
  kind: 'n' | 't' | 'p';
}

interface Pattern {
  key: string;
  /**
   * Every way to read the text values: each one shortest or longest. A phrase can hold the text
   * around it ("the code validity (ttl) is invalid"), so the reading whose `t` values are known
   * phrases wins; the all-shortest reading comes first and wins ties.
   */
  readings: RegExp[];
  slots: Slot[];
  /** Length of the fixed text: longer (more specific) patterns are tried first. */
  weight: number;
  /**
   * A key of phrases and punctuation only ("{{t0}}: {{t1}}", two sentences joined): it would match
   * almost anything, so it applies only when every one of its phrases is one the app knows.
   */
  phrasesOnly: boolean;
}

interface State {
  patterns: Pattern[];
  language: string;
  cache: Map<string, string>;
}

const states = new WeakMap<I18n, State>();

function compile(key: string): Pattern | null {
  const slots: Slot[] = [];
  const texts: string[] = [];
  let last = 0;
  for (const m of key.matchAll(SLOT)) {
    texts.push(key.slice(last, m.index));
    slots.push({ kind: m[1] as Slot['kind'], name: `${m[1]}${m[2]}` });
    last = m.index + m[0].length;
  }
  if (slots.length === 0) return null;
  texts.push(key.slice(last));
  const fixed = texts.join('');
  // A key that is only values and punctuation ("{{p0}}: {{p1}}") would match anything; one of
  // phrases only ("{{t0}}: {{t1}}") is kept, and used only where each phrase is known.
  const phrasesOnly = !/\p{L}{2}/u.test(fixed);
  if (phrasesOnly && slots.some((s) => s.kind !== 't')) return null;
  const free = slots.map((s, i) => (s.kind === 'n' ? -1 : i)).filter((i) => i >= 0);
  const readings: RegExp[] = [];
  for (let greedy = 0; greedy < 2 ** free.length; greedy++) {
    const group = (i: number) => {
      if (slots[i]!.kind === 'n') return NUMBER;
      return (greedy >> free.indexOf(i)) & 1 ? '([\\s\\S]*)' : '([\\s\\S]*?)';
    };
    readings.push(new RegExp(`^${texts.map((t, i) => RegExp.escape(t) + (i < slots.length ? group(i) : '')).join('')}$`));
  }
  return { key, readings, slots, weight: fixed.length, phrasesOnly };
}

function stateOf(i18n: I18n): State {
  let state = states.get(i18n);
  if (!state) {
    const keys = NAMESPACES.flatMap((ns) => Object.keys((i18n.getResourceBundle('en', ns) as Record<string, string> | undefined) ?? {}));
    const patterns = keys.map(compile).filter((p): p is Pattern => p !== null);
    // Phrases joined by punctuation first (they apply only when every part is known), then the most specific.
    patterns.sort((a, b) => Number(b.phrasesOnly) - Number(a.phrasesOnly) || b.weight - a.weight);
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
  if (depth >= MAX_DEPTH || text.length > MAX_PATTERN_TEXT) return text;
  for (const p of state.patterns) {
    if (!p.readings[0]!.test(text)) continue;
    let best: { values: Record<string, string>; score: number } | null = null;
    for (const reading of p.readings) {
      const m = reading.exec(text);
      if (!m) continue;
      let score = 0;
      const values: Record<string, string> = {};
      p.slots.forEach((slot, i) => {
        const raw = m[i + 1]!;
        const shown = slot.kind === 't' ? translate(i18n, state, raw, depth + 1) : raw;
        if (shown !== raw) score++;
        values[slot.name] = shown;
      });
      if (p.phrasesOnly && score < p.slots.length) continue;
      if (!best || score > best.score) best = { values, score };
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
