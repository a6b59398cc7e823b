import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyCounts, type MessageCounts } from '../../../src/shared/campaigns.ts';
import { CampaignsScreen } from '../../../src/renderer/src/screens/campaigns/CampaignsScreen.tsx';
import { useCampaignsStore } from '../../../src/renderer/src/stores/campaigns.ts';
import { installComposeMain } from '../compose/compose-fixtures.ts';
import { fakeCampaign, fakeMessages, type FakeMain } from '../fake-bridge.ts';
import { renderInApp } from '../render.tsx';

function counts(of: Partial<MessageCounts>): MessageCounts {
  return { ...emptyCounts(), ...of };
}

function countOf(root: HTMLElement, state: string): string | null {
  return within(root).getAllByTestId('campaign-count').find((c) => c.getAttribute('data-state') === state)?.getAttribute('data-count') ?? null;
}

async function openDetail(id: string) {
  window.location.hash = `#/campaigns/${id}`;
  renderInApp(<CampaignsScreen />);
  return screen.findByTestId('campaign-title');
}

describe('campaigns list', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installComposeMain();
  });

  it('says when there are none and offers to compose one', async () => {
    renderInApp(<CampaignsScreen />);
    expect(await screen.findByTestId('campaigns-empty')).toBeTruthy();
    expect(screen.getByTestId('campaigns-compose').textContent).toBe('New campaign');
  });

  it('shows each campaign’s state and counts, and follows progress and new campaigns live', async () => {
    fake.campaigns = [fakeCampaign({ id: 'cmp-1', name: 'Spring sale', counts: counts({ delivered: 3, submitted: 2, failed: 1, unknown: 1, queued: 3 }) })];
    renderInApp(<CampaignsScreen />);
    const row = await screen.findByTestId('campaign-row');
    expect(within(row).getByTestId('campaign-name').textContent).toBe('Spring sale');
    expect(within(row).getByTestId('campaign-state').textContent).toBe('Running');
    expect(countOf(row, 'delivered')).toBe('3');
    expect(countOf(row, 'submitted')).toBe('2');
    expect(countOf(row, 'failed')).toBe('1');
    expect(countOf(row, 'unknown')).toBe('1');
    expect(countOf(row, 'queued')).toBe('3');

    // The row's counts are the legend: every state under its own word, sent/expired/cancelled too.
    expect(within(row).getAllByTestId('campaign-count').map((c) => c.getAttribute('data-state'))).toEqual([
      'delivered', 'sent', 'submitted', 'submitting', 'failed', 'expired', 'unknown', 'cancelled', 'queued',
    ]);
    expect(countOf(row, 'sent')).toBe('0');

    // Nothing left to send: handed over, still waiting for reports — sent and submitted still shown as such.
    act(() => fake.emit('campaignProgress', { id: 'cmp-1', state: 'handed', counts: counts({ delivered: 6, sent: 2, submitted: 1, failed: 1, expired: 2, unknown: 1 }), waitingUntil: null, lastError: null }));
    await waitFor(() => expect(countOf(screen.getByTestId('campaign-row'), 'delivered')).toBe('6'));
    expect(within(screen.getByTestId('campaign-row')).getByTestId('campaign-state').textContent).toBe('Handed over (waiting for reports)');
    expect(countOf(screen.getByTestId('campaign-row'), 'sent')).toBe('2');

    // Finished with the report window closed: what never got a report is one "no report" entry.
    act(() => fake.emit('campaignProgress', { id: 'cmp-1', state: 'done', counts: counts({ delivered: 7, sent: 1, submitted: 1, failed: 1, expired: 2, unknown: 1 }), waitingUntil: null, lastError: null }));
    await waitFor(() => expect(countOf(screen.getByTestId('campaign-row'), 'delivered')).toBe('7'));
    expect(countOf(screen.getByTestId('campaign-row'), 'queued')).toBe('0');
    expect(countOf(screen.getByTestId('campaign-row'), 'noReport')).toBe('2');
    expect(countOf(screen.getByTestId('campaign-row'), 'sent')).toBeNull();
    expect(countOf(screen.getByTestId('campaign-row'), 'expired')).toBe('2');
    expect(countOf(screen.getByTestId('campaign-row'), 'failed')).toBe('1');
    expect(within(screen.getByTestId('campaign-row')).getByText(/No report/)).toBeTruthy();
    expect(within(screen.getByTestId('campaign-row')).getByTestId('campaign-state').textContent).toBe('Done');

    fake.campaigns = [fakeCampaign({ id: 'cmp-2', name: 'Retry', counts: counts({ queued: 1 }) }), ...fake.campaigns];
    act(() => fake.emit('campaignsChanged', { reason: 'created', id: 'cmp-2' }));
    await waitFor(() => expect(screen.getAllByTestId('campaign-row')).toHaveLength(2));
  });

  it('opens a campaign from its row', async () => {
    fake.campaigns = [fakeCampaign({ id: 'cmp-1', name: 'Spring sale', counts: counts({ queued: 2 }) })];
    fake.messages.set('cmp-1', fakeMessages(['queued', 'queued']));
    renderInApp(<CampaignsScreen />);
    fireEvent.click(await screen.findByTestId('campaign-name'));
    expect((await screen.findByTestId('campaign-title')).textContent).toBe('Spring sale');
    expect(window.location.hash).toBe('#/campaigns/cmp-1');
    fireEvent.click(screen.getByTestId('campaign-back'));
    expect(await screen.findByTestId('campaign-row')).toBeTruthy();
  });

  it('shows the error when the campaigns cannot be loaded', async () => {
    fake.failNext('campaignsList', { code: 'DB_LOCKED', message: 'The database is busy. Try again.' });
    renderInApp(<CampaignsScreen />);
    const alert = await screen.findByTestId('campaigns-error');
    expect(alert.getAttribute('data-error-code')).toBe('DB_LOCKED');
  });
});

