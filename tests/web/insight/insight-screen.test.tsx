import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InsightReport, SendTotals } from '../../../src/shared/insight.ts';
import type { AccountView } from '../../../src/shared/accounts.ts';
import { InsightScreen } from '../../../src/renderer/src/screens/insight/InsightScreen.tsx';
import { lastDays, useInsightStore } from '../../../src/renderer/src/stores/insight.ts';
import { installFakeMain } from '../render.tsx';
import type { FakeMain } from '../fake-bridge.ts';
import { renderInApp } from '../render.tsx';

const totals = (handed: number, delivered: number, failed: number, partial: Partial<SendTotals> = {}): SendTotals => ({
  handed,
  segments: handed * 2,
  delivered,
  failed,
  expired: 0,
  refused: 0,
  deliveryRate: handed > 0 ? delivered / handed : null,
  ...partial,
});

function report(): InsightReport {
  return {
    range: { from: 0, to: 1, utcOffsetMinutes: 0 },
    totals: totals(1200, 900, 60, { refused: 5 }),
    byAccount: [
      { accountId: 'a1', accountName: 'Wholesale', kind: 'eims', ...totals(1000, 800, 50) },
      { accountId: 'a2', accountName: 'Office box', kind: 'gsmbox', ...totals(200, 100, 10, { refused: 5 }) },
    ],
    byPort: [
      { accountId: 'a2', accountName: 'Office box', kind: 'gsmbox', port: 1, ...totals(150, 95, 2) },
      { accountId: 'a2', accountName: 'Office box', kind: 'gsmbox', port: 2, ...totals(50, 5, 8, { refused: 5 }) },
    ],
    byDay: [
      { day: '2026-01-09', ...totals(700, 500, 30) },
      { day: '2026-01-10', ...totals(500, 400, 30) },
    ],
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, ...(hour === 9 ? totals(1200, 900, 60) : totals(0, 0, 0)) })),
    campaigns: [
      {
        id: 'cmp-1',
        name: 'Spring sale',
        accountName: 'Wholesale',
        createdAt: 0,
        total: 1000,
        handed: 1000,
        delivered: 800,
        failed: 50,
        deliveredRate: 0.8,
        failedRate: 0.05,
        failedByReason: [
          { code: 'EIMS_REJECTED', n: 40 },
          { code: '', n: 10 },
        ],
        medianDeliverySeconds: 30,
        replies: 12,
        optOuts: 3,
      },
      { id: 'cmp-2', name: 'Box test', accountName: 'Office box', createdAt: 0, total: 4, handed: 0, delivered: 0, failed: 0, deliveredRate: 0, failedRate: 0, failedByReason: [], medianDeliverySeconds: null, replies: 0, optOuts: 0 },
    ],
  };
}

const cell = (row: HTMLElement, col: string) => row.querySelector(`[data-col="${col}"]`)?.textContent;

