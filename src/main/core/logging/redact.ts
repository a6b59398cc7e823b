/**
 * Takes secrets out of text before it is written to a log. Two layers:
 * 1. every value known to be a secret (the secret store's values, learned as they are read or written),
 * 2. shapes that look like credentials whatever their source: `password=…`, `"token": "…"`,
 *    `Authorization: Basic …`/`Bearer …`, `user:pass@` in URLs and 32-hex-digit MD5 digests.
 */
export const REDACTED = '[redacted]';

/** Keys whose values are secrets, in JSON (`"pwd":"x"`), query strings (`pwd=x`) and headers (`token: x`). */
const SECRET_KEY = String.raw`(?:password|passwd|pwd|pass|secret|master_?secret|mastersecret|app_?secret|token|access_?token|api_?key|apikey|auth|authorization|sign|signature|key|sig|credential)`;

const PATTERNS: readonly [RegExp, string][] = [
  // JSON inside JSON (a provider reply quoted in a log line): \"password\":\"value\"
  [new RegExp(String.raw`(\\"${SECRET_KEY}\\"\s*:\s*)(\\"(?:[^"\\]|\\[^"])*\\"|[^,}\s\\]+)`, 'gi'), `$1\\"${REDACTED}\\"`],
  // "password": "value"  /  'token':'value'
  [new RegExp(String.raw`(["']${SECRET_KEY}["']\s*:\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^,}\s]+)`, 'gi'), `$1"${REDACTED}"`],
  // Authorization: Basic dXNlcjpwYXNz / Bearer abc
  [/\b(Basic|Bearer|Digest)\s+[A-Za-z0-9+/=._~-]{4,}/gi, `$1 ${REDACTED}`],
  // password=value (query strings, form bodies, key=value logs)
  [new RegExp(String.raw`(\b${SECRET_KEY}\s*[=:]\s*)(?!\[redacted\])[^\s&;,"'}]+`, 'gi'), `$1${REDACTED}`],
  // http://user:pass@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, `$1${REDACTED}@`],
  // md5 digests (EIMS-style signed passwords) and other 32+ hex-digit tokens
  [/\b[a-f0-9]{32,}\b/gi, '[digest]'],
];

export class Redactor {
  private readonly secrets = new Set<string>();
  private sorted: string[] = [];

  /** Remembers a secret value; values shorter than 4 characters are too common to redact as text. */
  add(value: string | undefined | null): void {
    if (!value || value.length < 4 || this.secrets.has(value)) return;
    this.secrets.add(value);
    // Also the forms a secret is usually echoed in.
    for (const form of [encodeURIComponent(value), Buffer.from(value).toString('base64')]) {
      if (form !== value && form.length >= 4) this.secrets.add(form);
    }
    this.sorted = [...this.secrets].sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.secrets.size;
  }

  text(input: string): string {
    let out = input;
    for (const s of this.sorted) if (out.includes(s)) out = out.split(s).join(REDACTED);
    for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
    return out;
  }
}
