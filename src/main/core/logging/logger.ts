import { Redactor } from './redact.ts';
import { RotatingFile, type RotatingFileOptions } from './rotating-file.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  readonly dir: string;
  readonly redactor: Redactor;
  log(level: LogLevel, event: string, data?: Record<string, unknown>): void;
  info(event: string, data?: Record<string, unknown>): void;
  warn(event: string, data?: Record<string, unknown>): void;
  error(event: string, data?: Record<string, unknown>): void;
  files(): string[];
}

/** Errors become plain objects (Error's fields are not enumerable and would vanish in JSON). */
function plain(value: unknown, depth = 0): unknown {
  if (depth > 6) return '…';
  if (value instanceof Error) {
    const extra = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, depth + 1)]));
    return { name: value.name, message: value.message, ...extra, ...(value.cause === undefined ? {} : { cause: plain(value.cause, depth + 1) }), stack: value.stack?.split('\n').slice(0, 6).join('\n') };
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => plain(v, depth + 1));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, depth + 1)]));
  if (typeof value === 'string' && value.length > 4000) return `${value.slice(0, 4000)}…`;
  return value;
}

/**
 * JSON lines in a rotating file: `{"at":"…","level":"warn","event":"method.failed",…}`. Every line is
 * redacted as a whole after serialising, so a secret nested anywhere (an error echoing a request, a
 * provider reply) is caught.
 */
export function createLogger(options: RotatingFileOptions & { now?: () => number; redactor?: Redactor }): Logger {
  const file = new RotatingFile(options);
  const redactor = options.redactor ?? new Redactor();
  const now = options.now ?? Date.now;
  const log = (level: LogLevel, event: string, data: Record<string, unknown> = {}) => {
    try {
      const line = JSON.stringify({ at: new Date(now()).toISOString(), level, event, ...(plain(data) as Record<string, unknown>) });
      file.write(`${redactor.text(line)}\n`);
    } catch {
      /* logging must never break the app */
    }
  };
  return {
    dir: file.dir,
    redactor,
    log,
    info: (e, d) => log('info', e, d),
    warn: (e, d) => log('warn', e, d),
    error: (e, d) => log('error', e, d),
    files: () => file.files(),
  };
}
