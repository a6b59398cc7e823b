import { waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAccountsStore } from '../../../src/renderer/src/stores/accounts.ts';
import { useConnectionChecksStore } from '../../../src/renderer/src/stores/connection-checks.ts';
import type { FakeMain } from '../fake-bridge.ts';
import { installFakeMain } from '../render.tsx';
import { boxAccount, jsmsAccount } from './fixtures.ts';

const entry = (id: string) => useConnectionChecksStore.getState().byId[id];

describe('connection checks store', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installFakeMain({ accounts: [jsmsAccount, boxAccount] });
  });

  it('keeps the last answer per account and shows it is running meanwhile', async () => {
    const pending = useConnectionChecksStore.getState().test('acc-g');
    expect(entry('acc-g')?.running).toBe(true);
    await pending;
    expect(fake.callsOf('accountsTest')).toEqual([{ id: 'acc-g' }]);
    expect(entry('acc-g')).toMatchObject({ running: false, failure: null, check: { ok: true, kind: 'gsmbox' } });
    expect(entry('acc-g')?.check?.ports).toHaveLength(4);
    expect(entry('acc-j')).toBeUndefined();
  });

  it('stores a failed check as an answer, and a refused call as a failure', async () => {
    fake.checks.set('acc-j', {
      ok: false, kind: 'jsms', summary: 'Failed.', balances: [], ports: [], warnings: [], checkedAt: 5,
      error: { code: 'JSMS_AUTH', message: 'JSMS rejected the AppKey or master secret.', kind: 'auth' },
    });
    await useConnectionChecksStore.getState().test('acc-j');
    expect(entry('acc-j')?.check?.error?.code).toBe('JSMS_AUTH');
    expect(entry('acc-j')?.failure).toBeNull();

    fake.failNext('accountsTest', { code: 'ACCOUNT_NOT_FOUND', message: 'That account no longer exists.' });
    await useConnectionChecksStore.getState().test('acc-j');
    expect(entry('acc-j')?.failure?.code).toBe('ACCOUNT_NOT_FOUND');
    // The earlier answer stays visible next to the failure.
    expect(entry('acc-j')?.check?.error?.code).toBe('JSMS_AUTH');
  });

  it('forgets the result of an account once it is deleted', async () => {
    await useAccountsStore.getState().load();
    await useConnectionChecksStore.getState().test('acc-j');
    await useConnectionChecksStore.getState().test('acc-g');
    await useAccountsStore.getState().remove('acc-j');
    expect(entry('acc-j')).toBeUndefined();
    expect(entry('acc-g')?.check?.ok).toBe(true);
  });

  it('forgets the result when another window deletes the account (accountsChanged → reload)', async () => {
    await useAccountsStore.getState().load();
    await useConnectionChecksStore.getState().test('acc-g');
    fake.accounts = fake.accounts.filter((a) => a.id !== 'acc-g');
    await useAccountsStore.getState().load();
    await waitFor(() => expect(entry('acc-g')).toBeUndefined());
  });

  it('does not resurrect an entry when an answer arrives after the account was deleted', async () => {
    await useAccountsStore.getState().load();
    const pending = useConnectionChecksStore.getState().test('acc-g');
    await useAccountsStore.getState().remove('acc-g');
    await pending;
    expect(entry('acc-g')).toBeUndefined();
  });
});
