import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18next } from '../../../src/renderer/src/i18n/index.ts';
import { AccountsScreen } from '../../../src/renderer/src/screens/accounts/AccountsScreen.tsx';
import type { FakeMain } from '../fake-bridge.ts';
import { installFakeMain, renderInApp } from '../render.tsx';
import { boxAccount, eimsAccount, jsmsAccount } from './fixtures.ts';

async function rowOf(name: string): Promise<HTMLElement> {
  const rows = await screen.findAllByTestId('account-row');
  const row = rows.find((r) => within(r).queryByTestId('account-name')?.textContent === name);
  if (!row) throw new Error(`no row ${name}`);
  return row;
}

async function testRow(name: string): Promise<HTMLElement> {
  const row = await rowOf(name);
  fireEvent.click(within(row).getByTestId('account-test'));
  return within(row).findByTestId('account-check-result');
}

describe('Test connection on the Accounts screen', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installFakeMain({ accounts: [jsmsAccount, eimsAccount, boxAccount] });
  });

  it('says an account was not tested yet, and has a labelled button on every row', async () => {
    renderInApp(<AccountsScreen />);
    const rows = await screen.findAllByTestId('account-row');
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(within(row).getByText('Not tested yet')).toBeTruthy();
      expect(within(row).getByTestId('account-test').getAttribute('aria-label')).toMatch(/^Test the connection of /);
    }
    expect(fake.callsOf('accountsTest')).toEqual([]);
  });

  it('shows JSMS and EIMS balances with their labels and the time of the check', async () => {
    fake.checks.set('acc-j', {
      ok: true, kind: 'jsms', summary: 'Connected to JSMS.', checkedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
      balances: [
        { label: 'App SMS, all types', amount: 1234, unit: 'messages', pool: 'all' },
        { label: 'App industry SMS (codes, notices)', amount: 50_000, unit: 'messages', pool: 'industry' },
        { label: 'App marketing SMS', amount: null, unit: 'messages', pool: 'market' },
        { label: 'App voice codes', amount: null, unit: 'messages', pool: 'voice' },
      ],
      ports: [], warnings: ['The account balance could not be read: the dev key was rejected.'],
    });
    renderInApp(<AccountsScreen />);
    const jsms = await testRow('Promo');
    expect(jsms.getAttribute('data-ok')).toBe('true');
    const balances = within(jsms).getAllByTestId('account-check-balance').map((b) => b.textContent);
    // All four app quotas: notices draw on industry, marketing SMS on marketing, both then on all-type.
    expect(balances).toEqual([
      'App SMS, all types: 1,234 SMS',
      'App industry SMS (codes, notices): 50,000 SMS',
      'App marketing SMS: no quota assigned',
      'App voice codes: no quota assigned',
    ]);
    expect(within(jsms).getByTestId('account-check-warning').textContent).toContain('dev key was rejected');
    expect(within(jsms).getByTestId('account-checked-at').textContent).toMatch(/^Checked at \d{1,2}:\d\d:\d\d\s[AP]M$/);

    const eims = await testRow('Wholesale');
    expect(within(eims).getByTestId('account-check-balance').textContent).toBe('Balance: 12.50');
    expect(fake.callsOf('accountsTest')).toEqual([{ id: 'acc-j' }, { id: 'acc-e' }]);
  });

  it('shows "3 of 4 ports available" for the box and lists every port on demand', async () => {
    renderInApp(<AccountsScreen />);
    const box = await testRow('Office box');
    const ports = within(box).getByTestId('account-check-ports');
    expect(ports.textContent).toBe('3 of 4 ports available');
    fireEvent.click(ports);
    const list = await screen.findByTestId('account-ports-list');
    const items = within(list).getAllByTestId('account-port');
    expect(items.map((i) => [i.getAttribute('data-port'), i.getAttribute('data-available')])).toEqual([
      ['1', 'true'], ['2', 'true'], ['3', 'false'], ['4', 'true'],
    ]);
    expect(items[2]?.textContent).toContain('Unavailable');
  });

  it('shows the failure sentence and its code when the check fails', async () => {
    fake.checks.set('acc-e', {
      ok: false, kind: 'eims', summary: 'Could not connect.', balances: [], ports: [], warnings: [], checkedAt: 1,
      error: { code: 'EIMS_AUTH', message: 'EIMS says: wrong account or password (-1). Check them in the account settings.', kind: 'auth' },
    });
    renderInApp(<AccountsScreen />);
    const eims = await testRow('Wholesale');
    expect(eims.getAttribute('data-ok')).toBe('false');
    expect(within(eims).getByText('Failed')).toBeTruthy();
    expect(within(eims).getByTestId('account-check-error').textContent).toBe('EIMS says: wrong account or password (-1). Check them in the account settings.');
    expect(within(eims).getByText('Code: EIMS_AUTH')).toBeTruthy();
    expect(within(eims).queryByTestId('account-check-balance')).toBeNull();
  });

  it('shows a call that could not run (account gone) as a failure with its code', async () => {
    fake.failNext('accountsTest', { code: 'ACCOUNT_NOT_FOUND', message: 'That account no longer exists.' });
    renderInApp(<AccountsScreen />);
    const jsms = await testRow('Promo');
    expect(jsms.getAttribute('data-ok')).toBe('false');
    expect(jsms.textContent).toContain('The test could not run');
    expect(jsms.textContent).toContain('Code: ACCOUNT_NOT_FOUND');
  });

  it('keeps the last result when the screen is left and opened again', async () => {
    const first = renderInApp(<AccountsScreen />);
    await testRow('Office box');
    first.unmount();
    renderInApp(<AccountsScreen />);
    const row = await rowOf('Office box');
    expect(within(row).getByTestId('account-check-ports').textContent).toBe('3 of 4 ports available');
    expect(fake.callsOf('accountsTest')).toHaveLength(1);
  });

  it('reads in Chinese', async () => {
    renderInApp(<AccountsScreen />);
    await act(() => i18next.changeLanguage('zh'));
    const box = await testRow('Office box');
    expect(within(box).getByTestId('account-check-ports').textContent).toBe('4 个端口中 3 个可用');
    const jsms = await testRow('Promo');
    expect(within(jsms).getAllByTestId('account-check-balance').map((b) => b.textContent)).toEqual([
      '应用全类型短信余量：1,000 条',
      '应用行业短信余量（验证码、通知）：5,000 条',
      '应用营销短信余量：未分配额度',
      '应用语音短信余量：100 条',
    ]);
    const row = await rowOf('Promo');
    await waitFor(() => expect(within(row).getByTestId('account-test').textContent).toBe('测试连接'));
  });
});
