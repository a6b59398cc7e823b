/** The dashboard's guided start (a new install) and its "needs attention" list, each item linking to its fix — in English and Chinese. */
import { act, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DashboardStats } from '../../../src/shared/monitoring.ts';
import type { DashboardHealth } from '../../../src/shared/health.ts';
import { DashboardScreen } from '../../../src/renderer/src/screens/dashboard/DashboardScreen.tsx';
import { useDashboardStore } from '../../../src/renderer/src/stores/dashboard.ts';
import type { FakeMain } from '../fake-bridge.ts';
import { fakeReceiver } from '../fake-bridge.ts';
import { installFakeMain, renderInApp } from '../render.tsx';

const NOW = new Date(2026, 0, 10, 15, 0, 0).getTime();
const EMPTY: DashboardStats = {
  generatedAt: NOW,
  today: { sent: 0, delivered: 0, failed: 0, expired: 0 },
  week: { sent: 0, delivered: 0, failed: 0, expired: 0 },
  funnel: { handed: 0, sent: 0, delivered: 0, failed: 0, expired: 0 },
  perDay: [],
  recentCampaigns: [],
  inboxUnread: 0,
};
const setup = (partial: Partial<DashboardHealth['setup']> = {}): DashboardHealth['setup'] => ({ accounts: 1, accountsTested: 1, lists: 1, sent: true, ...partial });

const ALL_ITEMS: DashboardHealth['items'] = [
  { kind: 'receiver-port-in-use', host: '0.0.0.0', port: 18080, error: { code: 'RECEIVER_PORT_IN_USE', message: 'Port 18080 is already used by another program.' } },
  { kind: 'box-push-not-set-up', accountId: 'acc-g', accountName: 'Office box' },
  { kind: 'account-test-failed', accountId: 'acc-e', accountName: 'Wholesale', provider: 'eims', testedAt: NOW - 60_000, error: { code: 'EIMS_AUTH', message: 'EIMS refused the account name or password.' } },
  { kind: 'sim-over-cap', accountId: 'acc-g', accountName: 'Office box', port: 2, sentToday: 300, cap: 300 },
];

describe('dashboard: first run and health', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installFakeMain();
    fake.stats = EMPTY;
    useDashboardStore.setState({ stats: null, statsStatus: 'idle', statsError: null, accounts: null, accountsStatus: 'idle', accountsError: null, health: null, healthError: null });
  });

  it('on a fresh install shows four steps, each a link to where it is done, and links the empty balances to Accounts', async () => {
    renderInApp(<DashboardScreen />);
    const guide = await screen.findByTestId('dash-guide');
    const steps = within(guide).getAllByTestId('dash-guide-step');
    expect(steps.map((s) => [s.getAttribute('data-step'), s.getAttribute('data-done')])).toEqual([
      ['account', 'false'],
      ['test', 'false'],
      ['list', 'false'],
      ['send', 'false'],
    ]);
    const links = within(guide).getAllByTestId('dash-guide-link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Add an account', '#/accounts'],
      ['Test it', '#/accounts'],
      ['Import a list', '#/contacts'],
      ['Send a test to yourself', '#/compose/test'],
    ]);
    // Nothing to attend to yet: the guide is the whole story.
    expect(screen.queryByTestId('dash-attention')).toBeNull();
    const empty = await screen.findByTestId('dash-balances-empty');
    expect(within(empty).getByRole('link', { name: 'Add an account' }).getAttribute('href')).toBe('#/accounts');
    // "Check again" with nothing to check is gone.
    expect(screen.queryByTestId('dash-accounts-refresh')).toBeNull();

    await act(async () => void (await i18next.changeLanguage('zh')));
    await waitFor(() => expect(within(screen.getByTestId('dash-guide')).getAllByTestId('dash-guide-link').map((a) => a.textContent)).toEqual(['添加账户', '测试账户', '导入名单', '给自己发一条测试短信']));
    expect(screen.getByText('快速上手')).toBeTruthy();
  });

  it('ticks the steps done and leaves the guide once a first campaign went out', async () => {
    fake.health = { items: [], setup: setup({ accountsTested: 0, lists: 0, sent: false }), checkedAt: NOW };
    const view = renderInApp(<DashboardScreen />);
    const steps = await screen.findAllByTestId('dash-guide-step');
    expect(steps.map((s) => s.getAttribute('data-done'))).toEqual(['true', 'false', 'false', 'false']);
    view.unmount();

    fake.health = { items: [], setup: setup(), checkedAt: NOW };
    useDashboardStore.setState({ health: null });
    renderInApp(<DashboardScreen />);
    expect((await screen.findByTestId('dash-attention-none')).textContent).toBe('Nothing needs your attention.');
    expect(screen.queryByTestId('dash-guide')).toBeNull();
  });

  it('lists what needs attention with the sentence, the code and a link to each fix, in English and Chinese', async () => {
    fake.health = { items: ALL_ITEMS, setup: setup(), checkedAt: NOW };
    renderInApp(<DashboardScreen />);
    await screen.findByTestId('dash-attention');
    const items = screen.getAllByTestId('dash-attention-item');
    expect(items.map((i) => i.getAttribute('data-kind'))).toEqual(['receiver-port-in-use', 'box-push-not-set-up', 'account-test-failed', 'sim-over-cap']);
    const fixes = items.map((i) => within(i).getByTestId('dash-attention-fix'));
    expect(fixes.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Choose another port', '#/settings'],
      ['Set up pushes', '#/settings'],
      ['Check the account', '#/accounts'],
      ['Change the daily cap', '#/accounts'],
    ]);
    expect(items[0]!.textContent).toContain('The receiver cannot start: port 18080 is in use');
    expect(items[0]!.textContent).toContain('Code: RECEIVER_PORT_IN_USE');
    expect(items[1]!.textContent).toContain('Office box: pushes are not set up');
    expect(items[1]!.textContent).toContain('No push received yet.');
    expect(items[2]!.textContent).toContain('Wholesale: the last connection test failed');
    expect(items[2]!.textContent).toContain('EIMS refused the account name or password.');
    expect(items[2]!.textContent).toContain('Code: EIMS_AUTH');
    expect(items[3]!.textContent).toContain('Office box, port 2: daily cap reached (300 / 300)');

    await act(async () => void (await i18next.changeLanguage('zh')));
    await waitFor(() => expect(screen.getAllByTestId('dash-attention-item')[0]!.textContent).toContain('接收器无法启动：端口 18080 已被占用'));
    const zh = screen.getAllByTestId('dash-attention-item');
    expect(zh[1]!.textContent).toContain('Office box：尚未设置推送');
    expect(zh[1]!.textContent).toContain('尚未收到任何推送。');
    expect(zh[3]!.textContent).toContain('已达每日上限（300 / 300）');
    expect(within(zh[0]!).getByTestId('dash-attention-fix').textContent).toBe('换一个端口');
  });

  it('asks again when the receiver changes state', async () => {
    fake.health = { items: [], setup: setup(), checkedAt: NOW };
    renderInApp(<DashboardScreen />);
    await screen.findByTestId('dash-attention-none');
    fake.health = { items: [ALL_ITEMS[0]!], setup: setup(), checkedAt: NOW };
    act(() => fake.emit('receiverStatus', fakeReceiver({ state: 'error' })));
    await waitFor(() => expect(screen.getAllByTestId('dash-attention-item').map((i) => i.getAttribute('data-kind'))).toEqual(['receiver-port-in-use']));
  });
});
