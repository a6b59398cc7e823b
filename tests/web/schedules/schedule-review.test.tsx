/**
 * Review before the platform is called: a provider-held schedule shows Compose's summary (from main's
 * preview) and the cannot-be-undone note, and is created only on confirm; a local schedule runs now
 * after the same review, and its history opens with the run.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { SchedulesScreen } from '../../../src/renderer/src/screens/schedules/SchedulesScreen.tsx';
import { i18next } from '../../../src/renderer/src/i18n/index.ts';
import { renderInApp } from '../render.tsx';
import { fakeSchedule, installSchedulesMain, type ScheduleFake } from './schedules-fixtures.ts';

describe('schedule review', () => {
  let m: ScheduleFake;
  beforeEach(() => {
    m = installSchedulesMain();
  });

  async function eimsTimedForm() {
    renderInApp(<SchedulesScreen />);
    fireEvent.click(await screen.findByTestId('schedules-new'));
    const form = await screen.findByTestId('schedule-form');
    fireEvent.click(within(form).getByTestId('schedule-form-account'));
    fireEvent.click(await screen.findByRole('option', { name: /Wholesale/ }));
    fireEvent.change(within(form).getByTestId('schedule-form-body'), { target: { value: 'Weekend sale!' } });
    fireEvent.change(within(form).getByTestId('schedule-form-pasted'), { target: { value: '13800000001\n13800000002\n13800000003' } });
    fireEvent.click(within(form).getByRole('radio', { name: 'EIMS timed' }));
    return form;
  }

  it('an EIMS timed send shows the summary and the cannot-be-undone note, and is created only on confirm', async () => {
    m.fake.preview = {
      accountId: 'acc-e',
      provider: 'eims',
      recipients: 2,
      optedOut: 1,
      invalid: 0,
      nonMobile: 0,
      duplicates: 0,
      totalSegments: 4,
      balances: [{ label: 'Balance', amount: 100, unit: 'money' }],
      cost: { segments: 4, money: 0.2, currency: 'CNY' },
      funds: { source: 'eims-balance', unit: 'money', available: 100, needed: 0.2, covered: true },
      boxCapacity: null,
      warnings: [],
      missingVariables: [],
      defaultedVariables: [],
      excluded: [{ value: '+8613800000003', reason: 'On the opt-out list.' }],
      sample: [{ e164: '+8613800000001', text: 'Weekend sale!', encoding: 'GSM-7', segments: 2 }],
    };
    const form = await eimsTimedForm();
    expect(within(form).queryByTestId('schedule-form-save')).toBeNull();
    fireEvent.click(within(form).getByTestId('schedule-form-review'));

    const review = await within(form).findByTestId('schedule-review');
    await within(review).findByTestId('compose-summary');
    expect(within(review).getByTestId('summary-recipients').getAttribute('data-count')).toBe('2');
    expect(within(review).getByTestId('summary-opted-out').getAttribute('data-count')).toBe('1');
    expect(within(review).getByTestId('summary-segments').getAttribute('data-count')).toBe('4');
    expect(within(review).getByTestId('summary-cost').textContent).toContain('0.2');
    expect(within(review).getByTestId('schedule-review-note').textContent).toMatch(/cannot be undone: EIMS has no way to change or cancel a timed send/);
    // The preview was asked for the exact draft; the platform was not called.
    expect(m.fake.callsOf('campaignPreview')).toEqual([expect.objectContaining({ accountId: 'acc-e', content: { mode: 'text', body: 'Weekend sale!' } })]);
    expect(m.fake.callsOf('scheduleCreate')).toHaveLength(0);

    // Back to the form keeps what was typed; nothing was created.
    fireEvent.click(within(review).getByTestId('schedule-review-back'));
    expect((within(form).getByTestId('schedule-form-body') as HTMLTextAreaElement).value).toBe('Weekend sale!');
    expect(m.fake.callsOf('scheduleCreate')).toHaveLength(0);

    fireEvent.click(within(form).getByTestId('schedule-form-review'));
    const confirm = await within(form).findByTestId('compose-send');
    expect(confirm.textContent).toBe('Confirm and create');
    fireEvent.click(confirm);
    await waitFor(() => expect(m.fake.callsOf('scheduleCreate')).toHaveLength(1));
    expect(m.fake.callsOf('scheduleCreate')[0]).toMatchObject({ kind: 'eims', eims: { mode: 'timed', draft: { content: { body: 'Weekend sale!' } } } });
    await waitFor(() => expect(screen.queryByTestId('schedule-form')).toBeNull());
  });

  it('a draft main refuses goes back to the form with the field errors', async () => {
    m.fake.failNext('campaignPreview', { code: 'CAMPAIGN_NO_RECIPIENTS', message: 'Nobody is left to send to.', fields: { 'recipients.listIds': 'No recipients.' } });
    const form = await eimsTimedForm();
    fireEvent.click(within(form).getByTestId('schedule-form-review'));
    expect((await within(form).findByTestId('schedule-form-errors')).textContent).toMatch(/No recipients/);
    expect(m.fake.callsOf('scheduleCreate')).toHaveLength(0);
  });

  it('runs a local schedule now after the same review, then shows the run in its history', async () => {
    m.schedules = [fakeSchedule({ id: 'l1' })];
    renderInApp(<SchedulesScreen />);
    fireEvent.click(await screen.findByTestId('schedule-run-now'));
    const dialog = await screen.findByTestId('schedule-run-now-dialog');
    await within(dialog).findByTestId('compose-summary');
    expect(within(dialog).getByTestId('schedule-review-note').textContent).toMatch(/The next run stays as scheduled/);
    // The review is of the schedule's own draft: its list.
    expect(m.fake.callsOf('campaignPreview')).toEqual([expect.objectContaining({ recipients: { listIds: ['list-1'], pasted: '' } })]);
    expect(within(dialog).getByTestId('summary-recipients').getAttribute('data-count')).toBe('2');
    expect(m.fake.callsOf('scheduleRunNow')).toHaveLength(0);

    fireEvent.click(within(dialog).getByTestId('compose-send'));
    await waitFor(() => expect(m.fake.callsOf('scheduleRunNow')).toEqual([{ id: 'l1' }]));
    const runs = await screen.findByTestId('schedule-runs-dialog');
    const row = await within(runs).findByTestId('schedule-run');
    expect(row.getAttribute('data-outcome')).toBe('created');
    expect(row.textContent).toContain('Run now by hand; the next run stays as scheduled.');
  });

  it('offers run now and history for every local schedule, not for provider-held ones, in Chinese too', async () => {
    m.schedules = [fakeSchedule({ id: 'l1' }), fakeSchedule({ id: 'e1', kind: 'eims-timed', when: null })];
    renderInApp(<SchedulesScreen />);
    const rows = await screen.findAllByTestId('schedule-row');
    expect(within(rows[0]!).getByTestId('schedule-run-now').textContent).toBe('Run now');
    expect(within(rows[0]!).getByTestId('schedule-history')).toBeTruthy();
    expect(within(rows[1]!).queryByTestId('schedule-run-now')).toBeNull();
    expect(within(rows[1]!).queryByTestId('schedule-history')).toBeNull();
    await act(async () => void (await i18next.changeLanguage('zh')));
    await waitFor(() => expect(within(screen.getAllByTestId('schedule-row')[0]!).getByTestId('schedule-run-now').textContent).toBe('立即运行'));
    fireEvent.click(within(screen.getAllByTestId('schedule-row')[0]!).getByTestId('schedule-run-now'));
    const dialog = await screen.findByTestId('schedule-run-now-dialog');
    expect(within(dialog).getByText('立即运行“Morning note”')).toBeTruthy();
    expect((await within(dialog).findByTestId('compose-send')).textContent).toBe('确认并立即发送');
  });
});
