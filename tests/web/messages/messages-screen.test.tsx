import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18next } from '../../../src/renderer/src/i18n/index.ts';
import { MessagesScreen } from '../../../src/renderer/src/screens/messages/MessagesScreen.tsx';
import { LOG_ROW_HEIGHT } from '../../../src/renderer/src/screens/messages/LogTable.tsx';
import { LOG_PAGE_SIZE, emptyLogFilter, useMessagesLogStore } from '../../../src/renderer/src/stores/messages.ts';
import { installComposeMain } from '../compose/compose-fixtures.ts';
import { fakeLogRows, type FakeMain } from '../fake-bridge.ts';
import { renderInApp } from '../render.tsx';

/** jsdom lays nothing out: give the log's scroll box a size so the virtualiser renders rows. */
function sizeLogTable(): () => void {
  const size = (fallback: PropertyDescriptor | undefined, px: number): PropertyDescriptor => ({
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('data-testid') === 'log-table' ? px : ((fallback?.get?.call(this) as number | undefined) ?? 0);
    },
  });
  const h = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight');
  const w = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth');
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', size(h, 400));
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', size(w, 1000));
  return () => {
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  };
}

const logCalls = (fake: FakeMain) => fake.callsOf('messageLog') as Array<{ cursor?: number; limit: number; states?: string[]; search: string; from?: number; to?: number }>;

