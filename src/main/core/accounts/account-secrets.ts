import { SECRET_FIELDS, type ProviderKind } from '../../../shared/accounts.ts';
import { AppError } from '../../../shared/errors.ts';
import type { SecretStore } from '../ports.ts';

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

export function hasSecrets(store: SecretStore, accountId: string, kind: ProviderKind): Record<string, boolean> {
  return Object.fromEntries(secretFieldsOf(kind).map((f) => [f, store.has(secretKey(accountId, f))]));
}

export function deleteSecrets(store: SecretStore, accountId: string, kind: ProviderKind): void {
  for (const f of secretFieldsOf(kind)) store.delete(secretKey(accountId, f));
}

/** Reads one secret for a provider call inside core. Never exposed over the contract. */
export function readSecret(store: SecretStore, accountId: string, field: string): string | undefined {
  return store.get(secretKey(accountId, field));
}
