import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore } from '../../helpers/test-core.ts';

let cleanup = () => {};
afterEach(() => cleanup());

function setup() {
  const t = makeTempDir();
  const tc = makeTestCore(t.dir);
  cleanup = () => {
    void tc.core.stop();
    t.cleanup();
  };
  return { ...tc, dir: t.dir };
}

const eims = { kind: 'eims', name: 'Wholesale', baseUrl: 'http://127.0.0.1:20003/', account: 'acme', encrypted: false } as const;

describe('accounts', () => {
  it('creates each kind, stores secrets write-only and reports hasSecret', async () => {
    const { core, secrets } = setup();
    const created = await core.invoke('accountsCreate', { config: { ...eims, encrypted: true }, secrets: { password: 'pw-123', key: 'k-456' } });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const view = created.value as Record<string, unknown>;
    expect(view.baseUrl).toBe('http://127.0.0.1:20003');
    expect(view.hasSecret).toEqual({ password: true, key: true });
    expect(JSON.stringify(view)).not.toContain('pw-123');
    expect(secrets.get(`account:${String(view.id)}:password`)).toBe('pw-123');

    const jsms = await core.invoke('accountsCreate', { config: { kind: 'jsms', name: 'JPush', appKey: 'abc' }, secrets: { masterSecret: 'ms' } });
    expect(jsms.ok && (jsms.value as { baseUrl: string }).baseUrl).toBe('https://api.sms.jpush.cn');
    const box = await core.invoke('accountsCreate', { config: { kind: 'gsmbox', name: 'Office box', baseUrl: 'http://192.168.1.50', username: 'admin' }, secrets: { password: 'x' } });
    expect(box.ok && (box.value as { secondsPerSms: number }).secondsPerSms).toBe(6);

    const list = await core.invoke('accountsList', undefined);
    expect(list.ok && (list.value as unknown[]).length).toBe(3);
  });

  it('refuses invalid input with field messages and stores nothing', async () => {
    const { core } = setup();
    const bad = await core.invoke('accountsCreate', { config: { kind: 'eims', name: '', baseUrl: 'ftp://x', account: 'a' }, secrets: { password: 'p' } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('INVALID_INPUT');
    expect(bad.error.fields?.['config.baseUrl']).toMatch(/http:\/\//);
    expect(bad.error.fields?.['config.name']).toMatch(/name/);
    const list = await core.invoke('accountsList', undefined);
    expect(list.ok && list.value).toEqual([]);
  });

  it('requires the password on create and refuses to clear it on update', async () => {
    const { core } = setup();
    const noPw = await core.invoke('accountsCreate', { config: eims, secrets: {} });
    expect(!noPw.ok && noPw.error.code).toBe('ACCOUNT_SECRET_REQUIRED');
    const ok = await core.invoke('accountsCreate', { config: eims, secrets: { password: 'p' } });
    if (!ok.ok) throw new Error('create failed');
    const id = (ok.value as { id: string }).id;
    const cleared = await core.invoke('accountsUpdate', { id, config: eims, secrets: { password: null } });
    expect(!cleared.ok && cleared.error.code).toBe('ACCOUNT_SECRET_REQUIRED');
  });

  it('rejects a secret name the kind does not have', async () => {
    const { core } = setup();
    const r = await core.invoke('accountsCreate', { config: eims, secrets: { password: 'p', masterSecret: 'nope' } });
    expect(!r.ok && r.error.code).toBe('ACCOUNT_SECRET_UNKNOWN');
  });

  it('updates fields, keeps absent secrets, clears optional ones, and emits events', async () => {
    const { core, events } = setup();
    const created = await core.invoke('accountsCreate', { config: eims, secrets: { password: 'p', key: 'k' } });
    if (!created.ok) throw new Error('create failed');
    const id = (created.value as { id: string }).id;
    const updated = await core.invoke('accountsUpdate', { id, config: { ...eims, name: 'Renamed', encrypted: false }, secrets: { key: null } });
    expect(updated.ok).toBe(true);
    if (!updated.ok) return;
    expect(updated.value).toMatchObject({ name: 'Renamed', encrypted: false, hasSecret: { password: true, key: false } });
    const kindChange = await core.invoke('accountsUpdate', { id, config: { kind: 'gsmbox', name: 'x', baseUrl: 'http://1.2.3.4', username: 'u' }, secrets: {} });
    expect(!kindChange.ok && kindChange.error.code).toBe('ACCOUNT_KIND_FIXED');
    expect(events.map((e) => e.name)).toEqual(['accountsChanged', 'accountsChanged']);
  });

  it('deletes an account and its secrets', async () => {
    const { core, secrets } = setup();
    const created = await core.invoke('accountsCreate', { config: eims, secrets: { password: 'p' } });
    if (!created.ok) throw new Error('create failed');
    const id = (created.value as { id: string }).id;
    const del = await core.invoke('accountsDelete', { id });
    expect(del.ok).toBe(true);
    expect(secrets.state(`account:${id}:password`)).toBe('missing');
    const again = await core.invoke('accountsDelete', { id });
    expect(!again.ok && again.error.code).toBe('ACCOUNT_NOT_FOUND');
  });

  it('survives a restart on the same data dir', async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const first = makeTestCore(t.dir);
    await first.core.invoke('accountsCreate', { config: eims, secrets: { password: 'p' } });
    await first.core.stop();
    const second = makeTestCore(t.dir);
    const list = await second.core.invoke('accountsList', undefined);
    expect(list.ok && (list.value as { name: string }[]).map((a) => a.name)).toEqual(['Wholesale']);
    await second.core.stop();
  });
});

describe('settings', () => {
  it('has defaults, validates patches and emits changes', async () => {
    const { core, events } = setup();
    const got = await core.invoke('settingsGet', undefined);
    expect(got.ok && got.value).toMatchObject({ defaultRegion: 'CN', language: 'en' });
    const bad = await core.invoke('settingsUpdate', { language: 'fr' });
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
    const good = await core.invoke('settingsUpdate', { language: 'zh', defaultRegion: 'us' });
    expect(good.ok && good.value).toMatchObject({ language: 'zh', defaultRegion: 'US' });
    expect(events.at(-1)?.name).toBe('settingsChanged');
  });
});

describe('EIMS encrypted mode', () => {
  it('needs the key as well as the password', async () => {
    const { core } = setup();
    const r = await core.invoke('accountsCreate', { config: { ...eims, encrypted: true }, secrets: { password: 'p' } });
    expect(!r.ok && r.error.code).toBe('ACCOUNT_SECRET_REQUIRED');
    expect(!r.ok && r.error.fields).toEqual({ 'secrets.key': 'Required' });
    const plain = await core.invoke('accountsCreate', { config: { ...eims, encrypted: false }, secrets: { password: 'p' } });
    expect(plain.ok).toBe(true);
  });
});

describe('settings patches', () => {
  it('change only the fields they name', async () => {
    const { core } = setup();
    await core.invoke('settingsUpdate', { theme: 'dark' });
    const r = await core.invoke('settingsUpdate', { language: 'zh' });
    expect(r.ok && r.value).toMatchObject({ theme: 'dark', language: 'zh', defaultRegion: 'CN' });
  });
});
