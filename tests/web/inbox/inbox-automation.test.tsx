import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../../src/shared/monitoring.ts';
import { InboxScreen } from '../../../src/renderer/src/screens/inbox/InboxScreen.tsx';
import { useInboxStore } from '../../../src/renderer/src/stores/inbox.ts';
import { useInboxRulesStore } from '../../../src/renderer/src/stores/inbox-rules.ts';
import { useSettingsStore } from '../../../src/renderer/src/stores/settings.ts';
import { installComposeMain } from '../compose/compose-fixtures.ts';
import { fakeCampaign, type FakeMain } from '../fake-bridge.ts';
import { renderInApp } from '../render.tsx';

const T0 = Date.UTC(2026, 0, 2, 3, 0, 0);
const inbound = (id: number, text: string, campaign: [string, string] | null): ThreadItem => ({
  kind: 'in', id, at: T0 + id * 1000, text, accountId: 'acc-e', accountName: 'Wholesale', provider: 'eims', port: null, read: true, optOut: false,
  campaignId: campaign?.[0] ?? null, campaignName: campaign?.[1] ?? null,
});

function seed(fake: FakeMain) {
  fake.campaigns = [fakeCampaign({ id: 'cmp-1', name: 'Spring sale' }), fakeCampaign({ id: 'cmp-2', name: 'Summer sale' })];
  fake.threads = [
    { number: '+8613800000001', name: null, lastAt: T0 + 3000, lastText: 'Price?', lastTemplate: null, lastDirection: 'in', unread: 0, inboundCount: 1, optedOut: false, done: false },
    { number: '+8613800000002', name: null, lastAt: T0 + 2000, lastText: 'Thanks', lastTemplate: null, lastDirection: 'in', unread: 0, inboundCount: 1, optedOut: false, done: false },
    { number: '+8613800000003', name: null, lastAt: T0 + 1000, lastText: 'ok', lastTemplate: null, lastDirection: 'in', unread: 0, inboundCount: 1, optedOut: false, done: true },
  ];
  fake.threadItems.set('+8613800000001', [inbound(3, 'Price?', ['cmp-1', 'Spring sale'])]);
  fake.threadItems.set('+8613800000002', [inbound(2, 'Thanks', ['cmp-2', 'Summer sale'])]);
  fake.threadItems.set('+8613800000003', [inbound(1, 'ok', null)]);
}
const shown = () => screen.queryAllByTestId('inbox-thread').map((t) => t.getAttribute('data-number'));

describe('inbox: campaigns, done, quick replies', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installComposeMain();
    useInboxStore.setState({ search: '', unreadOnly: false, view: 'open', campaignId: null, threads: [], nextCursor: null, unreadTotal: 0, status: 'idle', error: null, thread: null });
    seed(fake);
  });

  it('shows open conversations first, filters by campaign, and names the campaign an SMS answers', async () => {
    renderInApp(<InboxScreen />);
    await waitFor(() => expect(shown()).toEqual(['+8613800000001', '+8613800000002']));
    fireEvent.click(within(screen.getByTestId('inbox-view')).getByText('Done'));
    await waitFor(() => expect(shown()).toEqual(['+8613800000003']));
    fireEvent.click(within(screen.getByTestId('inbox-view')).getByText('All'));
    await waitFor(() => expect(shown()).toHaveLength(3));

    fireEvent.click(screen.getByTestId('inbox-campaign'));
    fireEvent.click(await screen.findByRole('option', { name: 'Summer sale' }));
    await waitFor(() => expect(shown()).toEqual(['+8613800000002']));
    expect(fake.callsOf('inboxThreads').at(-1)).toMatchObject({ campaignId: 'cmp-2', status: 'all' });

    fireEvent.click(screen.getAllByTestId('inbox-thread')[0]!);
    expect((await screen.findByTestId('thread-reply-to')).textContent).toBe('Reply to “Summer sale”');
    expect(screen.getByTestId('thread-reply-to').getAttribute('href')).toBe('#/campaigns/cmp-2');
  });

  it('marks a conversation done: it leaves the open ones, and can be opened again', async () => {
    renderInApp(<InboxScreen />);
    await waitFor(() => expect(shown()).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId('inbox-thread')[0]!);
    const button = await screen.findByTestId('thread-done');
    await waitFor(() => expect(button.getAttribute('data-done')).toBe('false'));
    expect(button.textContent).toBe('Mark done');
    fireEvent.click(button);
    await waitFor(() => expect(fake.callsOf('inboxMarkDone')).toEqual([{ number: '+8613800000001', done: true }]));
    await waitFor(() => expect(shown()).toEqual(['+8613800000002']));
    await waitFor(() => expect(screen.getByTestId('thread-done').textContent).toBe('Open again'));
    fireEvent.click(screen.getByTestId('thread-done'));
    await waitFor(() => expect(fake.callsOf('inboxMarkDone').at(-1)).toEqual({ number: '+8613800000001', done: false }));
    await waitFor(() => expect(shown()).toEqual(['+8613800000001', '+8613800000002']));
  });

  it('puts a quick reply into the reply box', async () => {
    await useSettingsStore.getState().update({ quickReplies: ['Thanks, we will call you back today.', 'Our hours: 9–18.'] });
    renderInApp(<InboxScreen />);
    fireEvent.click((await screen.findAllByTestId('inbox-thread'))[0]!);
    fireEvent.click(await screen.findByTestId('reply-snippets'));
    fireEvent.click((await screen.findAllByTestId('reply-snippet'))[1]!);
    expect((screen.getByTestId('reply-text') as HTMLTextAreaElement).value).toBe('Our hours: 9–18.');
    fireEvent.click(screen.getByTestId('reply-send'));
    await waitFor(() => expect(fake.callsOf('inboxReply')).toEqual([{ number: '+8613800000001', accountId: 'acc-e', text: 'Our hours: 9–18.' }]));
  });
});

