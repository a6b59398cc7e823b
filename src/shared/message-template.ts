/**
 * `{variable}` placeholders in message text.
 *
 * Syntax, read left to right:
 * - `{{` is a literal `{` and `}}` a literal `}` (so `{{name}}` renders as the text `{name}`).
 * - `{` + 1–64 characters that are not `{`, `}`, `\n` or `\r` + `}` is a placeholder; its name is
 *   the inside, trimmed (`{ 姓名 }` is `姓名`). A placeholder whose inside is only spaces is text.
 * - Any other `{` or `}` (unclosed, too long, spanning a line) is kept as literal text.
 */

type Part = { kind: 'text'; text: string } | { kind: 'var'; name: string };

const PLACEHOLDER = /\{([^{}\r\n]{1,64})\}/y;

/** Splits text into literal runs and placeholders, resolving `{{`/`}}` escapes. */
function parse(text: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if ((ch === '{' || ch === '}') && text.charAt(i + 1) === ch) {
      literal += ch;
      i += 2;
      continue;
    }
    if (ch === '{') {
      PLACEHOLDER.lastIndex = i;
      const match = PLACEHOLDER.exec(text);
      const name = match?.[1]?.trim() ?? '';
      if (match !== null && name !== '') {
        if (literal !== '') parts.push({ kind: 'text', text: literal });
        literal = '';
        parts.push({ kind: 'var', name });
        i += match[0].length;
        continue;
      }
    }
    literal += ch;
    i += 1;
  }
  if (literal !== '') parts.push({ kind: 'text', text: literal });
  return parts;
}

/** Names of the placeholders in `text`, each once, in order of first appearance. */
export function templateVariables(text: string): string[] {
  const names = new Set<string>();
  for (const part of parse(text)) {
    if (part.kind === 'var') names.add(part.name);
  }
  return [...names];
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
 * Values are inserted verbatim, never re-parsed. Placeholders without a value render as ''
 * and are listed once each in `missing`, in order of first appearance.
 */
export function renderTemplate(
  text: string,
  vars: Readonly<Record<string, string>>,
): { text: string; missing: string[] } {
  return compileTemplate(text)(vars);
}

export type CompiledTemplate = (vars: Readonly<Record<string, string>>) => { text: string; missing: string[] };

/**
 * `renderTemplate` with the text parsed once: a campaign renders one body for 100,000 recipients.
 * A text without placeholders renders to itself without looking at the variables.
 */
export function compileTemplate(text: string): CompiledTemplate {
  const parts = parse(text);
  if (parts.every((p) => p.kind === 'text')) {
    const fixed = parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
    return () => ({ text: fixed, missing: [] });
  }
  return (vars) => {
    const missing = new Set<string>();
    let out = '';
    for (const part of parts) {
      if (part.kind === 'text') {
        out += part.text;
        continue;
      }
      const value = lookup(vars, part.name);
      if (value === undefined) missing.add(part.name);
      else out += value;
    }
    return { text: out, missing: [...missing] };
  };
}
