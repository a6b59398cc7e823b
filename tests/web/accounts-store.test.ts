import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useAccountsStore } from '../../src/renderer/src/stores/accounts.ts';
import { connectLiveUpdates } from '../../src/renderer/src/stores/live-updates.ts';
import { useSettingsStore } from '../../src/renderer/src/stores/settings.ts';
import type { FakeMain } from './fake-bridge.ts';
import { installFakeMain } from './render.tsx';

const jsmsInput = {
  config: { kind: 'jsms' as const, name: 'Marketing', baseUrl: 'https://api.sms.jpush.cn', appKey: 'app-1' },
  secrets: { masterSecret: 'm-secret' },
};

describe('accounts store', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installFakeMain();
  });

  it('loads the list from main', async () => {
    await useAccountsStore.getState().create(jsmsInput);
    useAccountsStore.setState({ accounts: [], status: 'idle' });
    await useAccountsStore.getState().load();
    const state = useAccountsStore.getState();
    expect(state.status).toBe('ready');
    expect(state.accounts.map((a) => a.name)).toEqual(['Marketing']);
  });

  it('create sends the input and caches the answer, with secret flags but no secret values', async () => {
    const result = await useAccountsStore.getState().create(jsmsInput);
    expect(result.ok).toBe(true);
    expect(fake.callsOf('accountsCreate')).toEqual([jsmsInput]);
    const [account] = useAccountsStore.getState().accounts;
    expect(account?.hasSecret).toEqual({ masterSecret: true, devSecret: false });
    expect(JSON.stringify(useAccountsStore.getState())).not.toContain('m-secret');
  });

  it('returns main’s error instead of throwing, and leaves the cache alone', async () => {
    fake.failNext('accountsCreate', { code: 'ACCOUNT_DUPLICATE', message: 'An account with this name exists.', fields: { 'config.name': 'Pick another name' } });
    const result = await useAccountsStore.getState().create(jsmsInput);
    expect(result).toEqual({ ok: false, error: { code: 'ACCOUNT_DUPLICATE', message: 'An account with this name exists.', fields: { 'config.name': 'Pick another name' } } });
    expect(useAccountsStore.getState().accounts).toEqual([]);
  });

  it('update and remove keep the cache in step', async () => {
    const created = await useAccountsStore.getState().create(jsmsInput);
    if (!created.ok) throw new Error('create failed');
    const id = created.value.id;
    const updated = await useAccountsStore.getState().update({ id, config: { ...jsmsInput.config, name: 'Renamed' }, secrets: { masterSecret: null } });
    expect(updated.ok).toBe(true);
    expect(useAccountsStore.getState().accounts[0]?.name).toBe('Renamed');
    expect(useAccountsStore.getState().accounts[0]?.hasSecret.masterSecret).toBe(false);
    await useAccountsStore.getState().remove(id);
    expect(useAccountsStore.getState().accounts).toEqual([]);
  });

  it('a load failure is recorded as an error the screen can show', async () => {
    fake.failNext('accountsList', { code: 'BRIDGE_DOWN', message: 'The console is not reachable.' });
    await useAccountsStore.getState().load();
    expect(useAccountsStore.getState().status).toBe('error');
    expect(useAccountsStore.getState().error?.code).toBe('BRIDGE_DOWN');
  });

  it('reloads when main says the accounts changed, and takes pushed settings', async () => {
    const stop = connectLiveUpdates();
    try {
      fake.accounts = [{ ...jsmsInput.config, devKey: undefined, pullReports: true, id: 'elsewhere', createdAt: 1, updatedAt: 1, hasSecret: {}, secretsToReenter: [] }];
      fake.emit('accountsChanged', { reason: 'created', id: 'elsewhere' });
      await vi.waitFor(() => expect(useAccountsStore.getState().accounts).toHaveLength(1));
      fake.emit('settingsChanged', { ...fake.settings, language: 'zh' });
      expect(useSettingsStore.getState().settings.language).toBe('zh');
    } finally {
      stop();
    }
  });
});

