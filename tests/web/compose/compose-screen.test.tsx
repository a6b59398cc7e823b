import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CampaignPreview } from '../../../src/shared/campaigns.ts';
import { ComposeScreen } from '../../../src/renderer/src/screens/compose/ComposeScreen.tsx';
import { useComposeStore } from '../../../src/renderer/src/stores/compose.ts';
import type { FakeMain } from '../fake-bridge.ts';
import { renderInApp } from '../render.tsx';
import { installComposeMain } from './compose-fixtures.ts';

const PREVIEW: CampaignPreview = {
  accountId: 'acc-e',
  provider: 'eims',
  recipients: 3,
  optedOut: 1,
  invalid: 2,
  nonMobile: 1,
  duplicates: 1,
  excluded: [
    { value: '+8613900000000', reason: 'On the opt-out list.' },
    { value: '010-6552 1234', reason: 'A landline: it cannot receive SMS.' },
    { value: '123', reason: 'Too few digits for a phone number.' },
    { value: 'abc', reason: 'This is not a phone number: it contains letters or symbols.' },
  ],
  totalSegments: 6,
  missingVariables: [{ name: 'city', recipients: 1 }],
  defaultedVariables: [],
  sample: [
    { e164: '+8613800000001', text: 'Hi Ann', segments: 1, encoding: 'GSM-7' },
    { e164: '+8613800000002', text: 'Hi Bob', segments: 1, encoding: 'GSM-7' },
    { e164: '+8613800000003', text: 'Hi ', segments: 1, encoding: 'GSM-7' },
  ],
  balances: [{ label: 'Balance', amount: 5, unit: 'money' }],
  cost: { segments: 6, money: 6, currency: 'CNY' },
  funds: { source: 'eims-balance', unit: 'money', available: 5, needed: 6, covered: false },
  boxCapacity: null,
  warnings: [],
};

async function pickAccount(name: string) {
  fireEvent.click(screen.getByTestId('compose-account'));
  fireEvent.click(await screen.findByRole('option', { name }));
  await screen.findByTestId('compose-mode');
}

/** Compose "Hi" to one pasted number on the EIMS account and open the summary (fake.preview answers). */
async function reviewOne(): Promise<HTMLElement> {
  renderInApp(<ComposeScreen />);
  await pickAccount('Wholesale');
  typeBody('Hi');
  fireEvent.change(screen.getByTestId('compose-pasted'), { target: { value: '13800000003' } });
  fireEvent.click(screen.getByTestId('compose-review'));
  return screen.findByTestId('compose-summary');
}

function typeBody(text: string, caret = text.length) {
  const body = screen.getByTestId('compose-body') as HTMLTextAreaElement;
  fireEvent.change(body, { target: { value: text } });
  body.focus();
  body.setSelectionRange(caret, caret);
  return body;
}