describe('messages screen', () => {
  let fake: FakeMain;
  let unsize: () => void;
  beforeEach(() => {
    unsize = sizeLogTable();
    fake = installComposeMain();
    useMessagesLogStore.setState({ filter: emptyLogFilter, status: 'idle', pages: {}, cursors: [undefined], endCount: null, total: null, totalStatus: 'idle', hasNewer: false });
  });
  afterEach(async () => {
    unsize();
    await i18next.changeLanguage('en');
  });

  it('shows the newest messages first, the total from the count, and loads keyset pages as it scrolls', async () => {
    fake.log = fakeLogRows(1000);
    renderInApp(<MessagesScreen />);
    await waitFor(() => expect(screen.getAllByTestId('log-row').length).toBeGreaterThan(5));
    expect(screen.getAllByTestId('log-row')[0]!.getAttribute('data-id')).toBe('1000');
    await waitFor(() => expect(screen.getByTestId('log-total').textContent).toBe('1,000 messages'));
    // Only the first page (and one ahead) — never everything.
    expect(logCalls(fake).length).toBeLessThanOrEqual(3);
    expect(logCalls(fake)[0]!.cursor).toBeUndefined();

    const table = screen.getByTestId('log-table');
    await waitFor(() => expect(Number(table.getAttribute('data-count'))).toBeGreaterThanOrEqual(2 * LOG_PAGE_SIZE));
    // Scroll into the third page: it is fetched with the second page's cursor.
    act(() => {
      table.scrollTop = 2 * LOG_PAGE_SIZE * LOG_ROW_HEIGHT + 10 * LOG_ROW_HEIGHT;
      fireEvent.scroll(table);
    });
    await waitFor(() => expect(screen.getAllByTestId('log-row').some((r) => r.getAttribute('data-id') === String(1000 - 2 * LOG_PAGE_SIZE - 10))).toBe(true));
    const cursors = logCalls(fake).map((c) => c.cursor);
    expect(cursors).toContain(1000 - 2 * LOG_PAGE_SIZE + 1);
    expect(logCalls(fake).every((c) => c.limit === LOG_PAGE_SIZE || c.limit === 1)).toBe(true);
  });

  it('a focused History button gives up focus when scrolling gives its row to another message', async () => {
    fake.log = fakeLogRows(1000);
    renderInApp(<MessagesScreen />);
    await waitFor(() => expect(screen.getAllByTestId('log-row').length).toBeGreaterThan(5));
    const button = within(screen.getAllByTestId('log-row')[0]!).getByTestId('log-history');
    button.focus();
    expect(document.activeElement).toBe(button);
    const table = screen.getByTestId('log-table');
    act(() => {
      table.scrollTop = 100 * 40;
      fireEvent.scroll(table);
    });
    await waitFor(() => expect(screen.getAllByTestId('log-row')[0]!.getAttribute('data-id')).not.toBe('1000'));
    // Row elements are reused for other messages while scrolling; none of them may keep the focus.
    expect(button.isConnected).toBe(true);
    expect(document.activeElement?.closest('[role="row"]')).toBeNull();
  });

  it('filters by state, number and dates, and says when nothing matches', async () => {
    fake.log = [...fakeLogRows(5, 1), ...fakeLogRows(3, 6, { state: 'failed', errorMessage: 'EIMS says: number is blacklisted.' })];
    renderInApp(<MessagesScreen />);
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(8));

    await act(async () => {
      await useMessagesLogStore.getState().setFilter({ ...emptyLogFilter, states: ['failed'] });
    });
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(3));
    expect(screen.getAllByTestId('log-state').map((s) => s.textContent)).toEqual(['Failed', 'Failed', 'Failed']);
    await waitFor(() => expect(screen.getByTestId('log-total').textContent).toBe('3 messages'));

    fireEvent.change(within(screen.getByTestId('screen-messages')).getByLabelText('Number'), { target: { value: '00000007' } });
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(1), { timeout: 2000 });
    expect(logCalls(fake).at(-1)!.search).toBe('00000007');

    fireEvent.change(screen.getByTestId('log-from'), { target: { value: '2030-01-01' } });
    expect(await screen.findByTestId('log-empty')).toBeTruthy();
    const last = logCalls(fake).at(-1)!;
    expect(last.from).toBe(new Date(2030, 0, 1).getTime());
    expect(last.to).toBeUndefined();
    fireEvent.click(screen.getByTestId('log-clear'));
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(8));
  });

  it('shows what was sent and the contact’s name; "Single messages" shows only replies and box tests, titled by kind', async () => {
    fake.log = [
      ...fakeLogRows(1, 1, { name: '张三', text: 'Hello 张三, your order A-7 has shipped.', template: { accountId: 'acc-j', id: 2, params: { name: '张三', order: 'A-7' }, known: true } }),
      ...fakeLogRows(1, 2, { text: '', template: { accountId: 'acc-j', id: 5, params: { code: '77' }, known: false } }),
      ...fakeLogRows(1, 3, { campaignId: 'cmp-r', campaignName: 'Reply to +8613900000003', campaignKind: 'reply', text: 'See you Friday' }),
      ...fakeLogRows(1, 4, { campaignId: 'cmp-t', campaignName: 'Box push test', campaignKind: 'test', text: 'SMS console: push test' }),
    ];
    renderInApp(<MessagesScreen />);
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(4));
    const cells = (id: string) => screen.getAllByTestId(id).map((e) => e.textContent);
    expect(cells('log-text')).toEqual(['SMS console: push test', 'See you Friday', 'Template #5 (text not known): code=77', 'Hello 张三, your order A-7 has shipped.']);
    expect(cells('log-row-campaign')).toEqual(['Box push test · EIMS', 'Reply · EIMS', 'Spring sale · EIMS', 'Spring sale · EIMS']);
    expect(cells('log-name')).toEqual(['张三']);

    fireEvent.click(within(screen.getByTestId('log-show')).getByText('Single messages'));
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(2));
    expect(logCalls(fake).at(-1)).toMatchObject({ singles: true });
    expect(cells('log-row-campaign')).toEqual(['Box push test · EIMS', 'Reply · EIMS']);
    expect(screen.queryByTestId('log-campaign')).toBeNull();
    await act(async () => void (await i18next.changeLanguage('zh')));
    await waitFor(() => expect(cells('log-row-campaign')).toEqual(['网关推送测试 · EIMS', '回复 · EIMS']));
  });

  it('opens a message’s history with the source of each change', async () => {
    fake.log = fakeLogRows(2);
    fake.histories.set(2, [
      { at: Date.UTC(2026, 0, 2, 3, 0, 0), state: 'submitted', source: 'app', detail: '' },
      { at: Date.UTC(2026, 0, 2, 3, 1, 0), state: 'delivered', source: 'push', detail: 'DELIVRD' },
    ]);
    renderInApp(<MessagesScreen />);
    const rows = await screen.findAllByTestId('log-row');
    fireEvent.click(within(rows[0]!).getByTestId('log-history'));
    const events = await screen.findAllByTestId('log-history-event');
    expect(events.map((e) => [e.getAttribute('data-state'), e.getAttribute('data-source')])).toEqual([
      ['submitted', 'app'],
      ['delivered', 'push'],
    ]);
    expect(events[1]!.textContent).toContain('pushed report');
  });

  it('shows main’s failure sentences and history details in Chinese when the language is Chinese', async () => {
    const jsms = 'JSMS says: the SMS balance is insufficient (50014). Top up the JSMS account or send fewer messages.';
    fake.log = fakeLogRows(1, 1, { state: 'failed', errorMessage: jsms });
    fake.histories.set(1, [
      { at: Date.UTC(2026, 0, 2, 3, 0, 0), state: 'submitted', source: 'reply', detail: 'Accepted, id 6' },
      { at: Date.UTC(2026, 0, 2, 3, 1, 0), state: 'failed', source: 'push', detail: 'Box result: 3 (port 2)' },
    ]);
    renderInApp(<MessagesScreen />);
    const [row] = await screen.findAllByTestId('log-row');
    expect(row!.textContent).toContain(jsms);
    await act(async () => void (await i18next.changeLanguage('zh')));
    const cn = 'JSMS 返回：短信余额不足（50014）。请为 JSMS 账户充值，或减少发送数量。';
    await waitFor(() => expect(screen.getAllByTestId('log-row')[0]!.textContent).toContain(cn));
    fireEvent.click(within(screen.getAllByTestId('log-row')[0]!).getByTestId('log-history'));
    const events = await screen.findAllByTestId('log-history-event');
    expect(events[0]!.textContent).toContain('已接受，编号 6');
    expect(events[1]!.textContent).toContain('网关结果：3（端口 2）');
    expect(screen.getByTestId('log-history-text').parentElement!.textContent).toContain(cn);
  });

  it('re-reads what is visible when messages change (coalesced) and shows new ones at the top', async () => {
    fake.log = fakeLogRows(3);
    renderInApp(<MessagesScreen />);
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(3));
    fake.log = [...fakeLogRows(3, 1, { state: 'failed' }), ...fakeLogRows(1, 4)];
    const before = logCalls(fake).length;
    act(() => {
      for (let i = 0; i < 5; i++) fake.emit('messagesChanged', { count: 1, campaignIds: ['cmp-1'] });
    });
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(4), { timeout: 3000 });
    expect(screen.getAllByTestId('log-row')[0]!.getAttribute('data-id')).toBe('4');
    expect(screen.getAllByTestId('log-row')[1]!.getAttribute('data-state')).toBe('failed');
    // Five events, one refresh: a probe and a reload, not five of each.
    expect(logCalls(fake).length - before).toBeLessThanOrEqual(3);
  });

  it('exports with the current filter and shows a load error with retry', async () => {
    fake.log = fakeLogRows(2);
    fake.failNext('messageLog', { code: 'MONITORING_NOT_READY', message: 'Monitoring is not available in this build yet. Update the app and try again.' });
    renderInApp(<MessagesScreen />);
    const alert = await screen.findByTestId('log-error');
    expect(alert.getAttribute('data-error-code')).toBe('MONITORING_NOT_READY');
    fireEvent.click(within(alert).getByText('Try again'));
    await waitFor(() => expect(screen.getAllByTestId('log-row')).toHaveLength(2));

    globalThis.URL.createObjectURL ??= () => 'blob:x';
    globalThis.URL.revokeObjectURL ??= () => {};
    fireEvent.click(screen.getByTestId('log-export'));
    fireEvent.click(await screen.findByTestId('log-export-csv'));
    await waitFor(() => expect(fake.callsOf('messageLogExport')).toHaveLength(1));
    expect(fake.callsOf('messageLogExport')[0]).toMatchObject({ format: 'csv', search: '' });
  });
});
