import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecretStore } from '../ports.ts';

/**
 * The receiver's secret: part of every push URL path. Generated on first start, kept in the secret
 * store, replaced by `rotate`. Compared in constant time (hashes of equal length), never logged.
 */
const KEY = 'receiver:push-token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function loadOrCreateToken(secrets: SecretStore): string {
  const existing = secrets.get(KEY);
  if (existing && /^[A-Za-z0-9_-]{16,128}$/.test(existing)) return existing;
  const token = newToken();
  secrets.set(KEY, token);
  return token;
}

export function rotateToken(secrets: SecretStore): string {
  const token = newToken();
  secrets.set(KEY, token);
  return token;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time equality (the lengths of the candidates leak nothing: both are hashed first). */
export function tokenMatches(candidate: string, token: string): boolean {
  return timingSafeEqual(digest(candidate), digest(token));
}

/** For display and errors: the first characters only. */
export function maskToken(token: string): string {
  return `${token.slice(0, 4)}…`;
}
