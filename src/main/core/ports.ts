import type { SecretsProtection } from '../../shared/accounts.ts';

/**
 * What the core needs from its host. Electron's main passes electron-store/safeStorage-backed
 * implementations; headless mode passes file-backed ones; tests pass in-memory ones and a fake clock.
 */

/** What a secret store holds under a key: a readable value, nothing, or a value it can no longer decrypt. */
export type SecretState = 'set' | 'missing' | 'unreadable';

/** Secrets (passwords, master secrets, keys). Write-only from the renderer's point of view. */
export interface SecretStore {
  /** The value; undefined when there is none or it can no longer be read (never throws for that). */
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
  state(key: string): SecretState;
  /** How values are kept at rest. */
  protection(): SecretsProtection;
  /** The user agreed to weak protection: keep values with it from now on (a no-op where it does not apply). */
  allowWeakStorage(): SecretsProtection;
}

/** Time as the core sees it. Tests pass a controllable clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type FetchLike = typeof fetch;

/** Settings persistence (electron-store in the app). */
export interface SettingsBackend {
  read(): unknown;
  write(value: unknown): void;
}

export class MemorySecretStore implements SecretStore {
  protected readonly map = new Map<string, string>();
  get(key: string) {
    return this.map.get(key);
  }
  set(key: string, value: string) {
    this.map.set(key, value);
  }
  delete(key: string) {
    this.map.delete(key);
  }
  state(key: string): SecretState {
    return this.map.has(key) ? 'set' : 'missing';
  }
  protection(): SecretsProtection {
    return { mode: 'memory', canStoreWeakly: false };
  }
  allowWeakStorage(): SecretsProtection {
    return this.protection();
  }
}
