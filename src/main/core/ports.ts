/**
 * What the core needs from its host. Electron's main passes electron-store/safeStorage-backed
 * implementations; headless mode passes file-backed ones; tests pass in-memory ones and a fake clock.
 */

/** Secrets (passwords, master secrets, keys). Write-only from the renderer's point of view. */
export interface SecretStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
  has(key: string): boolean;
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
  private readonly map = new Map<string, string>();
  get(key: string) {
    return this.map.get(key);
  }
  set(key: string, value: string) {
    this.map.set(key, value);
  }
  delete(key: string) {
    this.map.delete(key);
  }
  has(key: string) {
    return this.map.has(key);
  }
}
