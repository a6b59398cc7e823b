/**
 * Errors a user can meet. Every error that crosses the contract is `{ code, message }`:
 * `code` is stable (tests and the UI branch on it), `message` is a plain sentence that says what to do.
 * `kind` tells callers how to react: retry later (transient), fix input/config (permanent),
 * fix credentials (auth), or wait/lower the volume (limit).
 */
export type ErrorKind = 'transient' | 'permanent' | 'auth' | 'limit';

export interface AppErrorShape {
  code: string;
  message: string;
  kind?: ErrorKind;
  /** Provider-specific raw code, e.g. JSMS 50019 or EIMS -10, kept for the ledger and support. */
  providerCode?: string | number;
  /** Field-level problems for forms: path → sentence. */
  fields?: Record<string, string>;
}

export class AppError extends Error implements AppErrorShape {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly providerCode?: string | number;
  readonly fields?: Record<string, string>;

  constructor(code: string, message: string, extra: Omit<AppErrorShape, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.kind = extra.kind ?? 'permanent';
    if (extra.providerCode !== undefined) this.providerCode = extra.providerCode;
    if (extra.fields !== undefined) this.fields = extra.fields;
  }

  toShape(): AppErrorShape {
    const shape: AppErrorShape = { code: this.code, message: this.message, kind: this.kind };
    if (this.providerCode !== undefined) shape.providerCode = this.providerCode;
    if (this.fields !== undefined) shape.fields = this.fields;
    return shape;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** What a handler failure becomes on the wire. Unknown errors never leak their internals. */
export function toErrorShape(err: unknown): AppErrorShape {
  if (err instanceof AppError) return err.toShape();
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside the app. Try again; if it keeps happening, open the logs folder and report it.',
    kind: 'transient',
  };
}

/** A result envelope: how the bridge (IPC or HTTP) carries a method's outcome. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
