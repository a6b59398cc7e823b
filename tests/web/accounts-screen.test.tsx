import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../src/shared/accounts.ts';
import { i18next } from '../../src/renderer/src/i18n/index.ts';
import { AccountsScreen } from '../../src/renderer/src/screens/accounts/AccountsScreen.tsx';
import type { FakeMain } from './fake-bridge.ts';
import { installFakeMain, renderInApp } from './render.tsx';

const SECRET = 'do-not-show-me-7f3a';

const existingJsms: AccountView = {
  id: 'acc-j',
  kind: 'jsms',
  name: 'Promo',
  baseUrl: 'https://api.sms.jpush.cn',
  appKey: 'key-123',
  signId: 42,
  devKey: undefined,
  pullReports: false,
  createdAt: 1,
  updatedAt: 1,
  hasSecret: { masterSecret: true, devSecret: true },
  secretsToReenter: [],
};

function type(label: RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

/** The EIMS form's required fields: name, base URL, platform account and password. */
function fillEims() {
  fireEvent.click(screen.getByLabelText('EIMS'));
  type(/^Name/, 'Wholesale');
  type(/^Base URL/, 'http://203.0.113.10:20003');
  type(/^Platform account/, 'acct');
  type(/^Password/, 'pw');
}

async function openAdd() {
  fireEvent.click(await screen.findByTestId('account-add'));
  return screen.findByTestId('account-save');
}

describe('Accounts screen', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installFakeMain();
  });

  it('shows an honest empty state when there are no accounts', async () => {
    renderInApp(<AccountsScreen />);
    expect(await screen.findByTestId('accounts-empty')).toHaveProperty('textContent', expect.stringContaining('No accounts yet'));
  });

  it('lists accounts with kind, name, base URL and which secrets are set', async () => {
    fake = installFakeMain({ accounts: [existingJsms, { ...existingJsms, id: 'acc-g', kind: 'gsmbox', name: 'Office box', baseUrl: 'http://192.168.1.50', username: 'admin', secondsPerSms: 6, dailyCapPerSim: 300, portRestMinutes: 30, hasSecret: { password: false } } as AccountView] });
    renderInApp(<AccountsScreen />);
    const rows = await screen.findAllByTestId('account-row');
    expect(rows).toHaveLength(2);
    const [jsms, box] = rows as [HTMLElement, HTMLElement];
    expect(jsms.textContent).toContain('JSMS');
    expect(jsms.textContent).toContain('Promo');
    expect(jsms.textContent).toContain('https://api.sms.jpush.cn');
    expect(jsms.textContent).toContain('Master secret set');
    expect(box.textContent).toContain('GSM gateway');
    expect(box.textContent).toContain('Password not set');
  });

  it('shows the schemas’ sentences under the fields and does not call main when the form is invalid', async () => {
    renderInApp(<AccountsScreen />);
    fireEvent.click(await openAdd());
    expect(await screen.findByText('Give the account a name')).toBeTruthy();
    expect(screen.getByText('Enter the AppKey from the JSMS console')).toBeTruthy();
    expect(within(screen.getByTestId('account-secret-masterSecret')).getByText('Required: this kind of account cannot send without it.')).toBeTruthy();
    expect(within(screen.getByTestId('account-secret-devSecret')).queryByText(/Required/)).toBeNull();
    type(/^Base URL/, 'ftp://nowhere');
    expect(await screen.findByText('Enter a full http:// or https:// address, e.g. http://192.168.1.50:80')).toBeTruthy();
    expect(fake.callsOf('accountsCreate')).toEqual([]);
  });

  it('creates a JSMS account with the right input and shows it in the list', async () => {
    renderInApp(<AccountsScreen />);
    await openAdd();
    type(/^Name/, '  Marketing ');
    type(/^AppKey/, 'app-key-1');
    type(/^Signature/, '7');
    type(/^Master secret/, 's3cret');
    expect((screen.getByLabelText(/^Fetch reports by polling/) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('account-save'));
    await waitFor(() => expect(fake.callsOf('accountsCreate')).toHaveLength(1));
    expect(fake.callsOf('accountsCreate')[0]).toEqual({
      config: { kind: 'jsms', name: 'Marketing', baseUrl: 'https://api.sms.jpush.cn', appKey: 'app-key-1', signId: 7, pullReports: true },
      secrets: { masterSecret: 's3cret' },
    });
    const row = await screen.findByTestId('account-row');
    expect(row.textContent).toContain('Marketing');
    expect(screen.queryByTestId('account-form')).toBeNull();
    expect(fake.secrets.get('acc-1')).toEqual({ masterSecret: 's3cret' });
  });

  it('creates a GSM gateway account with its defaults and an EIMS account that needs its key when encrypted', async () => {
    renderInApp(<AccountsScreen />);
    await openAdd();
    fireEvent.click(screen.getByLabelText('GSM gateway'));
    type(/^Name/, 'Office');
    type(/^Base URL/, 'http://192.168.1.50/');
    type(/^User name/, 'admin');
    type(/^Password/, 'pw');
    fireEvent.click(screen.getByTestId('account-save'));
    await waitFor(() => expect(fake.callsOf('accountsCreate')).toHaveLength(1));
    expect(fake.callsOf('accountsCreate')[0]).toEqual({
      config: { kind: 'gsmbox', name: 'Office', baseUrl: 'http://192.168.1.50', username: 'admin', secondsPerSms: 6, dailyCapPerSim: 300, portRestMinutes: 30 },
      secrets: { password: 'pw' },
    });

    await openAdd();
    fillEims();
    expect(screen.queryByLabelText(/^Encryption key/)).toBeNull();
    fireEvent.click(screen.getByLabelText(/^Encrypted sign-in/));
    fireEvent.click(screen.getByTestId('account-save'));
    expect(await screen.findByText('Encrypted sign-in needs the encryption key.')).toBeTruthy();
    type(/^Encryption key/, 'k');
    fireEvent.click(screen.getByTestId('account-save'));
    await waitFor(() => expect(fake.callsOf('accountsCreate')).toHaveLength(2));
    expect(fake.callsOf('accountsCreate')[1]).toEqual({
      config: { kind: 'eims', name: 'Wholesale', baseUrl: 'http://203.0.113.10:20003', account: 'acct', encrypted: true },
      secrets: { password: 'pw', key: 'k' },
    });
  });

  it('takes an optional price per segment and currency, checked by the shared schema (en and zh), and shows them when editing', async () => {
    renderInApp(<AccountsScreen />);
    await openAdd();
    fillEims();
    type(/^Currency/, 'R$');
    fireEvent.click(screen.getByTestId('account-save'));
    expect(await screen.findByText('Enter a three-letter currency code, e.g. CNY or USD')).toBeTruthy();
    await act(async () => {
      await i18next.changeLanguage('zh');
    });
    fireEvent.click(screen.getByTestId('account-save'));
    expect(await screen.findByText('请填写三个字母的货币代码，例如 CNY 或 USD')).toBeTruthy();
    expect(fake.callsOf('accountsCreate')).toEqual([]);
    await act(async () => {
      await i18next.changeLanguage('en');
    });
    fireEvent.change(screen.getByLabelText(/^Price per SMS segment/), { target: { value: '0.05' } });
    fireEvent.change(screen.getByLabelText(/^Currency/), { target: { value: 'cny' } });
    fireEvent.click(screen.getByTestId('account-save'));
    await waitFor(() => expect(fake.callsOf('accountsCreate')).toHaveLength(1));
    expect(fake.callsOf('accountsCreate')[0]).toEqual({
      config: { kind: 'eims', name: 'Wholesale', baseUrl: 'http://203.0.113.10:20003', account: 'acct', encrypted: false, pricePerSegment: 0.05, currency: 'CNY' },
      secrets: { password: 'pw' },
    });
    fireEvent.click(await screen.findByTestId('account-edit'));
    await waitFor(() => expect((screen.getByLabelText(/^Price per SMS segment/) as HTMLInputElement).value).toBe('0.05'));
    expect((screen.getByLabelText(/^Currency/) as HTMLInputElement).value).toBe('CNY');
  });

  it('never displays stored secrets; keeps, replaces or clears them as asked', async () => {
    fake = installFakeMain({ accounts: [existingJsms], secrets: { 'acc-j': { masterSecret: SECRET, devSecret: SECRET } } });
    renderInApp(<AccountsScreen />);
    fireEvent.click(await screen.findByTestId('account-edit'));
    await screen.findByTestId('account-save');
    expect(document.body.textContent).not.toContain(SECRET);
    for (const input of document.querySelectorAll('input')) expect(input.value).not.toContain(SECRET);
    const master = screen.getByTestId('account-secret-masterSecret');
    expect(within(master).getByTestId('account-secret-masterSecret-state').textContent).toBe('Set');
    expect(within(master).queryByTestId('account-secret-masterSecret-clear')).toBeNull(); // required: replace only

    fireEvent.click(screen.getByTestId('account-secret-devSecret-clear'));
    const pull = screen.getByLabelText(/^Fetch reports by polling/) as HTMLInputElement;
    expect(pull.checked).toBe(false);
    fireEvent.click(pull);
    fireEvent.click(screen.getByTestId('account-save'));
    await waitFor(() => expect(fake.callsOf('accountsUpdate')).toHaveLength(1));
    expect(fake.callsOf('accountsUpdate')[0]).toEqual({
      id: 'acc-j',
      config: { kind: 'jsms', name: 'Promo', baseUrl: 'https://api.sms.jpush.cn', appKey: 'key-123', signId: 42, pullReports: true },
      secrets: { devSecret: null },
    });
    expect(fake.secrets.get('acc-j')).toEqual({ masterSecret: SECRET });

    fireEvent.click(await screen.findByTestId('account-edit'));
    fireEvent.click(await screen.findByTestId('account-secret-masterSecret-replace'));
    const input = screen.getByLabelText(/^Master secret/) as HTMLInputElement;
    expect(input.type).toBe('password');
    expect(input.value).toBe('');
    type(/^Master secret/, 'new-one');
    fireEvent.click(screen.getByTestId('account-save'));
    await waitFor(() => expect(fake.callsOf('accountsUpdate')).toHaveLength(2));
    expect((fake.callsOf('accountsUpdate')[1] as { secrets: unknown }).secrets).toEqual({ masterSecret: 'new-one' });
  });

  it('shows main’s refusal: its sentence, its code, and field messages under the fields', async () => {
    fake.failNext('accountsCreate', {
      code: 'ACCOUNT_NAME_TAKEN',
      message: 'Another account already has this name. Pick a different name.',
      fields: { 'config.name': 'This name is taken' },
    });
    renderInApp(<AccountsScreen />);
    await openAdd();
    type(/^Name/, 'Promo');
    type(/^AppKey/, 'k');
    type(/^Master secret/, 's');
    fireEvent.click(screen.getByTestId('account-save'));
    const alert = await screen.findByTestId('account-save-error');
    expect(alert.textContent).toContain('Another account already has this name. Pick a different name.');
    expect(alert.textContent).toContain('ACCOUNT_NAME_TAKEN');
    expect(screen.getByText('This name is taken')).toBeTruthy();
    expect(screen.getByTestId('account-form')).toBeTruthy();
  });

  it('asks before deleting, and deletes only on confirmation', async () => {
    fake = installFakeMain({ accounts: [existingJsms] });
    renderInApp(<AccountsScreen />);
    fireEvent.click(await screen.findByTestId('account-delete'));
    expect((await screen.findByTestId('account-delete-dialog')).textContent).toContain('Delete “Promo”?');
    fireEvent.click(screen.getByTestId('account-delete-cancel'));
    expect(fake.callsOf('accountsDelete')).toEqual([]);
    fireEvent.click(await screen.findByTestId('account-delete'));
    fireEvent.click(await screen.findByTestId('account-delete-confirm'));
    await waitFor(() => expect(fake.callsOf('accountsDelete')).toEqual([{ id: 'acc-j' }]));
    expect(await screen.findByTestId('accounts-empty')).toBeTruthy();
  });

  it('speaks Chinese, validation sentences included', async () => {
    renderInApp(<AccountsScreen />);
    await act(async () => {
      await i18next.changeLanguage('zh');
    });
    fireEvent.click(await screen.findByTestId('account-add'));
    fireEvent.click(await screen.findByTestId('account-save'));
    expect(await screen.findByText('请为账户命名')).toBeTruthy();
    expect(screen.getByText('请输入 JSMS 控制台中的 AppKey')).toBeTruthy();
    expect(screen.getByTestId('account-save').textContent).toBe('添加账户');
  });

  it('refuses a base URL with a user name and password in it, saying where the password goes (en and zh)', async () => {
    renderInApp(<AccountsScreen />);
    fireEvent.click(await openAdd());
    type(/^Base URL/, 'http://admin:secret@192.168.1.50');
    expect(await screen.findByText('Take the user name and password out of the address: put the password in the password field.')).toBeTruthy();
    await act(async () => {
      await i18next.changeLanguage('zh');
    });
    fireEvent.click(screen.getByTestId('account-save'));
    expect(await screen.findByText('请把用户名和密码从地址中删掉：密码请填在密码栏里。')).toBeTruthy();
    expect(fake.callsOf('accountsCreate')).toEqual([]);
  });
});
