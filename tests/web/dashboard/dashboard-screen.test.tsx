import { act, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DashboardStats } from '../../../src/shared/monitoring.ts';
import { DashboardScreen } from '../../../src/renderer/src/screens/dashboard/DashboardScreen.tsx';
import { useDashboardStore } from '../../../src/renderer/src/stores/dashboard.ts';
import { installComposeMain } from '../compose/compose-fixtures.ts';
import type { FakeMain } from '../fake-bridge.ts';
import { renderInApp } from '../render.tsx';
import { portInRotation } from '../../../src/shared/box-ports.ts';

const NOW = new Date(2026, 0, 10, 15, 0, 0).getTime();
const day = (d: number) => `2026-01-${String(d).padStart(2, '0')}`;

function stats(partial: Partial<DashboardStats> = {}): DashboardStats {
  return {
    generatedAt: NOW,
    today: { sent: 120, delivered: 100, failed: 5, expired: 2 },
    week: { sent: 1500, delivered: 1400, failed: 40, expired: 12 },
    funnel: { handed: 1500, sent: 1450, delivered: 1400, failed: 40, expired: 12 },
    perDay: [
      { day: day(9), provider: 'eims', sent: 800, delivered: 780, failed: 10, expired: 3 },
      { day: day(9), provider: 'gsmbox', sent: 200, delivered: 190, failed: 5, expired: 0 },
      { day: day(10), provider: 'eims', sent: 120, delivered: 100, failed: 5, expired: 2 },
    ],
    recentCampaigns: [{ id: 'cmp-1', name: 'Spring sale', provider: 'eims', state: 'running', total: 1000, delivered: 900, failed: 20, expired: 7, pending: 80, createdAt: NOW - 3600_000 }],
    inboxUnread: 3,
    ...partial,
  };
}