describe('compose', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installComposeMain();
  });

  it('counts encoding, characters, segments and what is left, exactly as countSegments does', async () => {
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    typeBody('Hello world');
    expect(screen.getByTestId('counter-encoding').textContent).toBe('GSM-7');
    expect(screen.getByTestId('counter-characters').textContent).toBe('11');
    expect(screen.getByTestId('counter-segments').textContent).toBe('1');
    expect(screen.getByTestId('counter-remaining').textContent).toBe('149');
    typeBody('您好，订单已发货');
    expect(screen.getByTestId('counter-encoding').textContent).toBe('UCS-2');
    expect(screen.getByTestId('counter-characters').textContent).toBe('8');
    expect(screen.getByTestId('counter-remaining').textContent).toBe('62');
    // A Chinese text is UCS-2 by nature: no list of "offending" characters.
    expect(screen.queryByTestId('counter-non-gsm')).toBeNull();
    typeBody('Price: 5€ “today”');
    expect(screen.getByTestId('counter-encoding').textContent).toBe('UCS-2');
    expect(screen.getByTestId('counter-non-gsm').textContent).toContain('“ ”');
    typeBody('x'.repeat(161));
    expect(screen.getByTestId('counter-segments').textContent).toBe('2');
    expect(screen.getByTestId('counter-remaining').textContent).toBe('145');
  });

  it('offers the chosen list’s variables as chips that insert at the cursor, and warns about unknown ones', async () => {
    useComposeStore.getState().patch({ listIds: ['list-1'] });
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    await waitFor(() => expect(screen.getAllByTestId('variable-chip').map((c) => c.getAttribute('data-variable'))).toEqual(['name', 'city', 'phone']));
    const body = typeBody('Hi , see you', 3);
    fireEvent.click(screen.getByRole('button', { name: 'Insert {name}' }));
    expect(body.value).toBe('Hi {name}, see you');
    typeBody('Hi {nmae}');
    expect(screen.getByTestId('compose-missing-variables').textContent).toContain('{nmae}');
  });

  it('shows the pre-send summary and sends only after confirm, then opens the campaign', async () => {
    fake.preview = PREVIEW;
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    typeBody('Hi {name}');
    fireEvent.change(screen.getByTestId('compose-pasted'), { target: { value: '13800000003\n123, abc' } });
    expect(screen.getByTestId('compose-pasted-count').textContent).toBe('1 valid number pasted, 2 not valid');
    fireEvent.click(screen.getByTestId('compose-review'));

    const summary = await screen.findByTestId('compose-summary');
    expect(fake.callsOf('campaignCreate')).toEqual([]);
    const [previewInput] = fake.callsOf('campaignPreview') as Array<Record<string, unknown>>;
    expect(previewInput).toMatchObject({ accountId: 'acc-e', content: { mode: 'text', body: 'Hi {name}' }, recipients: { listIds: [], pasted: '13800000003\n123, abc' }, quietHours: null });
    expect(within(summary).getByTestId('summary-recipients').textContent).toBe('3');
    expect(within(summary).getByTestId('summary-opted-out').textContent).toBe('1');
    expect(within(summary).getByTestId('summary-invalid').textContent).toBe('2');
    expect(within(summary).getByTestId('summary-non-mobile').textContent).toBe('1');
    expect(within(summary).getByTestId('summary-duplicates').textContent).toBe('1');
    expect(within(summary).getByTestId('summary-segments').textContent).toBe('6');
    expect(within(summary).getByTestId('summary-cost').textContent).toBe('¥6.00');
    expect(within(summary).getByTestId('summary-cost-note').textContent).toBe('6 segments');
    expect(within(summary).getByTestId('summary-balance').textContent).toBe('¥5.00');
    expect(within(summary).getByTestId('summary-over-balance').textContent).toContain('The estimated cost (¥6.00) is more than the balance (¥5.00)');
    expect(within(summary).getByTestId('summary-missing').textContent).toContain('{city}: missing for 1 recipient');
    expect(within(summary).getAllByTestId('summary-excluded-row').map((r) => r.textContent)).toEqual([
      '+8613900000000On the opt-out list.',
      '010-6552 1234A landline: it cannot receive SMS.',
      '123Too few digits for a phone number.',
      'abcThis is not a phone number: it contains letters or symbols.',
    ]);
    expect(within(summary).getAllByTestId('summary-sample')).toHaveLength(3);
    expect(within(summary).getAllByTestId('summary-sample')[0]!.textContent).toContain('Hi Ann');

    fireEvent.click(within(summary).getByTestId('compose-send'));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/campaigns\/cmp-n\d+$/));
    const [created] = fake.callsOf('campaignCreate') as Array<Record<string, unknown>>;
    expect(created).toMatchObject({ ...previewInput, confirmed: true });
    // The draft is cleared for the next campaign.
    expect(useComposeStore.getState().form.body).toBe('');
  });

  it('does not repeat main’s over-balance warning next to its own, and keeps other warnings', async () => {
    fake.preview = { ...PREVIEW, warnings: ['The estimated cost (6) is more than the balance (5). Sending stops when the balance runs out.', 'EIMS gift balance could not be read.'] };
    await reviewOne();
    expect(screen.getByTestId('summary-over-balance')).toBeTruthy();
    expect(screen.getByTestId('summary-warnings').textContent).toBe('WarningsEIMS gift balance could not be read.');
  });

  it('never sets segments against a money balance: without a price it shows the segment count and says the balance was not compared', async () => {
    fake.preview = { ...PREVIEW, totalSegments: 2000, balances: [{ label: 'Balance', amount: 1000, unit: 'money' }], cost: { segments: 2000, money: null, currency: null }, funds: null };
    const summary = await reviewOne();
    expect(within(summary).getByTestId('summary-cost').textContent).toBe('2,000 segments');
    expect(within(summary).getByTestId('summary-cost-note').textContent).toBe('No price per segment on this account');
    expect(within(summary).getByTestId('summary-balance').textContent).toBe('1,000.00');
    expect(within(summary).getByTestId('summary-balance-note').textContent).toBe('Not compared with the cost: set a price per segment on the account');
    expect(within(summary).queryByTestId('summary-over-balance')).toBeNull();
  });

  it('sets a JSMS template against its quota, and a GSM box against what its SIMs may still send today', async () => {
    fake.preview = {
      ...PREVIEW,
      provider: 'jsms',
      recipients: 550,
      cost: { segments: 550, money: null, currency: null },
      funds: { source: 'jsms-market', unit: 'messages', available: 100, needed: 550, covered: false },
      warnings: ['This marketing template draws on the marketing quota, then on the all-type quota: 550 SMS are needed and 100 are left. Sending stops when they run out.'],
    };
    let summary = await reviewOne();
    expect(within(summary).getByTestId('summary-balance').textContent).toBe('100 SMS');
    expect(within(summary).getByText('Marketing + all-type quota')).toBeTruthy();
    expect(within(summary).getByTestId('summary-over-balance').textContent).toBe(
      'This marketing template needs 550 SMS; its quota (marketing, then all-type) has 100 left. Sending will stop when it runs out: top up the app’s quota or send to fewer recipients.',
    );
    expect(within(summary).queryByTestId('summary-warnings')).toBeNull();

    fake.preview = { ...PREVIEW, provider: 'gsmbox', recipients: 250, balances: [], cost: { segments: 250, money: 25, currency: 'CNY' }, funds: null, boxCapacity: { leftToday: 210, ports: 2 }, warnings: [] };
    fireEvent.click(screen.getByTestId('compose-review'));
    await waitFor(() => expect(screen.getByTestId('summary-balance').textContent).toBe('210 SMS'));
    summary = screen.getByTestId('compose-summary');
    expect(within(summary).getByTestId('summary-balance-note').textContent).toBe('on 2 SIMs');
    expect(within(summary).getByTestId('summary-cost').textContent).toBe('¥25.00');
    expect(within(summary).getByTestId('summary-over-capacity').textContent).toBe('The box’s SIMs can send 210 more SMS today: the other 40 will wait until tomorrow.');
  });

  it('counts pasted numbers as the summary will: slashes and commas split, "+86 139 1234 0003" stays one number', async () => {
    renderInApp(<ComposeScreen />);
    fireEvent.change(await screen.findByTestId('compose-pasted'), { target: { value: '13912340001, 139-1234-0002 / +86 139 1234 0003 / 12345' } });
    await waitFor(() => expect(screen.getByTestId('compose-pasted-count').textContent).toBe('3 valid numbers pasted, 1 not valid'));
    fireEvent.change(screen.getByTestId('compose-pasted'), { target: { value: '13912340001 13912340002\n139 1234 0003 139 1234 0004' } });
    await waitFor(() => expect(screen.getByTestId('compose-pasted-count').textContent).toBe('4 numbers pasted'));
  });

  it('opens the import wizard from the recipients', async () => {
    renderInApp(<ComposeScreen />);
    fireEvent.click(screen.getByTestId('compose-import'));
    expect(await screen.findByTestId('import-wizard')).toBeTruthy();
    expect(screen.getByTestId('import-file')).toBeTruthy();
  });

  it('will not send a draft changed after the review', async () => {
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    typeBody('Hello');
    fireEvent.change(screen.getByTestId('compose-pasted'), { target: { value: '13800000003' } });
    fireEvent.click(screen.getByTestId('compose-review'));
    await screen.findByTestId('compose-summary');
    expect((screen.getByTestId('compose-send') as HTMLButtonElement).disabled).toBe(false);
    typeBody('Hello again');
    expect(screen.getByTestId('summary-stale')).toBeTruthy();
    expect((screen.getByTestId('compose-send') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows missing fields on the form without asking main', async () => {
    renderInApp(<ComposeScreen />);
    fireEvent.change(screen.getByTestId('compose-name'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('compose-review'));
    const alert = await screen.findByTestId('compose-field-errors');
    expect(alert.textContent).toContain('Pick an account.');
    expect(alert.textContent).toContain('Pick at least one list or paste some numbers.');
    expect(screen.getByText('Name the campaign.', { selector: '.mantine-InputWrapper-error' })).toBeTruthy();
    expect(fake.callsOf('campaignPreview')).toEqual([]);
  });

  it('puts main’s field errors on the fields, in Chinese when the app speaks it', async () => {
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    typeBody('Hello');
    fireEvent.change(screen.getByTestId('compose-pasted'), { target: { value: '13800000003' } });
    fake.failNext('campaignPreview', { code: 'INVALID_INPUT', message: 'Check the highlighted fields.', fields: { 'content.body': 'Write the message text.' } });
    await act(async () => {
      await import('../../../src/renderer/src/i18n/index.ts').then(({ i18next }) => i18next.changeLanguage('zh'));
    });
    fireEvent.click(screen.getByTestId('compose-review'));
    await waitFor(() => expect(screen.getByTestId('compose-field-errors').textContent).toContain('请填写短信正文。'));
    expect(screen.getByText('请填写短信正文。', { selector: '.mantine-InputWrapper-error' })).toBeTruthy();
  });

  it('shows main’s error when the review fails', async () => {
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    typeBody('Hello');
    fireEvent.change(screen.getByTestId('compose-pasted'), { target: { value: '13800000003' } });
    fake.failNext('campaignPreview', { code: 'EIMS_AUTH', message: 'EIMS says: wrong password (-1). Fix the password in Accounts.' });
    fireEvent.click(screen.getByTestId('compose-review'));
    const error = await screen.findByTestId('compose-error');
    expect(error.getAttribute('data-error-code')).toBe('EIMS_AUTH');
    expect(error.textContent).toContain('wrong password');
  });

  it('picks a JSMS template from the account\'s list: its parameters are laid out and the filled text shows live', async () => {
    useComposeStore.getState().patch({ listIds: ['list-1'] });
    renderInApp(<ComposeScreen />);
    await pickAccount('Promo');
    expect(screen.queryByTestId('compose-body')).toBeNull();
    fireEvent.click(screen.getByTestId('compose-template-select'));
    // A template still under review is listed but cannot be picked.
    expect((await screen.findByRole('option', { name: /#1240/ })).getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(await screen.findByRole('option', { name: /#1234 · Dear/ }));
    await waitFor(() => expect(screen.getAllByTestId('compose-param-name').map((e) => (e as HTMLInputElement).value)).toEqual(['customer', 'level']));
    expect(screen.getByTestId('compose-template-preview-text').textContent).toBe('Dear {{customer}}, you are now {{level}}.');
    expect(screen.getByTestId('compose-template-preview-missing').textContent).toContain('{{customer}}, {{level}} have no value');
    const value = screen.getAllByTestId('compose-param-value')[0] as HTMLInputElement;
    fireEvent.focus(value);
    await waitFor(() => expect(screen.getAllByTestId('variable-chip').length).toBe(3));
    fireEvent.click(screen.getByRole('button', { name: 'Insert {name}' }));
    expect(value.value).toBe('{name}');
    fireEvent.change(screen.getAllByTestId('compose-param-value')[1]!, { target: { value: 'VIP' } });
    expect(screen.getByTestId('compose-template-preview-text').textContent).toBe('Dear {name}, you are now VIP.');
    expect(screen.queryByTestId('compose-template-preview-missing')).toBeNull();
    fireEvent.click(screen.getByTestId('compose-review'));
    await waitFor(() => expect(useComposeStore.getState().fieldErrors).toEqual({}));
    await screen.findByTestId('compose-summary');
    expect(fake.callsOf('campaignPreview')[0]).toMatchObject({
      accountId: 'acc-j',
      content: { mode: 'template', tempId: 1234, params: { customer: '{name}', level: 'VIP' } },
      recipients: { listIds: ['list-1'] },
    });
  });

  it('sends quiet hours and GSM box ports when chosen', async () => {
    renderInApp(<ComposeScreen />);
    await pickAccount('Office box');
    fireEvent.click(screen.getByTestId('compose-ports-load'));
    const ports = await screen.findAllByTestId('compose-port');
    expect(ports).toHaveLength(4);
    fireEvent.click(within(screen.getByTestId('compose-ports')).getByLabelText('Port 2'));
    fireEvent.click(screen.getByTestId('compose-quiet'));
    fireEvent.change(screen.getByTestId('compose-quiet-start'), { target: { value: '22:00' } });
    typeBody('Hello');
    fireEvent.change(screen.getByTestId('compose-pasted'), { target: { value: '13800000003' } });
    fireEvent.click(screen.getByTestId('compose-review'));
    await screen.findByTestId('compose-summary');
    expect(fake.callsOf('campaignPreview')[0]).toMatchObject({ quietHours: { start: '22:00', end: '08:00' }, ports: [2] });
  });
});
