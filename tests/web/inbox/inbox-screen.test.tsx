import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../../src/shared/monitoring.ts';
import { InboxScreen } from '../../../src/renderer/src/screens/inbox/InboxScreen.tsx';
import { useInboxStore } from '../../../src/renderer/src/stores/inbox.ts';
import { installComposeMain } from '../compose/compose-fixtures.ts';
import type { FakeMain } from '../fake-bridge.ts';
import { renderInApp } from '../render.tsx';

const T0 = Date.UTC(2026, 0, 2, 3, 0, 0);

function seed(fake: FakeMain) {
  fake.threads = [
    { number: '+8613800000001', name: '张三', lastAt: T0 + 2000, lastText: 'Thanks, got it', lastTemplate: null, lastDirection: 'in', unread: 2, inboundCount: 2, optedOut: false },
    { number: '+8613800000002', name: null, lastAt: T0 + 1000, lastText: 'TD', lastTemplate: null, lastDirection: 'in', unread: 0, inboundCount: 1, optedOut: true },
  ];
  const items: ThreadItem[] = [
    { kind: 'in', id: 2, at: T0 + 2000, text: 'Thanks, got it', accountId: 'acc-g', accountName: 'Office box', provider: 'gsmbox', port: 2, read: false, optOut: false },
    { kind: 'in', id: 1, at: T0 + 1500, text: 'Who is this?', accountId: 'acc-g', accountName: 'Office box', provider: 'gsmbox', port: 2, read: false, optOut: false },
    { kind: 'out', messageId: 77, at: T0, text: 'Spring sale starts today', template: null, accountId: 'acc-g', accountName: 'Office box', provider: 'gsmbox', port: 2, state: 'delivered', campaignId: 'cmp-1', campaignKind: 'campaign' },
  ];
  fake.threadItems.set('+8613800000001', items);
  fake.threadItems.set('+8613800000002', [
    { kind: 'in', id: 3, at: T0 + 1000, text: 'TD', accountId: 'acc-e', accountName: 'Wholesale', provider: 'eims', port: null, read: true, optOut: true },
  ]);
}

