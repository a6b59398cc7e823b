import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../src/shared/accounts.ts';
import { i18next } from '../../../src/renderer/src/i18n/index.ts';
import { AccountsScreen } from '../../../src/renderer/src/screens/accounts/AccountsScreen.tsx';
import { useAccountsStore } from '../../../src/renderer/src/stores/accounts.ts';
import type { FakeMain } from '../fake-bridge.ts';
import { boxAccount } from './fixtures.ts';
import { installFakeMain, renderInApp } from '../render.tsx';

/**
 * What the Accounts screen says about secrets at rest: kept for this session only until the user
 * agrees (in a dialog that states the risk) to weak protection; and an account whose saved password
 * can no longer be read asks for it again.
 */
const box: AccountView = { ...boxAccount, hasSecret: { password: false }, secretsToReenter: ['password'] };

describe('secrets at rest on the Accounts screen', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installFakeMain({ accounts: [box] });
    useAccountsStore.setState({ protection: null });
  });

  it('says secrets last only this session, and stores them weakly only after the risk is confirmed', async () => {
    fake.protection = { mode: 'session', canStoreWeakly: true, backend: 'basic_text' };
    renderInApp(<AccountsScreen />);
    const notice = await screen.findByTestId('secrets-protection');
    expect(notice.dataset.mode).toBe('session');
    expect(notice.textContent).toContain('Passwords and keys are kept only until SMS Console quits');
    fireEvent.click(within(notice).getByTestId('secrets-allow-weak'));
    const dialog = await screen.findByRole('dialog', { name: 'Store passwords without a keyring?' });
    expect(dialog.textContent).toContain('Anyone who can read your files can recover them');
    const agree = within(dialog).getByTestId('secrets-weak-agree') as HTMLButtonElement;
    expect(agree.disabled).toBe(true);
    fireEvent.click(within(dialog).getByLabelText('I understand that anyone who can read my files can recover these passwords'));
    expect(agree.disabled).toBe(false);
    expect(fake.callsOf('secretsAllowWeakStorage')).toEqual([]);
    fireEvent.click(agree);
    await waitFor(() => expect(fake.callsOf('secretsAllowWeakStorage')).toEqual([{ understood: true }]));
    await waitFor(() => expect(screen.getByTestId('secrets-protection').dataset.mode).toBe('weak'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offers nothing to agree to when the system has no encryption, and says nothing with a keychain', async () => {
    fake.protection = { mode: 'session', canStoreWeakly: false };
    const view = renderInApp(<AccountsScreen />);
    expect((await screen.findByTestId('secrets-protection')).textContent).toContain('offers no encryption');
    expect(screen.queryByTestId('secrets-allow-weak')).toBeNull();
    view.unmount();
    fake.protection = { mode: 'keychain', canStoreWeakly: false, backend: 'gnome_libsecret' };
    useAccountsStore.setState({ protection: null });
    renderInApp(<AccountsScreen />);
    await screen.findAllByTestId('account-row');
    await waitFor(() => expect(useAccountsStore.getState().protection?.mode).toBe('keychain'));
    expect(screen.queryByTestId('secrets-protection')).toBeNull();
  });

  it('asks for a password that can no longer be read, in the list and in the form (en and zh)', async () => {
    renderInApp(<AccountsScreen />);
    const badge = await screen.findByText('Password: enter again');
    expect(badge.closest('[data-testid=account-secret-state]')?.getAttribute('data-unreadable')).toBe('true');
    fireEvent.click(screen.getByTestId('account-edit'));
    expect((await screen.findByTestId('account-secret-password-unreadable')).textContent).toMatch(/can no longer be read/);
    fireEvent.click(screen.getByTestId('account-save'));
    expect(await screen.findByText('Required: this kind of account cannot send without it.')).toBeTruthy();
    expect(fake.callsOf('accountsUpdate')).toEqual([]);
    fireEvent.change(screen.getByTestId('account-secret-password-input'), { target: { value: 'new-password' } });
    fireEvent.click(screen.getByTestId('account-save'));
    await waitFor(() => expect(fake.callsOf('accountsUpdate')).toHaveLength(1));
    expect((fake.callsOf('accountsUpdate')[0] as { secrets: Record<string, string> }).secrets).toEqual({ password: 'new-password' });
    await waitFor(() => expect(screen.queryByText('Password: enter again')).toBeNull());

    fake.accounts = [box];
    await act(async () => {
      await i18next.changeLanguage('zh');
      await useAccountsStore.getState().load();
    });
    expect(await screen.findByText('密码：请重新填写')).toBeTruthy();
  });
});
