import { safeStorage } from 'electron';
import Store from 'electron-store';
import { EncryptedSecretStore } from './encrypted-secret-store.ts';

/**
 * The desktop secret store: Electron's safeStorage and an electron-store file (0600) of base64
 * ciphertexts. The logic — refusing Linux's fixed-key backend until the user agrees, unreadable values
 * — is in encrypted-secret-store.ts, tested without Electron. Create it after the app is ready (Linux
 * only knows its keyring backend then).
 */
export function createSafeStorageSecrets(): EncryptedSecretStore {
  const file = new Store<Record<string, unknown>>({ name: 'secrets', clearInvalidConfig: false, configFileMode: 0o600 });
  return new EncryptedSecretStore({ safeStorage, file, platform: process.platform });
}