/** jsdom lays nothing out: give the virtualised table's scroll box a size so it renders rows. */
function sizeMessagesTable(): () => void {
  const size = (fallback: PropertyDescriptor | undefined, px: number): PropertyDescriptor => ({
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('data-testid') === 'messages-table' ? px : ((fallback?.get?.call(this) as number | undefined) ?? 0);
    },
  });
  const h = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight');
  const w = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth');
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', size(h, 480));
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', size(w, 1000));
  return () => {
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  };
}

describe('campaign detail', () => {
  let fake: FakeMain;
  let unsize: () => void;
  afterEach(() => unsize());
  beforeEach(() => {
    unsize = sizeMessagesTable();
    fake = installComposeMain();
    useCampaignsStore.setState({ campaigns: [], status: 'idle' });
    fake.campaigns = [
      fakeCampaign({
        id: 'cmp-1',
        name: 'Spring sale',
        counts: counts({ delivered: 2, failed: 1, unknown: 1, queued: 2 }),
        waitingUntil: Date.UTC(2026, 0, 3, 0, 0, 0),
        lastError: { code: 'EIMS_BALANCE', message: 'EIMS says: balance insufficient (-10). Top up the account or lower the batch.' },
      }),
    ];
    fake.messages.set('cmp-1', fakeMessages(['delivered', 'delivered', 'failed', 'unknown', 'queued', 'queued']));
  });

  it('shows progress, the quiet-hours wait, the error holding it, and the messages', async () => {
    await openDetail('cmp-1');
    const detail = screen.getByTestId('campaign-detail');
    expect(countOf(detail, 'delivered')).toBe('2');
    expect(countOf(detail, 'failed')).toBe('1');
    expect(screen.getByTestId('campaign-waiting').textContent).toContain('Sending resumes at');
    expect(screen.getByTestId('campaign-last-error').getAttribute('data-error-code')).toBe('EIMS_BALANCE');
    expect(screen.getByTestId('campaign-unknown').textContent).toContain('could deliver it twice');
    await waitFor(() => expect(screen.getAllByTestId('message-row')).toHaveLength(6));
    expect(screen.getByTestId('messages-total').textContent).toBe('6 messages');
    const failed = screen.getAllByTestId('message-row').find((r) => r.getAttribute('data-state') === 'failed')!;
    expect(within(failed).getByTestId('message-error').textContent).toBe('EIMS says: number is blacklisted. (-5)');
  });

  it('follows progress live: counts at once, the visible messages re-read', async () => {
    await openDetail('cmp-1');
    await waitFor(() => expect(screen.getAllByTestId('message-row')).toHaveLength(6));
    const reads = fake.callsOf('campaignMessages').length;
    fake.messages.set('cmp-1', fakeMessages(['delivered', 'delivered', 'failed', 'unknown', 'delivered', 'delivered']));
    act(() => fake.emit('campaignProgress', { id: 'cmp-1', state: 'done', counts: counts({ delivered: 4, failed: 1, unknown: 1 }), waitingUntil: null, lastError: null }));
    expect(countOf(screen.getByTestId('campaign-detail'), 'delivered')).toBe('4');
    expect(screen.queryByTestId('campaign-waiting')).toBeNull();
    expect(screen.queryByTestId('campaign-last-error')).toBeNull();
    expect(screen.queryByTestId('campaign-pause')).toBeNull();
    await waitFor(() => expect(screen.getAllByTestId('message-row').filter((r) => r.getAttribute('data-state') === 'delivered')).toHaveLength(4), { timeout: 3000 });
    expect(fake.callsOf('campaignMessages').length).toBe(reads + 1);
  });

  it('filters messages by number', async () => {
    await openDetail('cmp-1');
    await waitFor(() => expect(screen.getAllByTestId('message-row')).toHaveLength(6));
    fireEvent.change(screen.getByTestId('messages-search'), { target: { value: '00003' } });
    await waitFor(() => expect(screen.getAllByTestId('message-row')).toHaveLength(1), { timeout: 2000 });
    expect(screen.getByTestId('message-number').textContent).toBe('+8613800000003');
    expect(fake.callsOf('campaignMessages').at(-1)).toMatchObject({ id: 'cmp-1', search: '00003' });
  });

  it('filters messages by state', async () => {
    await openDetail('cmp-1');
    await waitFor(() => expect(screen.getAllByTestId('message-row')).toHaveLength(6));
    await act(() => useCampaignsStore.getState().filterMessages(['failed', 'unknown'], ''));
    await waitFor(() => expect(screen.getAllByTestId('message-row').map((r) => r.getAttribute('data-state'))).toEqual(['failed', 'unknown']));
    expect(fake.callsOf('campaignMessages').at(-1)).toMatchObject({ states: ['failed', 'unknown'] });
  });

  it('shows a message’s history in a popover', async () => {
    fake.histories.set(3, [
      { at: Date.UTC(2026, 0, 2, 3, 4, 5), state: 'submitted', source: 'reply', detail: 'EIMS accepted it (id p-3).' },
      { at: Date.UTC(2026, 0, 2, 3, 6, 0), state: 'failed', source: 'push', detail: 'UNDELIV' },
    ]);
    await openDetail('cmp-1');
    await waitFor(() => expect(screen.getAllByTestId('message-row')).toHaveLength(6));
    fireEvent.click(screen.getByRole('button', { name: 'History of +8613800000002' }));
    await waitFor(() => expect(screen.getAllByTestId('message-history-event').map((e) => e.getAttribute('data-state'))).toEqual(['submitted', 'failed']));
    expect(screen.getByTestId('message-history-dropdown').textContent).toContain('pushed report');
    expect(fake.callsOf('messageHistory')).toEqual([{ messageId: 3 }]);
  });

  it('pauses and resumes', async () => {
    await openDetail('cmp-1');
    fireEvent.click(screen.getByTestId('campaign-pause'));
    await screen.findByTestId('campaign-resume');
    expect(screen.getByTestId('campaign-state').textContent).toBe('Paused');
    fireEvent.click(screen.getByTestId('campaign-resume'));
    await screen.findByTestId('campaign-pause');
    expect(fake.callsOf('campaignPause')).toEqual([{ id: 'cmp-1' }]);
    expect(fake.callsOf('campaignResume')).toEqual([{ id: 'cmp-1' }]);
  });

  it('cancels only after the confirm dialog', async () => {
    await openDetail('cmp-1');
    fireEvent.click(screen.getByTestId('campaign-cancel'));
    const dialog = await screen.findByTestId('campaign-cancel-dialog');
    expect(dialog.textContent).toContain('2 messages not yet handed to the provider');
    fireEvent.click(within(dialog).getByTestId('campaign-cancel-keep'));
    await waitFor(() => expect(screen.queryByTestId('campaign-cancel-dialog')).toBeNull());
    expect(fake.callsOf('campaignCancel')).toEqual([]);
    fireEvent.click(screen.getByTestId('campaign-cancel'));
    fireEvent.click(await screen.findByTestId('campaign-cancel-confirm'));
    await waitFor(() => expect(screen.getByTestId('campaign-state').textContent).toBe('Cancelled'));
    expect(fake.callsOf('campaignCancel')).toEqual([{ id: 'cmp-1' }]);
    expect(screen.queryByTestId('campaign-pause')).toBeNull();
  });

  it('retries failed messages as a new campaign and opens it', async () => {
    await openDetail('cmp-1');
    fireEvent.click(screen.getByTestId('campaign-retry'));
    fireEvent.click(await screen.findByTestId('campaign-retry-failed'));
    await waitFor(() => expect(window.location.hash).not.toBe('#/campaigns/cmp-1'));
    expect(window.location.hash).toMatch(/^#\/campaigns\/cmp-n\d+$/);
    expect(fake.callsOf('campaignRetry')).toEqual([{ id: 'cmp-1', states: ['failed', 'expired'] }]);
    await waitFor(() => expect(screen.getByTestId('campaign-title').textContent).toBe('Spring sale (retry)'));
  });

  it('resends unknown messages only after the risk is acknowledged', async () => {
    await openDetail('cmp-1');
    fireEvent.click(screen.getByTestId('campaign-retry'));
    fireEvent.click(await screen.findByTestId('campaign-retry-unknown'));
    const dialog = await screen.findByTestId('campaign-unknown-dialog');
    expect(dialog.textContent).toContain('deliver the same SMS twice');
    const confirm = within(dialog).getByTestId('campaign-unknown-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.click(within(dialog).getByLabelText('I understand that some recipients may get this message twice'));
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await waitFor(() => expect(fake.callsOf('campaignRetry')).toEqual([{ id: 'cmp-1', states: ['unknown'] }]));
  });

  it('offers to send again only what was probably never received, after the risk is acknowledged', async () => {
    fake.campaigns = [fakeCampaign({ id: 'cmp-1', name: 'Spring sale', state: 'handed', probablyLost: 3, counts: counts({ delivered: 5, unknown: 4 }) })];
    await openDetail('cmp-1');
    const alert = await screen.findByTestId('campaign-probably-lost');
    expect(alert.textContent).toContain('3 messages were probably never received');
    fireEvent.click(within(alert).getByTestId('campaign-send-lost-again'));
    const dialog = await screen.findByTestId('campaign-unknown-dialog');
    expect(dialog.textContent).toContain('Send the 3 messages probably never received again?');
    const confirm = within(dialog).getByTestId('campaign-unknown-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.click(within(dialog).getByLabelText('I understand that some recipients may get this message twice'));
    fireEvent.click(confirm);
    await waitFor(() => expect(fake.callsOf('campaignRetry')).toEqual([{ id: 'cmp-1', states: ['unknown'], probablyLostOnly: true }]));
  });

  it('exports the messages as a download', async () => {
    const createObjectURL = vi.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await openDetail('cmp-1');
    fireEvent.click(screen.getByTestId('campaign-export'));
    fireEvent.click(await screen.findByTestId('campaign-export-csv'));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(fake.callsOf('campaignExport')).toEqual([{ id: 'cmp-1', format: 'csv' }]);
    expect(createObjectURL).toHaveBeenCalled();
    click.mockRestore();
  });

  it('shows the error when an action fails', async () => {
    await openDetail('cmp-1');
    fake.failNext('campaignPause', { code: 'CAMPAIGN_DONE', message: 'The campaign has already finished.' });
    fireEvent.click(screen.getByTestId('campaign-pause'));
    expect((await screen.findByTestId('campaign-action-error')).getAttribute('data-error-code')).toBe('CAMPAIGN_DONE');
  });

  it('says so when the campaign does not exist', async () => {
    window.location.hash = '#/campaigns/nope';
    renderInApp(<CampaignsScreen />);
    expect((await screen.findByTestId('campaign-error')).getAttribute('data-error-code')).toBe('CAMPAIGN_NOT_FOUND');
  });
});
