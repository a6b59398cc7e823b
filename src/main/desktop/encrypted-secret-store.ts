import type { SecretsProtection } from '../../shared/accounts.ts';
import type { SecretState, SecretStore } from '../core/ports.ts';

/**
 * The desktop app's secrets: encrypted with Electron's safeStorage, kept as base64 ciphertext in a
 * key-value file (electron-store). Plain Node so it is tested without Electron: safe-storage-secrets.ts
 * passes the real safeStorage and file.
 *
 * On Linux without a keyring, safeStorage falls back to its `basic_text` backend — a key that is the
 * same on every computer — and still says encryption is available. Such a backend is refused: secrets
 * are then kept in memory for this session only (`session`), until the user agrees in a dialog that
 * states the risk (allowWeakStorage: `weak`, remembered in the file). The same holds when the system
 * offers no encryption at all, without the option to agree.
 *
 * A value that no longer decrypts (the keyring was reset or replaced) is `unreadable`: get() gives
 * undefined instead of throwing, and the account shows "enter it again".
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: `basic_text`, `gnome_libsecret`, `kwallet`, `kwallet5`, `kwallet6` or `unknown`. */
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface KeyValueFile {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export interface EncryptedSecretStoreDeps {
  safeStorage: SafeStorageLike;
  file: KeyValueFile;
  platform: NodeJS.Platform;
  now?: () => number;
}

/** Where the user's agreement to weak protection is remembered (beside the ciphertexts; never a secret key). */
export const WEAK_CONSENT_KEY = 'meta:weak-storage-consent';
/** Linux backends that protect nothing: a fixed key (`basic_text`), or not known to be a keyring. */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

export class EncryptedSecretStore implements SecretStore {
  private readonly deps: EncryptedSecretStoreDeps;
  /** Values kept for this session only (session mode): never written. */
  private readonly session = new Map<string, string>();
  /** Keys whose stored value failed to decrypt (until set again). */
  private readonly unreadable = new Set<string>();

  constructor(deps: EncryptedSecretStoreDeps) {
    this.deps = deps;
  }

  protection(): SecretsProtection {
    const { safeStorage, platform } = this.deps;
    const available = safeStorage.isEncryptionAvailable();
    const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined;
    const withBackend = backend === undefined ? {} : { backend };
    if (!available) return { mode: 'session', canStoreWeakly: false, ...withBackend };
    if (backend === undefined || !WEAK_BACKENDS.has(backend)) return { mode: 'keychain', canStoreWeakly: false, ...withBackend };
    const consent = this.deps.file.get(WEAK_CONSENT_KEY) as { backend?: string } | undefined;
    return consent?.backend === backend ? { mode: 'weak', canStoreWeakly: false, ...withBackend } : { mode: 'session', canStoreWeakly: true, ...withBackend };
  }

  private writes(): boolean {
    const mode = this.protection().mode;
    return mode === 'keychain' || mode === 'weak';
  }

  allowWeakStorage(): SecretsProtection {
    const before = this.protection();
    if (before.mode !== 'session' || !before.canStoreWeakly) return before;
    this.deps.file.set(WEAK_CONSENT_KEY, { backend: before.backend, at: (this.deps.now ?? Date.now)() });
    for (const [key, value] of this.session) this.write(key, value);
    this.session.clear();
    return this.protection();
  }

  private write(key: string, value: string): void {
    this.deps.file.set(key, this.deps.safeStorage.encryptString(value).toString('base64'));
    this.unreadable.delete(key);
  }

  private decrypt(key: string): string | undefined {
    const blob = this.deps.file.get(key);
    if (typeof blob !== 'string' || this.unreadable.has(key)) return undefined;
    try {
      if (!this.deps.safeStorage.isEncryptionAvailable()) throw new Error('no encryption');
      return this.deps.safeStorage.decryptString(Buffer.from(blob, 'base64'));
    } catch {
      this.unreadable.add(key);
      return undefined;
    }
  }

  get(key: string): string | undefined {
    return this.session.get(key) ?? this.decrypt(key);
  }

  set(key: string, value: string): void {
    if (this.writes()) {
      this.write(key, value);
      this.session.delete(key);
      return;
    }
    // Not written with a fixed key: kept until the app quits. A stale stored value must not come back.
    this.session.set(key, value);
    this.deps.file.delete(key);
    this.unreadable.delete(key);
  }

  delete(key: string): void {
    this.session.delete(key);
    this.deps.file.delete(key);
    this.unreadable.delete(key);
  }

  state(key: string): SecretState {
    if (this.session.has(key)) return 'set';
    if (typeof this.deps.file.get(key) !== 'string') return 'missing';
    return this.decrypt(key) === undefined ? 'unreadable' : 'set';
  }
}
