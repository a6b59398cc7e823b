import { SECRET_FIELDS, type ProviderKind } from '../../../shared/accounts.ts';
import { AppError } from '../../../shared/errors.ts';
import type { SecretStore } from '../ports.ts';
import { unreadableSecretError } from '../providers/errors.ts';
import type { SecretGetter } from '../providers/types.ts';

/** Where an account's secret lives in the SecretStore. */
export const secretKey = (accountId: string, field: string) => `account:${accountId}:${field}`;

export function secretFieldsOf(kind: ProviderKind): readonly string[] {
  return SECRET_FIELDS[kind];
}

/** Rejects secret names the kind does not have, so a typo never stores a stray secret. */
export function checkSecretNames(kind: ProviderKind, secrets: Record<string, unknown>): void {
  const allowed = secretFieldsOf(kind);
  const unknown = Object.keys(secrets).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw new AppError('ACCOUNT_SECRET_UNKNOWN', `A ${kind} account has no secret called ${unknown.join(', ')}. Use: ${allowed.join(', ')}.`, {
      fields: Object.fromEntries(unknown.map((k) => [`secrets.${k}`, 'Unknown secret'])),
    });
  }
}

/** Applies a secrets patch: string replaces, null clears, absent keeps. */
export function applySecrets(store: SecretStore, accountId: string, secrets: Record<string, string | null | undefined>): void {
  for (const [field, value] of Object.entries(secrets)) {
    if (value === undefined) continue;
    if (value === null) store.delete(secretKey(accountId, field));
    else store.set(secretKey(accountId, field), value);
  }
}

/** Which secrets are stored and readable, and which are stored but can no longer be read (enter them again). */
export function secretStates(store: SecretStore, accountId: string, kind: ProviderKind): { hasSecret: Record<string, boolean>; secretsToReenter: string[] } {
  const fields = secretFieldsOf(kind).map((f) => [f, store.state(secretKey(accountId, f))] as const);
  return { hasSecret: Object.fromEntries(fields.map(([f, s]) => [f, s === 'set'])), secretsToReenter: fields.filter(([, s]) => s === 'unreadable').map(([f]) => f) };
}

export function deleteSecrets(store: SecretStore, accountId: string, kind: ProviderKind): void {
  for (const f of secretFieldsOf(kind)) store.delete(secretKey(accountId, f));
}

/** Reads one secret inside core (undefined when missing or unreadable). Never exposed over the contract. */
export function readSecret(store: SecretStore, accountId: string, field: string): string | undefined {
  return store.get(secretKey(accountId, field));
}

/**
 * An account's secrets for its provider client. A secret that is stored but can no longer be read
 * fails the call before anything is sent, with a sentence that says to enter it again (an 'auth'
 * error: a campaign pauses with it), instead of passing as "none saved".
 */
export function secretGetter(store: SecretStore, account: { id: string; kind: ProviderKind }): SecretGetter {
  return (field) => {
    const key = secretKey(account.id, field);
    const value = store.get(key);
    if (value === undefined && store.state(key) === 'unreadable') throw unreadableSecretError(account.kind);
    return value;
  };
}
