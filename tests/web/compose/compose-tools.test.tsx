/**
 * Compose's safer-sending tools on screen (issue 17.5): the missing-variable warning offers a default
 * and writes it into the text; defaults used show in the summary; "send a test to me" with the
 * remembered number and what became of the test; save as draft and reopen it from the Campaigns screen;
 * duplicate a campaign into Compose.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyCounts } from '../../../src/shared/campaigns.ts';
import { CampaignsScreen } from '../../../src/renderer/src/screens/campaigns/CampaignsScreen.tsx';
import { ComposeScreen } from '../../../src/renderer/src/screens/compose/ComposeScreen.tsx';
import { useComposeStore } from '../../../src/renderer/src/stores/compose.ts';
import { useSettingsStore } from '../../../src/renderer/src/stores/settings.ts';
import { useRouteStore } from '../../../src/renderer/src/stores/route.ts';
import { fakeCampaign, type FakeMain } from '../fake-bridge.ts';
import { renderInApp } from '../render.tsx';
import { installComposeMain } from './compose-fixtures.ts';

let fake: FakeMain;
beforeEach(() => {
  fake = installComposeMain();
  window.location.hash = '';
});

async function pickAccount(name: string) {
  fireEvent.click(screen.getByTestId('compose-account'));
  fireEvent.click(await screen.findByRole('option', { name }));
  await screen.findByTestId('compose-mode');
}

describe('defaults', () => {
  it('the missing-variable warning offers a default and writes {name|default} into the text', async () => {
    useComposeStore.getState().patch({ listIds: ['list-1'] });
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    await waitFor(() => expect(screen.getAllByTestId('variable-chip').length).toBe(3));
    fireEvent.change(screen.getByTestId('compose-body'), { target: { value: '{title} {name}, hello {Title}' } });
    const offer = within(screen.getByTestId('compose-missing-variables')).getByTestId('default-offer');
    expect(offer.getAttribute('data-variable')).toBe('title');
    fireEvent.change(within(offer).getByTestId('default-offer-value'), { target: { value: '尊敬的' } });
    fireEvent.click(within(offer).getByTestId('default-offer-use'));
    expect((screen.getByTestId('compose-body') as HTMLTextAreaElement).value).toBe('{title|尊敬的} {name}, hello {Title|尊敬的}');
    // With a default, nothing is missing any more.
    expect(screen.queryByTestId('compose-missing-variables')).toBeNull();
  });

  it('the summary lists the defaults recipients get', async () => {
    fake.preview = {
      accountId: 'acc-e',
      provider: 'eims',
      recipients: 2,
      optedOut: 0,
      invalid: 0,
      nonMobile: 0,
      duplicates: 0,
      excluded: [],
      totalSegments: 2,
      missingVariables: [],
      defaultedVariables: [{ name: 'name', recipients: 1, fallback: '客户' }],
      sample: [
        { e164: '+8613800000001', text: 'Hi Ann', segments: 1, encoding: 'GSM-7' },
        { e164: '+8613800000002', text: 'Hi 客户', segments: 1, encoding: 'UCS-2' },
      ],
      balances: [],
      cost: { segments: 2, money: null, currency: null },
      funds: null,
      boxCapacity: null,
      warnings: [],
    };
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    fireEvent.change(screen.getByTestId('compose-body'), { target: { value: 'Hi {name|客户}' } });
    fireEvent.change(screen.getByTestId('compose-pasted'), { target: { value: '13800000001' } });
    fireEvent.click(screen.getByTestId('compose-review'));
    const defaulted = await screen.findByTestId('summary-defaulted');
    expect(defaulted.textContent).toContain('{name}: 1 recipient gets “客户”');
    expect(screen.getAllByTestId('summary-sample-text').map((e) => e.textContent)).toEqual(['Hi Ann', 'Hi 客户']);
  });
});

describe('send a test to me', () => {
  it('offers the remembered number, sends the draft to it, and follows the test to delivered', async () => {
    fake.settings = { ...fake.settings, testNumber: '139 0000 1111' };
    await act(() => useSettingsStore.getState().load());
    useComposeStore.getState().patch({ listIds: ['list-1'] });
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    fireEvent.change(screen.getByTestId('compose-body'), { target: { value: 'Hi {name}' } });
    const number = screen.getByTestId('compose-test-number') as HTMLInputElement;
    expect(number.value).toBe('139 0000 1111');
    fireEvent.click(screen.getByTestId('compose-test-send'));
    const result = await screen.findByTestId('compose-test-result');
    expect(fake.callsOf('campaignTest')).toEqual([
      expect.objectContaining({ number: '139 0000 1111', draft: expect.objectContaining({ accountId: 'acc-e', content: { mode: 'text', body: 'Hi {name}' } }) }),
    ]);
    expect(result.textContent).toContain('Test to 13900001111');
    expect(result.textContent).toContain('Reads as the message of +8613800000001.');
    expect(within(result).getByTestId('compose-test-state').textContent).toBe('Submitted');
    // The report arrives: the badge follows it.
    const test = fake.tests[0]!;
    act(() => fake.emit('campaignProgress', { id: test.campaign.id, state: 'done', counts: { ...emptyCounts(), delivered: 1 }, waitingUntil: null, lastError: null }));
    await waitFor(() => expect(within(screen.getByTestId('compose-test-result')).getByTestId('compose-test-state').textContent).toBe('Delivered'));
    // Not a campaign: nothing was created.
    expect(fake.callsOf('campaignCreate')).toEqual([]);
  });

  it('the dashboard guide\'s link (#/compose/test) opens Compose with the test number focused', async () => {
    window.location.hash = '#/compose/test';
    renderInApp(<ComposeScreen />);
    const number = await screen.findByTestId('compose-test-number');
    await waitFor(() => expect(document.activeElement).toBe(number));
  });

  it('asks for the message first, and shows main\'s refusal of the number', async () => {
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    fireEvent.change(screen.getByTestId('compose-test-number'), { target: { value: '13900001111' } });
    fireEvent.click(screen.getByTestId('compose-test-send'));
    expect((await screen.findByTestId('compose-test-invalid')).textContent).toMatch(/Complete the message first/);
    expect(fake.callsOf('campaignTest')).toEqual([]);
    fireEvent.change(screen.getByTestId('compose-body'), { target: { value: 'Hi' } });
    fake.failNext('campaignTest', { code: 'TEST_NUMBER_OPTED_OUT', message: '+8613900001111 is on the opt-out list. Remove it there to send yourself tests.', fields: { number: 'On the opt-out list.' } });
    fireEvent.click(screen.getByTestId('compose-test-send'));
    await waitFor(() => expect(screen.getByText('On the opt-out list.')).toBeTruthy());
  });
});

describe('drafts and duplicates', () => {
  it('saves the form as a draft, lists it under Campaigns → Drafts, and opens it again in Compose', async () => {
    const view = renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    fireEvent.change(screen.getByTestId('compose-name'), { target: { value: 'Half-written promo' } });
    fireEvent.change(screen.getByTestId('compose-body'), { target: { value: 'Spring sale for {name|you}' } });
    fireEvent.change(screen.getByTestId('compose-pasted'), { target: { value: '13800000009' } });
    fireEvent.click(screen.getByTestId('compose-save-draft'));
    await waitFor(() => expect(screen.getByTestId('compose-draft-state').textContent).toBe('Draft saved'));
    expect(fake.drafts[0]!.form).toMatchObject({ name: 'Half-written promo', accountId: 'acc-e', body: 'Spring sale for {name|you}', pasted: '13800000009' });
    fireEvent.change(screen.getByTestId('compose-body'), { target: { value: 'Spring sale!' } });
    expect(screen.getByTestId('compose-draft-state').textContent).toBe('Changes not saved');
    fireEvent.click(screen.getByTestId('compose-save-draft'));
    await waitFor(() => expect(screen.getByTestId('compose-draft-state').textContent).toBe('Draft saved'));
    // The same draft was replaced, not a second one made.
    expect(fake.drafts.map((d) => d.form.body)).toEqual(['Spring sale!']);
    view.unmount();

    useComposeStore.getState().reset();
    renderInApp(<CampaignsScreen />);
    fireEvent.click(screen.getByTestId('campaigns-tab-drafts'));
    const row = await screen.findByTestId('draft-row');
    expect(row.textContent).toContain('Half-written promo');
    fireEvent.click(within(row).getByTestId('draft-open'));
    await waitFor(() => expect(useRouteStore.getState().route).toBe('compose'));
    expect(useComposeStore.getState()).toMatchObject({ draftId: fake.drafts[0]!.id, form: { name: 'Half-written promo', body: 'Spring sale!', pasted: '13800000009', accountId: 'acc-e' } });
  });

  it('duplicates a campaign into Compose with a copy name and its recipients', async () => {
    const c = fakeCampaign({ id: 'cmp-9', name: 'Autumn', state: 'done', counts: { delivered: 2 } });
    fake.campaigns = [c];
    fake.duplicates.set('cmp-9', { name: 'Autumn', accountId: 'acc-b', body: '秋季特卖 {name|朋友}', sender: '', tempId: '', signId: '', params: [], listIds: ['list-1'], pasted: '13800000007', quietHours: null, ports: [2] });
    window.location.hash = '#/campaigns/cmp-9';
    renderInApp(<CampaignsScreen />);
    fireEvent.click(await screen.findByTestId('campaign-duplicate'));
    await waitFor(() => expect(useRouteStore.getState().route).toBe('compose'));
    expect(useComposeStore.getState()).toMatchObject({ draftId: null, form: { name: 'Autumn (copy)', accountId: 'acc-b', body: '秋季特卖 {name|朋友}', listIds: ['list-1'], pasted: '13800000007', ports: [2] } });
  });
});
