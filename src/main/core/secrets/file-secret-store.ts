import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivate, PRIVATE_FILE } from '../private-files.ts';
import type { SecretsProtection } from '../../../shared/accounts.ts';
import type { SecretState, SecretStore } from '../ports.ts';

/**
 * Secrets for headless mode, where Electron's safeStorage (the OS keychain) is not available: a JSON
 * file readable only by the current user (mode 0600). Protection is the file permission only — the
 * desktop app uses safeStorage instead. Written atomically.
 */
export class FileSecretStore implements SecretStore {
  private readonly file: string;
  private readonly map: Map<string, string>;

  constructor(file: string) {
    this.file = file;
    this.map = new Map(Object.entries(FileSecretStore.load(file)));
  }

  private static load(file: string): Record<string, string> {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (parsed && typeof parsed === 'object') {
        return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
      }
    } catch {
      /* missing or unreadable: start empty */
    }
    return {};
  }

  private flush(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.map)), PRIVATE_FILE);
    makePrivate(tmp);
    renameSync(tmp, this.file);
  }

  get(key: string) {
    return this.map.get(key);
  }
  set(key: string, value: string) {
    this.map.set(key, value);
    this.flush();
  }
  delete(key: string) {
    if (this.map.delete(key)) this.flush();
  }
  state(key: string): SecretState {
    return this.map.has(key) ? 'set' : 'missing';
  }
  protection(): SecretsProtection {
    return { mode: 'file', canStoreWeakly: false };
  }
  allowWeakStorage(): SecretsProtection {
    return this.protection();
  }
}