describe('inbox screen', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installComposeMain();
    useInboxStore.setState({ search: '', unreadOnly: false, threads: [], nextCursor: null, unreadTotal: 0, status: 'idle', error: null, thread: null });
  });

  it('lists conversations with unread counts, opens one merged oldest-first, and marks it read', async () => {
    seed(fake);
    renderInApp(<InboxScreen />);
    const threads = await screen.findAllByTestId('inbox-thread');
    expect(threads.map((t) => t.getAttribute('data-number'))).toEqual(['+8613800000001', '+8613800000002']);
    expect(within(threads[0]!).getByTestId('inbox-thread-unread').textContent).toBe('2');
    expect(screen.getByTestId('inbox-unread-total').getAttribute('data-count')).toBe('2');

    fireEvent.click(threads[0]!);
    await waitFor(() => expect(screen.getAllByTestId('thread-item')).toHaveLength(3));
    expect(screen.getAllByTestId('thread-text').map((t) => t.textContent)).toEqual(['Spring sale starts today', 'Who is this?', 'Thanks, got it']);
    expect(screen.getAllByTestId('thread-item').map((t) => t.getAttribute('data-kind'))).toEqual(['out', 'in', 'in']);
    expect(screen.getByTestId('thread-state').getAttribute('data-state')).toBe('delivered');
    expect(within(threads[0]!).getByTestId('inbox-thread-name').textContent).toBe('张三');
    expect(screen.getByTestId('thread-name').textContent).toBe('张三');
    await waitFor(() => expect(fake.callsOf('inboxMarkRead')).toEqual([{ number: '+8613800000001' }]));
    await waitFor(() => expect(screen.queryByTestId('inbox-unread-total')).toBeNull());
    expect(screen.getByTestId('thread-keywords').textContent).toContain('STOP, TD, 退订, T');
  });

  it('replies from the account the SMS came through, and shows the reply in the thread', async () => {
    seed(fake);
    renderInApp(<InboxScreen />);
    fireEvent.click((await screen.findAllByTestId('inbox-thread'))[0]!);
    await waitFor(() => expect(screen.getAllByTestId('thread-item')).toHaveLength(3));
    expect((screen.getByTestId('reply-account') as HTMLInputElement).value).toContain('Office box');
    fireEvent.change(screen.getByTestId('reply-text'), { target: { value: 'You are welcome' } });
    fireEvent.click(screen.getByTestId('reply-send'));
    await waitFor(() => expect(fake.callsOf('inboxReply')).toEqual([{ number: '+8613800000001', accountId: 'acc-g', text: 'You are welcome' }]));
    await waitFor(() => expect(screen.getAllByTestId('thread-item')).toHaveLength(4));
    expect(screen.getAllByTestId('thread-text').at(-1)!.textContent).toBe('You are welcome');
    // A reply is a single message: labelled so, with no link to a campaign.
    expect(screen.getAllByTestId('thread-single').map((e) => e.textContent)).toEqual(['Reply']);
    expect((screen.getByTestId('reply-text') as HTMLTextAreaElement).value).toBe('');
  });

  it('shows a JSMS template send as its text, or labelled with its parameters when the text is not known — in the thread and the list', async () => {
    const template = (known: boolean) => ({ accountId: 'acc-j', id: 2, params: { name: '李四', order: 'A-7' }, known });
    fake.threads = [
      { number: '+8613800000009', name: '李四', lastAt: T0 + 3000, lastText: '', lastTemplate: template(false), lastDirection: 'out', unread: 0, inboundCount: 1, optedOut: false },
    ];
    fake.threadItems.set('+8613800000009', [
      { kind: 'out', messageId: 91, at: T0 + 3000, text: '', template: template(false), accountId: 'acc-j', accountName: 'JPush', provider: 'jsms', port: null, state: 'delivered', campaignId: 'cmp-9', campaignKind: 'campaign' },
      { kind: 'in', id: 9, at: T0 + 2000, text: '好的', accountId: 'acc-j', accountName: 'JPush', provider: 'jsms', port: null, read: true, optOut: false },
      { kind: 'out', messageId: 90, at: T0 + 1000, text: 'Hello 李四, your order A-7 has shipped.', template: template(true), accountId: 'acc-j', accountName: 'JPush', provider: 'jsms', port: null, state: 'delivered', campaignId: 'cmp-9', campaignKind: 'campaign' },
    ]);
    renderInApp(<InboxScreen />);
    const [thread] = await screen.findAllByTestId('inbox-thread');
    expect(within(thread!).getByTestId('inbox-thread-last').textContent).toBe('You: Template #2 (text not known): name=李四, order=A-7');
    fireEvent.click(thread!);
    await waitFor(() => expect(screen.getAllByTestId('thread-item')).toHaveLength(3));
    const texts = screen.getAllByTestId('thread-text');
    expect(texts[0]!.textContent).toBe('Hello 李四, your order A-7 has shipped.');
    expect(texts[2]!.getAttribute('data-template-known')).toBe('false');
    expect(within(texts[2]!).getByTestId('sent-template-label').textContent).toBe('Template #2');
    expect(texts[2]!.textContent).toContain('name=李四');
    expect(texts[2]!.textContent).toContain('order=A-7');
  });

  it('shows an opt-out by keyword and that replies to the number are left out', async () => {
    seed(fake);
    renderInApp(<InboxScreen />);
    fireEvent.click((await screen.findAllByTestId('inbox-thread'))[1]!);
    expect(await screen.findByTestId('thread-optout')).toBeTruthy();
    expect(screen.getByTestId('thread-opted-out')).toBeTruthy();
    expect(screen.getByTestId('thread-optout-notice').textContent).toContain('opt-out list');
  });

  it('follows inbound SMS live, and says when there is nothing', async () => {
    renderInApp(<InboxScreen />);
    expect(await screen.findByTestId('inbox-empty')).toBeTruthy();
    seed(fake);
    act(() => fake.emit('inboundReceived', { count: 1, numbers: ['+8613800000001'], unreadTotal: 2 }));
    await waitFor(() => expect(screen.getAllByTestId('inbox-thread')).toHaveLength(2));
    expect(screen.getByTestId('inbox-unread-total').getAttribute('data-count')).toBe('2');
  });

  it('shows an error with retry when the inbox cannot be read', async () => {
    fake.failNext('inboxThreads', { code: 'MONITORING_NOT_READY', message: 'Monitoring is not available in this build yet. Update the app and try again.' });
    renderInApp(<InboxScreen />);
    const alert = await screen.findByTestId('inbox-error');
    expect(alert.getAttribute('data-error-code')).toBe('MONITORING_NOT_READY');
    seed(fake);
    fireEvent.click(within(alert).getByText('Try again'));
    await waitFor(() => expect(screen.getAllByTestId('inbox-thread')).toHaveLength(2));
  });
});
