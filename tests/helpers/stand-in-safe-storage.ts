import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../src/main/desktop/encrypted-secret-store.ts';

/**
 * Electron's safeStorage where Electron cannot run: it really encrypts (AES-256-GCM under its own key,
 * as Chromium's OSCrypt does; `basic_text` is the same with a key every computer shares). A new key is a
 * keyring that was reset or replaced; `available: false` a system with no encryption at all.
 */
export class StandInSafeStorage implements SafeStorageLike {
  backend: string;
  key: Buffer;
  available: boolean;
  constructor(backend: string, key: Buffer = randomBytes(32), available = true) {
    this.backend = backend;
    this.key = key;
    this.available = available;
  }
  isEncryptionAvailable() {
    return this.available;
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
  encryptString(plain: string): Buffer {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([Buffer.from('v10'), iv, c.getAuthTag(), body]);
  }
  decryptString(blob: Buffer): string {
    const d = createDecipheriv('aes-256-gcm', this.key, blob.subarray(3, 15));
    d.setAuthTag(blob.subarray(15, 31));
    return Buffer.concat([d.update(blob.subarray(31)), d.final()]).toString('utf8');
  }
}
