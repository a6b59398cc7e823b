import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { CampaignsScreen } from '../../../src/renderer/src/screens/campaigns/CampaignsScreen.tsx';
import { useCampaignRepliesStore } from '../../../src/renderer/src/stores/campaign-replies.ts';
import { useCampaignsStore } from '../../../src/renderer/src/stores/campaigns.ts';
import { useInboxStore } from '../../../src/renderer/src/stores/inbox.ts';
import { useRouteStore } from '../../../src/renderer/src/stores/route.ts';
import { installComposeMain } from '../compose/compose-fixtures.ts';
import { fakeCampaign, type FakeMain } from '../fake-bridge.ts';
import { renderInApp } from '../render.tsx';

const T0 = Date.UTC(2026, 0, 2, 3, 0, 0);

describe('campaign detail: replies', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installComposeMain();
    useCampaignsStore.setState({ campaigns: [], status: 'idle' });
    useCampaignRepliesStore.setState({ campaignId: null, page: null, status: 'idle', error: null });
    fake.campaigns = [fakeCampaign({ id: 'cmp-1', name: 'Spring sale' })];
  });

  it('shows the reply count, the reply rate, the opt-outs and the replies, and follows new ones', async () => {
    fake.replies.set('cmp-1', {
      replies: 3,
      repliedNumbers: 2,
      optOuts: 1,
      handed: 8,
      replyRate: 0.25,
      items: [
        { id: 12, number: '+8613800000002', text: 'TD', at: T0 + 2000, optOut: true },
        { id: 11, number: '+8613800000001', text: 'Price?', at: T0 + 1000, optOut: false },
      ],
      nextCursor: null,
    });
    window.location.hash = '#/campaigns/cmp-1';
    renderInApp(<CampaignsScreen />);
    const card = await screen.findByTestId('campaign-replies');
    await waitFor(() => expect(within(card).getByTestId('campaign-reply-count').textContent).toBe('3'));
    expect(within(card).getByTestId('campaign-reply-rate').textContent).toBe('25%');
    expect(within(card).getByTestId('campaign-reply-optouts').textContent).toBe('1');
    expect(card.textContent).toContain('2 of 8 numbers handed to the provider replied.');
    expect(within(card).getAllByTestId('campaign-reply').map((r) => r.getAttribute('data-number'))).toEqual(['+8613800000002', '+8613800000001']);
    expect(fake.callsOf('campaignReplies')[0]).toMatchObject({ campaignId: 'cmp-1' });

    const page = fake.replies.get('cmp-1')!;
    fake.replies.set('cmp-1', { ...page, replies: 4, repliedNumbers: 3, replyRate: 0.375, items: [{ id: 13, number: '+8613800000003', text: 'Yes', at: T0 + 3000, optOut: false }, ...page.items] });
    act(() => fake.emit('inboundReceived', { count: 1, numbers: ['+8613800000003'], unreadTotal: 1 }));
    await waitFor(() => expect(within(card).getByTestId('campaign-reply-count').textContent).toBe('4'), { timeout: 3000 });
    expect(within(card).getByTestId('campaign-reply-rate').textContent).toBe('37.5%');
  });

  it('says when there is no reply, and opens the inbox filtered to the campaign', async () => {
    window.location.hash = '#/campaigns/cmp-1';
    renderInApp(<CampaignsScreen />);
    expect(await screen.findByTestId('campaign-replies-empty')).toBeTruthy();
    expect((screen.getByTestId('campaign-replies-inbox') as HTMLButtonElement).disabled).toBe(true);

    fake.replies.set('cmp-1', { replies: 1, repliedNumbers: 1, optOuts: 0, handed: 1, replyRate: 1, items: [{ id: 1, number: '+8613800000001', text: 'Hi', at: T0, optOut: false }], nextCursor: null });
    act(() => fake.emit('inboundReceived', { count: 1, numbers: ['+8613800000001'], unreadTotal: 1 }));
    await waitFor(() => expect((screen.getByTestId('campaign-replies-inbox') as HTMLButtonElement).disabled).toBe(false), { timeout: 3000 });
    fireEvent.click(screen.getByTestId('campaign-replies-inbox'));
    expect(useRouteStore.getState().route).toBe('inbox');
    expect(useInboxStore.getState()).toMatchObject({ campaignId: 'cmp-1', view: 'all' });
    await waitFor(() => expect(fake.callsOf('inboxThreads').at(-1)).toMatchObject({ campaignId: 'cmp-1', status: 'all' }));
  });
});