describe('insight screen', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installFakeMain();
    fake.insight = report();
    // Wholesale has a price per segment; the box has none.
    fake.accounts = [
      { kind: 'eims', name: 'Wholesale', baseUrl: 'http://127.0.0.1:1', account: 'demo', encrypted: false, pricePerSegment: 0.05, currency: 'CNY', id: 'a1', createdAt: 1, updatedAt: 1, hasSecret: {}, secretsToReenter: [] } as unknown as AccountView,
    ];
    useInsightStore.setState({ days: lastDays(7), report: null, status: 'idle', error: null, exporting: false, exportError: null });
  });

  it('asks for the last 7 local days and shows totals, accounts, ports and the campaigns compared', async () => {
    renderInApp(<InsightScreen />);
    expect((await screen.findByTestId('insight-total-handed')).textContent).toBe('1,200');
    expect(screen.getByTestId('insight-total-rate').textContent).toBe('75%');
    expect(screen.getByTestId('insight-total-segments').textContent).toBe('2,400');

    const asked = fake.calls.find((c) => c.method === 'insightReport')!.input as { from: number; to: number; utcOffsetMinutes: number };
    const now = new Date();
    expect(asked.from).toBe(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 6).getTime());
    expect(asked.to).toBe(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime());
    expect(asked.utcOffsetMinutes).toBe(-new Date(asked.from).getTimezoneOffset());

    const accounts = screen.getAllByTestId('insight-account');
    expect(accounts.map((r) => [r.getAttribute('data-account'), cell(r, 'handed'), cell(r, 'rate')])).toEqual([
      ['Wholesale', '1,000', '80%'],
      ['Office box', '200', '50%'],
    ]);
    // Refused (never handed over) counts as failed for the port.
    const ports = screen.getAllByTestId('insight-port');
    expect(ports.map((r) => [r.getAttribute('data-port'), cell(r, 'failed'), cell(r, 'rate')])).toEqual([
      ['1', '2', '63.3%'],
      ['2', '13', '10%'],
    ]);
    // Spend: segments × the account's price (2,000 × 0.05 CNY); none where the account has no price, and the note says how to get one.
    await waitFor(() => expect(cell(accounts[0]!, 'spend')).toBe(new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }).format(100)));
    expect(cell(accounts[1]!, 'spend')).toBe('—');
    expect(screen.getByTestId('insight-spend-note').textContent).toContain('set a price on Accounts');

    const [spring, box] = screen.getAllByTestId('insight-campaign');
    expect([cell(spring!, 'delivered'), cell(spring!, 'failed'), cell(spring!, 'median'), cell(spring!, 'replies'), cell(spring!, 'optOuts')]).toEqual(['80%', '5%', '30 s', '12', '3']);
    expect(within(spring!).getByText('Spring sale').closest('a')!.getAttribute('href')).toBe('#/campaigns/cmp-1');
    expect(cell(box!, 'median')).toBe('—');
    expect(screen.getByTestId('insight-days').getAttribute('data-points')).toBe('2');
    expect(screen.getByTestId('insight-hours').getAttribute('data-points')).toBe('24');
  });

  it('reads again for a preset range and exports that range', async () => {
    const createObjectURL = vi.fn(() => 'blob:x');
    globalThis.URL.createObjectURL = createObjectURL;
    globalThis.URL.revokeObjectURL = () => {};
    renderInApp(<InsightScreen />);
    await screen.findByTestId('insight-total-handed');
    fireEvent.click(screen.getByTestId('insight-range'));
    fireEvent.click(await screen.findByText('Last 30 days'));
    await waitFor(() => expect(fake.calls.filter((c) => c.method === 'insightReport')).toHaveLength(2));
    const second = fake.calls.filter((c) => c.method === 'insightReport')[1]!.input as { from: number; to: number };
    expect(Math.round((second.to - second.from) / 86_400_000)).toBe(30);

    fireEvent.click(screen.getByTestId('insight-export'));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalledTimes(1));
    expect(fake.calls.find((c) => c.method === 'insightExport')!.input).toEqual(second);
  });

  it('says what failed when the export fails, and shows a load error with a retry', async () => {
    renderInApp(<InsightScreen />);
    await screen.findByTestId('insight-total-handed');
    fake.failNext('insightExport', { code: 'READ_TOO_BIG', message: 'This needs more memory than the app allows for one read. Narrow the filter and try again.' });
    fireEvent.click(screen.getByTestId('insight-export'));
    expect((await screen.findByTestId('insight-export-error')).getAttribute('data-error-code')).toBe('READ_TOO_BIG');

    fake.failNext('insightReport', { code: 'DB_BUSY', message: 'The database is busy. Try again.' });
    await act(() => useInsightStore.getState().load());
    expect((await screen.findByTestId('insight-error')).getAttribute('data-error-code')).toBe('DB_BUSY');
  });

  it('speaks Simplified Chinese', async () => {
    renderInApp(<InsightScreen />);
    const [spring] = await screen.findAllByTestId('insight-campaign');
    await act(async () => void (await i18next.changeLanguage('zh')));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('洞察'));
    expect(cell(spring!, 'median')).toBe('30 秒');
    expect(screen.getByTestId('insight-spend-note').textContent).toContain('单价');
  });
});