describe('inbox automation window', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installComposeMain();
    useInboxRulesStore.setState({ rules: [], optOutKeywords: [], status: 'idle', error: null });
  });

  it('lists the opt-out keywords as built-in rules, adds a keyword rule, and says why an opt-out keyword cannot be one', async () => {
    renderInApp(<InboxScreen />);
    fireEvent.click(screen.getByTestId('inbox-automation'));
    await waitFor(() => expect(screen.getAllByTestId('rule-builtin').map((r) => r.textContent)).toEqual(expect.arrayContaining([expect.stringContaining('STOP'), expect.stringContaining('退订')])));

    fireEvent.click(screen.getByTestId('rule-add'));
    fireEvent.change(screen.getByTestId('rule-keyword'), { target: { value: 'TD' } });
    fireEvent.change(screen.getByTestId('rule-reply'), { target: { value: 'Bye' } });
    fireEvent.click(screen.getByTestId('rule-save'));
    expect((await screen.findByTestId('rule-error')).textContent).toContain('is an opt-out keyword');

    fireEvent.change(screen.getByTestId('rule-keyword'), { target: { value: 'INFO' } });
    fireEvent.change(screen.getByTestId('rule-reply'), { target: { value: 'Open 9-18, Mon-Sat.' } });
    fireEvent.click(screen.getByTestId('rule-list'));
    fireEvent.click(await screen.findByRole('option', { name: 'VIP' }));
    fireEvent.click(screen.getByTestId('rule-save'));
    const row = await screen.findByTestId('rule-row');
    expect(row.getAttribute('data-keyword')).toBe('INFO');
    expect(row.textContent).toContain('Replies: Open 9-18, Mon-Sat.');
    expect(row.textContent).toContain('Adds to: VIP');
    expect(fake.callsOf('inboxRuleSave').at(-1)).toEqual({ accountId: 'acc-e', keyword: 'INFO', replyText: 'Open 9-18, Mon-Sat.', listId: 'list-1', enabled: true });
    expect(screen.queryByTestId('rule-form')).toBeNull();

    fireEvent.click(screen.getByTestId('rule-delete'));
    await waitFor(() => expect(screen.queryByTestId('rule-row')).toBeNull());
    expect(fake.rules).toEqual([]);
  });

  it('adds and deletes quick replies (kept in the settings)', async () => {
    renderInApp(<InboxScreen />);
    fireEvent.click(screen.getByTestId('inbox-automation'));
    fireEvent.click(await screen.findByTestId('automation-snippets-tab'));
    expect(await screen.findByTestId('snippets-empty')).toBeTruthy();
    fireEvent.change(screen.getByTestId('snippet-text'), { target: { value: 'We will call you back today.' } });
    fireEvent.click(screen.getByTestId('snippet-add'));
    await waitFor(() => expect(screen.getAllByTestId('snippet-row')).toHaveLength(1));
    expect(fake.settings.quickReplies).toEqual(['We will call you back today.']);
    fireEvent.click(screen.getByTestId('snippet-delete'));
    await waitFor(() => expect(screen.queryAllByTestId('snippet-row')).toHaveLength(0));
    expect(fake.settings.quickReplies).toEqual([]);
  });
});
