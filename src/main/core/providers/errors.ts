import { AppError, type ErrorKind } from '../../../shared/errors.ts';
import type { ProviderKind } from '../../../shared/accounts.ts';

/**
 * Whether a failed call may have had an effect at the provider.
 * - `not-sent`: the provider surely did not act on it (connection refused, an error reply, a check
 *   that failed before any byte was written). Safe to send again later.
 * - `unknown`: the request may have been accepted (timeout after writing, socket dropped mid-reply,
 *   a truncated or unreadable reply). Never resend blindly: reconcile (report/outbox query) first.
 */
export type CallOutcome = 'not-sent' | 'unknown';

export const PROVIDER_LABEL: Record<ProviderKind, string> = {
  jsms: 'JSMS',
  eims: 'EIMS',
  gsmbox: 'The GSM box',
};

export interface ProviderErrorInit {
  kind: ErrorKind;
  outcome: CallOutcome;
  provider: ProviderKind;
  providerCode?: string | number;
  fields?: Record<string, string>;
}

/** An AppError raised by the provider layer; adds the provider and the send outcome. */
export class ProviderError extends AppError {
  readonly outcome: CallOutcome;
  readonly provider: ProviderKind;

  constructor(code: string, message: string, init: ProviderErrorInit) {
    const extra: { kind: ErrorKind; providerCode?: string | number; fields?: Record<string, string> } = { kind: init.kind };
    if (init.providerCode !== undefined) extra.providerCode = init.providerCode;
    if (init.fields !== undefined) extra.fields = init.fields;
    super(code, message, extra);
    this.name = 'ProviderError';
    this.outcome = init.outcome;
    this.provider = init.provider;
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}

/** True when the failed call surely had no effect, so sending the same message again cannot duplicate it. */
export function surelyNotSent(err: unknown): boolean {
  return err instanceof ProviderError && err.outcome === 'not-sent';
}

/** Replaces every secret (and long enough part of one) that a provider echoed back. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s === undefined || s.length < 3) continue;
    out = out.split(s).join('***');
  }
  // md5 digests and base64 auth strings never belong in a sentence shown to people.
  out = out.replace(/\b[0-9a-f]{32}\b/gi, '***');
  out = out.replace(/Basic\s+[A-Za-z0-9+/=]{8,}/g, 'Basic ***');
  return out;
}

/** Keeps provider text short and single-line before it goes into a sentence. */
export function cleanProviderText(text: string, secrets: readonly (string | undefined)[] = []): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const short = oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
  return redactSecrets(short, secrets);
}

/** A limit or input check that failed before any request was made. */
export function limitError(provider: ProviderKind, code: string, message: string, field?: string): ProviderError {
  const init: ProviderErrorInit = { kind: 'limit', outcome: 'not-sent', provider };
  if (field !== undefined) init.fields = { [field]: message };
  return new ProviderError(code, message, init);
}

export function inputError(provider: ProviderKind, message: string, field?: string): ProviderError {
  const init: ProviderErrorInit = { kind: 'permanent', outcome: 'not-sent', provider };
  if (field !== undefined) init.fields = { [field]: message };
  return new ProviderError('PROVIDER_INVALID_INPUT', message, init);
}

/** A secret is stored but can no longer be decrypted (the system keyring changed or was reset). */
export function unreadableSecretError(provider: ProviderKind): ProviderError {
  return new ProviderError(
    'PROVIDER_SECRET_UNREADABLE',
    'A saved password or key of this account can no longer be read (the system keyring changed). Open the account in Accounts and enter it again.',
    { kind: 'auth', outcome: 'not-sent', provider },
  );
}

export function missingSecretError(provider: ProviderKind, what: string): ProviderError {
  return new ProviderError(
    'PROVIDER_SECRET_MISSING',
    `${PROVIDER_LABEL[provider]} needs the ${what}, and none is saved for this account. Open the account and enter it.`,
    { kind: 'auth', outcome: 'not-sent', provider },
  );
}
