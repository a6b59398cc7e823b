/**
 * `{variable}` placeholders in message text.
 *
 * Syntax, read left to right:
 * - `{{` is a literal `{` and `}}` a literal `}` (so `{{name}}` renders as the text `{name}`).
 * - `{` + 1–64 characters that are not `{`, `}`, `\n` or `\r` + `}` is a placeholder; its name is
 *   the inside, trimmed (`{ 姓名 }` is `姓名`). A placeholder whose inside is only spaces is text.
 * - A `|` inside a placeholder starts its default: `{name|客户}` is the variable `name`, written as
 *   `客户` for a recipient who has no value (or only a blank one) for it. The default is trimmed and
 *   may be empty (`{name|}`: deliberately blank, not missing). The name is what comes before the `|`.
 * - Any other `{` or `}` (unclosed, too long, spanning a line) is kept as literal text.
 */

type Part = { kind: 'text'; text: string } | { kind: 'var'; name: string; fallback?: string };

/** One placeholder as written: its variable name and its default, when it has one. */
export interface Placeholder {
  name: string;
  fallback?: string;
}

const PLACEHOLDER = /\{([^{}\r\n]{1,64})\}/y;

/**
 * The text read left to right as written: an escaped brace (`{{` or `}}`), a placeholder (its source
 * and the inside between the braces) or one literal character. Parsing and rewriting share it.
 */
type Token = { kind: 'escape'; ch: string } | { kind: 'placeholder'; source: string; inside: string } | { kind: 'char'; ch: string };

function* scan(text: string): Generator<Token> {
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if ((ch === '{' || ch === '}') && text.charAt(i + 1) === ch) {
      yield { kind: 'escape', ch };
      i += 2;
      continue;
    }
    if (ch === '{') {
      PLACEHOLDER.lastIndex = i;
      const match = PLACEHOLDER.exec(text);
      const inside = match?.[1] ?? '';
      const bar = inside.indexOf('|');
      if (match !== null && (bar < 0 ? inside : inside.slice(0, bar)).trim() !== '') {
        yield { kind: 'placeholder', source: match[0], inside };
        i += match[0].length;
        continue;
      }
    }
    yield { kind: 'char', ch };
    i += 1;
  }
}

/** Splits text into literal runs and placeholders, resolving `{{`/`}}` escapes. */
function parse(text: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (const token of scan(text)) {
    if (token.kind !== 'placeholder') {
      literal += token.ch;
      continue;
    }
    if (literal !== '') parts.push({ kind: 'text', text: literal });
    literal = '';
    const bar = token.inside.indexOf('|');
    const name = (bar < 0 ? token.inside : token.inside.slice(0, bar)).trim();
    parts.push(bar < 0 ? { kind: 'var', name } : { kind: 'var', name, fallback: token.inside.slice(bar + 1).trim() });
  }
  if (literal !== '') parts.push({ kind: 'text', text: literal });
  return parts;
}

/** Names of the placeholders in `text`, each once, in order of first appearance. */
export function templateVariables(text: string): string[] {
  return [...new Set(templatePlaceholders(text).map((p) => p.name))];
}

/** Every placeholder in `text` as written (a name may appear with and without a default). */
export function templatePlaceholders(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  for (const part of parse(text)) {
    if (part.kind === 'var') out.push(part.fallback === undefined ? { name: part.name } : { name: part.name, fallback: part.fallback });
  }
  return out;
}

/**
 * Names that some placeholder uses WITHOUT a default, each once (case-insensitively), in order:
 * the ones a recipient who lacks them would get blank.
 */
export function variablesWithoutDefault(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of templatePlaceholders(text)) {
    const key = p.name.toLowerCase();
    if (p.fallback !== undefined || seen.has(key)) continue;
    seen.add(key);
    out.push(p.name);
  }
  return out;
}

/**
 * The text with every default-less `{name}` (any case, any spacing) given `fallback`: what the
 * "use a default" offer of the missing-variable warning writes. Escaped braces and other
 * placeholders are kept exactly as written.
 */
export function withDefault(text: string, name: string, fallback: string): string {
  const wanted = name.toLowerCase();
  const clean = fallback.replace(/[{}|\r\n]/g, '').trim();
  let out = '';
  for (const token of scan(text)) {
    if (token.kind === 'escape') out += token.ch + token.ch;
    else if (token.kind === 'char') out += token.ch;
    else if (wanted !== '' && !token.inside.includes('|') && token.inside.trim().toLowerCase() === wanted) out += `{${token.inside.trim()}|${clean}}`;
    else out += token.source;
  }
  return out;
}

/** Looks a name up exactly first, then case-insensitively. */
function lookup(vars: Readonly<Record<string, string>>, name: string): string | undefined {
  if (Object.hasOwn(vars, name)) return vars[name];
  const lower = name.toLowerCase();
  const key = Object.keys(vars).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : vars[key];
}

/**
 * Replaces each placeholder with `vars[name]` (exact key first, then case-insensitive).
 * Values are inserted verbatim, never re-parsed. A placeholder whose value is absent or blank
 * renders its default when it has one; otherwise it renders as '' (or the blank value) and its
 * name is listed once in `missing`, in order of first appearance.
 */
export function renderTemplate(text: string, vars: Readonly<Record<string, string>>): Rendered {
  return compileTemplate(text)(vars);
}

/** A rendering: the text, the names left blank (no value, no default) and the names that took their default. */
export interface Rendered {
  text: string;
  missing: string[];
  defaulted: string[];
}

export type CompiledTemplate = (vars: Readonly<Record<string, string>>) => Rendered;

/**
 * `renderTemplate` with the text parsed once: a campaign renders one body for 100,000 recipients.
 * A text without placeholders renders to itself without looking at the variables.
 */
export function compileTemplate(text: string): CompiledTemplate {
  const parts = parse(text);
  if (parts.every((p) => p.kind === 'text')) {
    const fixed = parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
    return () => ({ text: fixed, missing: [], defaulted: [] });
  }
  return (vars) => {
    const missing = new Set<string>();
    const defaulted = new Set<string>();
    let out = '';
    for (const part of parts) {
      if (part.kind === 'text') {
        out += part.text;
        continue;
      }
      const value = lookup(vars, part.name);
      if (value !== undefined && value.trim() !== '') out += value;
      else if (part.fallback !== undefined) {
        out += part.fallback;
        defaulted.add(part.name);
      }
      else {
        missing.add(part.name);
        if (value !== undefined) out += value;
      }
    }
    return { text: out, missing: [...missing], defaulted: [...defaulted] };
  };
}
