import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { SecretStore } from '../core/ports.ts';

/** Secrets encrypted with the OS keychain via safeStorage, kept as base64 ciphertext in their own store. */
export class SafeStorageSecretStore implements SecretStore {
  private readonly store = new Store<Record<string, string>>({ name: 'secrets', clearInvalidConfig: false, configFileMode: 0o600 });

  private assertAvailable() {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('The system keychain is not available, so secrets cannot be stored safely.');
    }
  }
  get(key: string) {
    const blob = this.store.get(key);
    if (typeof blob !== 'string') return undefined;
    this.assertAvailable();
    return safeStorage.decryptString(Buffer.from(blob, 'base64'));
  }
  set(key: string, value: string) {
    this.assertAvailable();
    this.store.set(key, safeStorage.encryptString(value).toString('base64'));
  }
  delete(key: string) {
    this.store.delete(key);
  }
  has(key: string) {
    return this.store.has(key);
  }
}
