import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivate, PRIVATE_FILE } from '../private-files.ts';
import type { SecretsProtection } from '../../../shared/accounts.ts';
import { MemorySecretStore } from '../ports.ts';

/**
 * Secrets for headless mode, where Electron's safeStorage (the OS keychain) is not available: a JSON
 * file readable only by the current user (mode 0600). Protection is the file permission only — the
 * desktop app uses safeStorage instead. Written atomically; in memory it is a MemorySecretStore.
 */
export class FileSecretStore extends MemorySecretStore {
  private readonly file: string;

  constructor(file: string) {
    super();
    this.file = file;
    for (const [key, value] of Object.entries(FileSecretStore.load(file))) this.map.set(key, value);
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

  override set(key: string, value: string) {
    super.set(key, value);
    this.flush();
  }
  override delete(key: string) {
    const had = this.map.has(key);
    super.delete(key);
    if (had) this.flush();
  }
  override protection(): SecretsProtection {
    return { mode: 'file', canStoreWeakly: false };
  }
}
