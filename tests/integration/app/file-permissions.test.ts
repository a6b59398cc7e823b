/**
 * Phone numbers, message texts and logs are readable by this user only (POSIX): the data folder is
 * 0700; the database with its -wal and -shm files, the logs (rotated ones too), the headless settings
 * and a staged or applied restore are 0600 — on a fresh data folder, and on one an older version left
 * world-readable.
 */
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileDownload } from '../../../src/shared/contact-lists.ts';
import { MemorySecretStore } from '../../../src/main/core/ports.ts';
import { FileSecretStore } from '../../../src/main/core/secrets/file-secret-store.ts';
import { JsonFileSettingsBackend } from '../../../src/main/core/settings/json-file-backend.ts';
import { call } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Every file and folder under `dir` with its mode, e.g. { 'logs/': '700', 'sms-console.sqlite': '600' }. */
function modes(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, { [`${prefix}${entry.name}/`]: mode(path) }, modes(path, `${prefix}${entry.name}/`));
    else out[`${prefix}${entry.name}`] = mode(path);
  }
  return out;
}
const onlyPrivate = (m: Record<string, string>) => Object.entries(m).filter(([name, bits]) => bits !== (name.endsWith('/') ? '700' : '600'));

describe.skipIf(process.platform === 'win32')('file permissions', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let dataDir: string;
  let tc: TestCore | null = null;
  const open = async () => {
    tc = makeTestCore(dataDir, { settings: new JsonFileSettingsBackend(join(dataDir, 'settings.json')), secrets: new MemorySecretStore(), log: { logMaxBytes: 2_000, logMaxFiles: 3 } });
    await tc.core.start();
    return tc;
  };
  beforeEach(() => {
    tmp = makeTempDir('sms-perm-');
    dataDir = join(tmp.dir, 'data');
  });
  afterEach(async () => {
    await tc?.core.stop();
    tc = null;
    tmp.cleanup();
  });

  it('creates the data folder 0700 and the database (with -wal, -shm), logs and settings 0600', async () => {
    const { core } = await open();
    await call(core, 'settingsUpdate', { language: 'zh' });
    for (let i = 0; i < 20; i++) await call(core, 'accountsCreate', { config: { kind: 'gsmbox', name: `Box ${i}`, baseUrl: 'http://10.0.0.9', username: 'admin' }, secrets: { password: 'x' } });
    for (let i = 0; i < 20; i++) await core.invoke('accountsDelete', { id: `missing-${i}` }); // failed calls are logged: the log rotates
    expect(mode(dataDir)).toBe('700');
    const m = modes(dataDir);
    expect(Object.keys(m)).toEqual(expect.arrayContaining(['sms-console.sqlite', 'sms-console.sqlite-wal', 'sms-console.sqlite-shm', 'logs/', 'logs/sms-console.log', 'logs/sms-console.1.log', 'settings.json']));
    expect(onlyPrivate(m)).toEqual([]);
  });

  it('tightens a data folder an older version left readable by everyone', async () => {
    await open();
    await tc!.core.stop();
    tc = null;
    chmodSync(dataDir, 0o755);
    for (const [name] of Object.entries(modes(dataDir))) chmodSync(join(dataDir, name), name.endsWith('/') ? 0o755 : 0o644);
    expect(onlyPrivate(modes(dataDir)).length).toBeGreaterThan(2);
    await open();
    expect(mode(dataDir)).toBe('700');
    expect(onlyPrivate(modes(dataDir))).toEqual([]);
  });

  it('stages and applies a restore 0600 in 0700 folders', async () => {
    const { core } = await open();
    const backup = await call<FileDownload>(core, 'backupCreate');
    await call(core, 'backupRestore', { fileName: backup.fileName, base64: backup.base64 });
    expect(existsSync(join(dataDir, 'restore-pending'))).toBe(true);
    expect(onlyPrivate(modes(dataDir))).toEqual([]);
    await core.stop();
    tc = null;
    await open(); // applies the restore; the old database goes to restore-previous-<time>/
    const m = modes(dataDir);
    expect(Object.keys(m).some((k) => /^restore-previous-\d+\/sms-console\.sqlite$/.test(k))).toBe(true);
    expect(onlyPrivate(m)).toEqual([]);
  });

  it('writes the headless settings and secrets files 0600', () => {
    const file = join(tmp.dir, 'settings.json');
    new JsonFileSettingsBackend(file).write({ language: 'en' });
    expect(mode(file)).toBe('600');
    const secrets = join(tmp.dir, 'secrets.json');
    new FileSecretStore(secrets).set('account:a:password', 'pw');
    expect(mode(secrets)).toBe('600');
    const reopened = new FileSecretStore(secrets);
    expect([reopened.get('account:a:password'), reopened.state('account:a:password'), reopened.protection().mode]).toEqual(['pw', 'set', 'file']);
    reopened.delete('account:a:password');
    expect(new FileSecretStore(secrets).state('account:a:password')).toBe('missing');
  });
});
