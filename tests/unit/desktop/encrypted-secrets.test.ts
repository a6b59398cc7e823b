/**
 * The desktop secret store without Electron: a stand-in for safeStorage that really encrypts (see
 * tests/helpers/stand-in-safe-storage.ts) and conf — the library electron-store wraps — writing a real file. Then the store
 * through the core: an unreadable secret shows as "enter it again" and fails calls with a sentence.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../src/shared/accounts.ts';
import { createCore, type Core } from '../../../src/main/core/create-core.ts';
import { MemorySettingsBackend } from '../../../src/main/core/settings/json-file-backend.ts';
import { EncryptedSecretStore, type SafeStorageLike } from '../../../src/main/desktop/encrypted-secret-store.ts';
import { StandInSafeStorage } from '../../helpers/stand-in-safe-storage.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('sms-secrets-');
});
afterEach(() => tmp.cleanup());

const file = () => new Conf<Record<string, unknown>>({ cwd: tmp.dir, configName: 'secrets', projectName: 'sms-console-test', clearInvalidConfig: false, configFileMode: 0o600 });
const onDisk = () => readFileSync(join(tmp.dir, 'secrets.json'), 'utf8');
const store = (safeStorage: SafeStorageLike, platform: NodeJS.Platform = 'linux') => new EncryptedSecretStore({ safeStorage, file: file(), platform, now: () => 1_700_000_000_000 });

describe('desktop secret store', () => {
  it('with a keyring: writes ciphertext only, and reads it back after a restart', () => {
    const keyring = new StandInSafeStorage('gnome_libsecret');
    const s = store(keyring);
    expect(s.protection()).toEqual({ mode: 'keychain', canStoreWeakly: false, backend: 'gnome_libsecret' });
    s.set('account:a:password', 'Hunter2-secret');
    expect(onDisk()).not.toContain('Hunter2-secret');
    expect(store(keyring).get('account:a:password')).toBe('Hunter2-secret');
    expect(store(new StandInSafeStorage('unknown'), 'darwin').protection()).toEqual({ mode: 'keychain', canStoreWeakly: false });
  });

  it('refuses Linux’s fixed-key backend: secrets live for this session only until the user agrees', () => {
    const basic = new StandInSafeStorage('basic_text');
    const s = store(basic);
    expect(s.protection()).toEqual({ mode: 'session', canStoreWeakly: true, backend: 'basic_text' });
    s.set('account:a:password', 'Hunter2-secret');
    expect(s.get('account:a:password')).toBe('Hunter2-secret');
    expect(s.state('account:a:password')).toBe('set');
    expect(onDisk()).toBe('{}');
    expect(store(basic).state('account:a:password')).toBe('missing'); // after a restart

    // The user agreed in the dialog: what this session holds is written, and later values too.
    expect(s.allowWeakStorage()).toEqual({ mode: 'weak', canStoreWeakly: false, backend: 'basic_text' });
    s.set('account:a:key', 'k-123456');
    const again = store(basic);
    expect(again.protection().mode).toBe('weak');
    expect([again.get('account:a:password'), again.get('account:a:key')]).toEqual(['Hunter2-secret', 'k-123456']);
    expect(onDisk()).not.toContain('Hunter2-secret');
    // The agreement was for that backend: a real keyring later is simply used.
    expect(store(new StandInSafeStorage('kwallet6')).protection().mode).toBe('keychain');
  });

  it('keeps secrets for the session when the system offers no encryption at all, with nothing to agree to', () => {
    const none = new StandInSafeStorage('basic_text', randomBytes(32), false);
    const s = store(none);
    expect(s.protection()).toEqual({ mode: 'session', canStoreWeakly: false, backend: 'basic_text' });
    s.set('k', 'v');
    expect(s.allowWeakStorage().mode).toBe('session');
    expect(onDisk()).toBe('{}');
    expect(s.get('k')).toBe('v');
  });

  it('says "unreadable" for a value the keyring can no longer decrypt, instead of throwing', () => {
    store(new StandInSafeStorage('gnome_libsecret')).set('account:a:password', 'Hunter2-secret');
    const reset = store(new StandInSafeStorage('gnome_libsecret')); // another key: the keyring was reset
    expect(reset.get('account:a:password')).toBeUndefined();
    expect(reset.state('account:a:password')).toBe('unreadable');
    expect(reset.state('account:a:other')).toBe('missing');
    reset.set('account:a:password', 'new-secret');
    expect(reset.state('account:a:password')).toBe('set');
    expect(reset.get('account:a:password')).toBe('new-secret');
  });
});

describe('an unreadable secret through the core', () => {
  let core: Core;
  afterEach(() => core.stop());

  it('puts the account in "enter it again", fails its calls with a sentence, and is fixed by entering it', async () => {
    const dataDir = join(tmp.dir, 'data');
    const open = async (safeStorage: SafeStorageLike) => {
      core = createCore({ dataDir, secrets: store(safeStorage), settings: new MemorySettingsBackend(), monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false } });
      await core.start();
    };
    await open(new StandInSafeStorage('kwallet5'));
    const created = await core.invoke('accountsCreate', { config: { kind: 'gsmbox', name: 'Box', baseUrl: 'http://127.0.0.1:9', username: 'admin' }, secrets: { password: 'Hunter2-secret' } });
    const id = created.ok ? (created.value as AccountView).id : '';
    await core.stop();

    await open(new StandInSafeStorage('kwallet5')); // same backend, new key: the wallet was recreated
    const list = await core.invoke('accountsList', undefined);
    expect(list.ok && (list.value as AccountView[]).map((a) => [a.hasSecret, a.secretsToReenter])).toEqual([[{ password: false }, ['password']]]);
    const test = await core.invoke('accountsTest', { id });
    expect(test.ok && (test.value as { ok: boolean; error?: { code: string; message: string } }).error).toMatchObject({
      code: 'PROVIDER_SECRET_UNREADABLE',
      message: 'A saved password or key of this account can no longer be read (the system keyring changed). Open the account in Accounts and enter it again.',
    });
    const keep = await core.invoke('accountsUpdate', { id, config: { kind: 'gsmbox', name: 'Box 2', baseUrl: 'http://127.0.0.1:9', username: 'admin' }, secrets: {} });
    expect(keep.ok ? 'saved' : keep.error.code).toBe('ACCOUNT_SECRET_REQUIRED');
    const fixed = await core.invoke('accountsUpdate', { id, config: { kind: 'gsmbox', name: 'Box', baseUrl: 'http://127.0.0.1:9', username: 'admin' }, secrets: { password: 'new-secret' } });
    expect(fixed.ok && [(fixed.value as AccountView).hasSecret, (fixed.value as AccountView).secretsToReenter]).toEqual([{ password: true }, []]);
    expect(await core.invoke('secretsProtection', undefined)).toEqual({ ok: true, value: { mode: 'keychain', canStoreWeakly: false, backend: 'kwallet5' } });
  });

  it('tells the renderer when secrets are kept for this session only, and records the agreement', async () => {
    core = createCore({ dataDir: join(tmp.dir, 'data'), secrets: store(new StandInSafeStorage('basic_text')), settings: new MemorySettingsBackend(), monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false } });
    await core.start();
    expect(await core.invoke('secretsProtection', undefined)).toEqual({ ok: true, value: { mode: 'session', canStoreWeakly: true, backend: 'basic_text' } });
    const refused = await core.invoke('secretsAllowWeakStorage', {});
    expect(refused.ok ? 'allowed' : refused.error.code).toBe('INVALID_INPUT');
    expect(await core.invoke('secretsAllowWeakStorage', { understood: true })).toEqual({ ok: true, value: { mode: 'weak', canStoreWeakly: false, backend: 'basic_text' } });
    expect(readFileSync(join(tmp.dir, 'data', 'logs', 'sms-console.log'), 'utf8')).toContain('secrets.weak-storage-allowed');
  });
});
