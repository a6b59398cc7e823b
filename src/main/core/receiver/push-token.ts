import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
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

const digest = (s: string) => hash('sha256', s, 'buffer');

/** The token's own digest, kept while the token stays the same (every push compares against it). */
let known: { token: string; digest: Buffer } | null = null;

/** Constant-time equality (the lengths of the candidates leak nothing: both are hashed first). */
export function tokenMatches(candidate: string, token: string): boolean {
  if (known?.token !== token) known = { token, digest: digest(token) };
  return timingSafeEqual(digest(candidate), known.digest);
}

/** For display and errors: the first characters only. */
export function maskToken(token: string): string {
  return `${token.slice(0, 4)}…`;
}