describe('dashboard screen', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installComposeMain();
    useDashboardStore.setState({ stats: null, statsStatus: 'idle', statsError: null, accounts: null, accountsStatus: 'idle', accountsError: null });
  });

  it('shows today and the week, the funnel, a bar per provider per day, and recent campaigns linked to their page', async () => {
    fake.stats = stats();
    renderInApp(<DashboardScreen />);
    expect((await screen.findByTestId('dash-today-sent')).textContent).toBe('120');
    expect(screen.getByTestId('dash-week-sent').textContent).toBe('1,500');
    expect(screen.getByTestId('dash-week-failed').textContent).toBe('40');
    // Expired is its own count, never added to failed.
    expect(screen.getByTestId('dash-week-expired').textContent).toBe('12');
    expect(screen.getByTestId('dash-today-expired').textContent).toBe('2');
    const steps = screen.getAllByTestId('dash-funnel-step');
    expect(steps.map((s) => [s.getAttribute('data-step'), s.getAttribute('data-count')])).toEqual([
      ['handed', '1500'],
      ['sent', '1450'],
      ['delivered', '1400'],
      ['failed', '40'],
      ['expired', '12'],
    ]);
    const bars = screen.getAllByTestId('dash-chart-cell');
    expect(bars.map((b) => `${b.getAttribute('data-day')}/${b.getAttribute('data-provider')}/${b.getAttribute('data-sent')}`)).toEqual([
      '2026-01-09/eims/800',
      '2026-01-09/gsmbox/200',
      '2026-01-10/eims/120',
    ]);
    const recent = screen.getByTestId('dash-campaign');
    expect(within(recent).getByText('Spring sale').closest('a')!.getAttribute('href')).toBe('#/campaigns/cmp-1');
    expect(within(recent).getByTestId('dash-campaign-expired').textContent).toBe('7');
    expect(screen.getByTestId('dash-unread').textContent).toBe('3 unread replies');
  });

  it('flags low balances and shows each box port with what it sent today', async () => {
    fake.stats = stats();
    fake.dashAccounts = {
      balances: [
        { accountId: 'acc-e', name: 'Wholesale', provider: 'eims', balances: [{ label: 'Balance', amount: 12.5, unit: 'money' }], low: true, error: null, checkedAt: NOW },
        {
          accountId: 'acc-j',
          name: 'JPush',
          provider: 'jsms',
          balances: [
            { label: 'App SMS, all types', amount: 0, unit: 'messages', pool: 'all' },
            { label: 'App industry SMS (codes, notices)', amount: 5000, unit: 'messages', pool: 'industry' },
            { label: 'App marketing SMS', amount: null, unit: 'messages', pool: 'market' },
            { label: 'App voice codes', amount: 100, unit: 'messages', pool: 'voice' },
          ],
          low: false,
          error: null,
          checkedAt: NOW,
        },
      ],
      boxes: [
        {
          accountId: 'acc-g',
          name: 'Office box',
          reachable: true,
          error: null,
          checkedAt: NOW,
          leftToday: 258,
          ports: [
            { port: 1, name: 'Port 1', available: true, sentToday: 42, cap: 300, leftToday: 258, health: portInRotation({ sentToday: 42 }) },
            { port: 2, name: 'Port 2', available: false, sentToday: 300, cap: 300, leftToday: 0, health: portInRotation({ sentToday: 300 }) },
            {
              port: 3,
              name: 'Port 3',
              available: true,
              sentToday: 7,
              cap: 300,
              leftToday: 293,
              health: portInRotation({ rotation: 'resting', reason: 'failing', facts: { failures: 5 }, outSince: NOW, retryAt: NOW + 30 * 60_000, sent: 2, failed: 5, sentToday: 7, imsi: '460001234567892', previousImsi: '460001111111111' }),
            },
          ],
        },
      ],
    };
    renderInApp(<DashboardScreen />);
    const low = await screen.findAllByTestId('dash-balance');
    expect(low.map((b) => b.getAttribute('data-low'))).toEqual(['true', 'false']);
    expect(within(low[0]!).getByTestId('dash-balance-low')).toBeTruthy();
    // JSMS: all four app quotas, what notices and marketing SMS draw on.
    expect(within(low[1]!).getAllByText(/^App /).map((e) => e.textContent)).toEqual([
      'App SMS, all types: 0 messages',
      'App industry SMS (codes, notices): 5,000 messages',
      'App marketing SMS: no quota',
      'App voice codes: 100 messages',
    ]);
    expect(screen.getByTestId('dash-low-warning')).toBeTruthy();
    const ports = screen.getAllByTestId('dash-port');
    expect(ports.map((p) => [p.getAttribute('data-port'), p.getAttribute('data-available'), p.getAttribute('data-sent')])).toEqual([
      ['1', 'true', '42'],
      ['2', 'false', '300'],
      ['3', 'true', '7'],
    ]);
    expect(ports[0]!.textContent).toContain('42 / 300 sent today');
    expect(ports.map((p) => within(p).getByTestId('dash-port-left').textContent)).toEqual(['258 left today', '0 left today', '293 left today']);
    expect(screen.getByTestId('dash-box-left').textContent).toBe('Its SIMs may send 258 more SMS today');
    // A port taken out of rotation says so, why, and when it is tried again; with its success rate and SIM.
    expect(ports.map((p) => p.getAttribute('data-rotation'))).toEqual(['in', 'in', 'resting']);
    expect(within(ports[2]!).getByTestId('port-rotation').textContent).toBe('Out of rotation');
    expect(within(ports[2]!).getByTestId('port-reason').textContent).toMatch(/^Its last 5 sends failed\. Tried again with one message at /);
    expect(within(ports[2]!).getByTestId('port-success').textContent).toBe('29% sent (2 of 7, 7 days)');
    expect(within(ports[2]!).getByTestId('port-imsi').textContent).toBe('SIM 460001234567892');
    expect(within(ports[2]!).getByTestId('port-sim-changed').textContent).toBe('New SIM (was 460001111111111)');
    expect(within(ports[0]!).queryByTestId('port-reason')).toBeNull();
    expect(low[0]!.textContent).toContain('Balance: 12.5');
    // Main sends English balance labels; they read in the user's language like on the Accounts screen.
    await act(async () => void (await i18next.changeLanguage('zh')));
    await waitFor(() => expect(screen.getAllByTestId('dash-balance')[1]!.textContent).toContain('应用行业短信余量（验证码、通知）'));
    expect(screen.getByTestId('dash-box-left').textContent).toBe('SIM 卡今日还可发 258 条');
    expect(screen.getAllByTestId('dash-balance')[0]!.textContent).toContain('余额');
    expect(within(screen.getAllByTestId('dash-port')[2]!).getByTestId('port-reason').textContent).toMatch(/^最近 5 条短信连续发送失败。/);
  });

  it('updates live when messages change', async () => {
    fake.stats = stats();
    renderInApp(<DashboardScreen />);
    expect((await screen.findByTestId('dash-today-sent')).textContent).toBe('120');
    fake.stats = stats({ today: { sent: 121, delivered: 101, failed: 5, expired: 2 } });
    act(() => fake.emit('messagesChanged', { count: 1, campaignIds: ['cmp-1'] }));
    await waitFor(() => expect(screen.getByTestId('dash-today-sent').textContent).toBe('121'), { timeout: 3000 });
  });

  it('shows the error with retry when the counts cannot be read', async () => {
    renderInApp(<DashboardScreen />);
    const alert = await screen.findByTestId('dash-error');
    expect(alert.getAttribute('data-error-code')).toBe('MONITORING_NOT_READY');
  });
});
