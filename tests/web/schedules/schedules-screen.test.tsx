import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { SchedulesScreen } from '../../../src/renderer/src/screens/schedules/SchedulesScreen.tsx';
import { i18next } from '../../../src/renderer/src/i18n/index.ts';
import { renderInApp } from '../render.tsx';
import { fakeSchedule, installSchedulesMain, type ScheduleFake } from './schedules-fixtures.ts';

const NOON_BERLIN = Date.UTC(2026, 2, 30, 10, 0);

describe('schedules list', () => {
  let m: ScheduleFake;
  beforeEach(() => {
    m = installSchedulesMain();
  });

  it('says when there are none', async () => {
    renderInApp(<SchedulesScreen />);
    expect(await screen.findByTestId('schedules-empty')).toBeTruthy();
    expect(screen.getByTestId('schedules-new').textContent).toBe('New schedule');
  });

  it('shows local and provider-side schedules in one list: when, next run on this PC and the provider clock, last result', async () => {
    m.schedules = [
      fakeSchedule({
        id: 'l1',
        name: 'Daily hello',
        when: { zone: 'Europe/Berlin', repeat: { kind: 'weekly', time: '09:00', days: [5, 1] }, startDate: null, endDate: '2026-12-31', maxRuns: null },
        missedPolicy: 'skip',
        lastRun: { dueAt: 1, firedAt: NOON_BERLIN, outcome: 'skipped', campaignId: null, detail: '3 runs were missed while the app was not running; skipped as this schedule asks.' },
      }),
      fakeSchedule({
        id: 'j1',
        kind: 'jsms',
        name: 'Shipping notice',
        provider: 'jsms',
        accountId: 'acc-j',
        accountName: 'Promo',
        nextRunAt: NOON_BERLIN,
        providerTime: { wall: '2026-03-30 18:00:00', zoneLabel: 'UTC+8' },
        parts: [
          { providerId: 'js-1', recipients: 1000, rejected: 0, state: 'pending', batch: true },
          { providerId: 'js-2', recipients: 500, rejected: 2, state: 'pending', batch: true },
        ],
        recipients: 1500,
      }),
      fakeSchedule({
        id: 'e1',
        kind: 'eims-job',
        name: 'Platform job',
        provider: 'eims',
        when: null,
        parts: [{ providerId: '77', recipients: 600, rejected: 0, state: 'pending' }],
        recipients: 600,
        job: { jobName: 'big', jobType: 'daily', hour: 9, min: 0, numbersUrl: 'http://192.168.1.20:8787/files/abc/numbers.xls', numbersUrlExpiresAt: NOON_BERLIN, numbersUrlWarning: 'This is a private network address: the platform on the internet cannot reach it unless a port is forwarded to this PC. Set a public address for the receiver, or use fewer numbers (inline).' },
      }),
    ];
    renderInApp(<SchedulesScreen />);
    const rows = await screen.findAllByTestId('schedule-row');
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['local', 'jsms', 'eims-job']);

    const [local, jsms, job] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(local).getByTestId('schedule-when').textContent).toBe('Weekly on Mon, Fri at 9:00 AM · until Dec 31, 2026');
    expect(within(local).getByTestId('schedule-missed').textContent).toBe('Missed: skipped');
    expect(within(local).getByTestId('schedule-last-outcome').getAttribute('data-outcome')).toBe('skipped');
    expect(within(local).getByTestId('schedule-last').textContent).toMatch(/3 runs were missed/);
    expect(within(local).getByTestId('schedule-pause')).toBeTruthy();

    expect(within(jsms).getByTestId('schedule-kind').textContent).toBe('JSMS');
    expect(within(jsms).getByTestId('schedule-next-local').textContent).toMatch(/^This PC: /);
    // The test machine runs in UTC, so JSMS's UTC+8 clock differs and is shown — in the app's date format, never raw.
    expect(within(jsms).getByTestId('schedule-next-provider').textContent).toBe('JSMS clock (UTC+8): Mar 30, 2026, 6:00 PM');
    expect(within(jsms).getByTestId('schedule-parts').textContent).toBe('1500 recipients at JSMS in 2 schedule(s) · 2 refused');
    expect(within(jsms).queryByTestId('schedule-pause')).toBeNull();

    expect(within(job).getByTestId('schedule-when').textContent).toBe('Daily');
    expect(within(job).getByTestId('schedule-file-url').textContent).toBe('http://192.168.1.20:8787/files/abc/numbers.xls');
    expect(within(job).getByTestId('schedule-file-warning').textContent).toMatch(/private network address/);
    expect(within(job).queryByTestId('schedule-edit')).toBeNull();
  });

  it('pauses and resumes, and follows schedulesChanged', async () => {
    m.schedules = [fakeSchedule({ id: 'l1' })];
    renderInApp(<SchedulesScreen />);
    fireEvent.click(await screen.findByTestId('schedule-pause'));
    await waitFor(() => expect(screen.getByTestId('schedule-state').getAttribute('data-state')).toBe('paused'));
    fireEvent.click(screen.getByTestId('schedule-resume'));
    await waitFor(() => expect(screen.getByTestId('schedule-state').getAttribute('data-state')).toBe('active'));
    expect(m.fake.callsOf('schedulePause')).toEqual([{ id: 'l1' }]);

    m.schedules = [{ ...m.schedules[0]!, lastRun: { dueAt: 1, firedAt: NOON_BERLIN, outcome: 'created', campaignId: 'cmp-9', detail: '' } }];
    act(() => m.fake.emit('schedulesChanged', { reason: 'fired', id: 'l1' }));
    expect(await screen.findByTestId('schedule-open-campaign')).toBeTruthy();
  });

  it('lists a local schedule’s runs: sent, skipped and failed, with why', async () => {
    const sent = { dueAt: NOON_BERLIN, firedAt: NOON_BERLIN, outcome: 'created' as const, campaignId: 'cmp-1', detail: '' };
    m.schedules = [fakeSchedule({ id: 'l1', lastRun: sent })];
    m.runs.set('l1', [
      sent,
      { dueAt: NOON_BERLIN - 86_400_000, firedAt: NOON_BERLIN - 3_600_000, outcome: 'skipped', campaignId: null, detail: '2 runs were missed while the app was not running; skipped as this schedule asks.' },
      { dueAt: NOON_BERLIN - 3 * 86_400_000, firedAt: NOON_BERLIN - 3 * 86_400_000, outcome: 'failed', campaignId: null, detail: 'Nobody is left to send to after removing invalid and opted-out numbers. Pick other lists or paste numbers.' },
    ]);
    renderInApp(<SchedulesScreen />);
    fireEvent.click(await screen.findByTestId('schedule-history'));
    const runs = await screen.findAllByTestId('schedule-run');
    expect(runs.map((r) => r.getAttribute('data-outcome'))).toEqual(['created', 'skipped', 'failed']);
    expect(runs[1]!.textContent).toMatch(/2 runs were missed/);
    expect(runs[2]!.textContent).toMatch(/Nobody is left/);
  });

  it('shows main’s sentence when an action fails', async () => {
    m.schedules = [fakeSchedule({ id: 'l1', state: 'paused' })];
    m.failNext('scheduleResume', { code: 'SCHEDULE_NO_RUN', message: 'This schedule has no run left (its time, end date or run count has passed). Edit it to set a new time.' });
    renderInApp(<SchedulesScreen />);
    fireEvent.click(await screen.findByTestId('schedule-resume'));
    expect((await screen.findByTestId('schedules-action-error')).textContent).toMatch(/no run left/);
  });

  it('deletes after a confirmation that says what it means; EIMS says the platform still sends', async () => {
    m.schedules = [fakeSchedule({ id: 'e1', kind: 'eims-timed', provider: 'eims', name: 'Timed' }), fakeSchedule({ id: 'l1' })];
    renderInApp(<SchedulesScreen />);
    const rows = await screen.findAllByTestId('schedule-row');
    fireEvent.click(within(rows[0]!).getByTestId('schedule-delete'));
    const dialog = await screen.findByTestId('schedule-delete-dialog');
    expect(dialog.textContent).toMatch(/EIMS has no way to cancel/);
    fireEvent.click(within(dialog).getByTestId('schedule-delete-confirm'));
    expect((await screen.findByTestId('schedules-notice')).textContent).toMatch(/still holds/);
    await waitFor(() => expect(screen.getAllByTestId('schedule-row')).toHaveLength(1));
  });

  it('shows what JSMS holds, with msg_ids', async () => {
    m.schedules = [
      fakeSchedule({ id: 'j1', kind: 'jsms', provider: 'jsms', providerTime: { wall: '2026-03-30 18:00:00', zoneLabel: 'UTC+8' }, parts: [{ providerId: 'js-1', recipients: 1, rejected: 0, state: 'pending', batch: false }] }),
    ];
    renderInApp(<SchedulesScreen />);
    fireEvent.click(await screen.findByTestId('schedule-detail'));
    const row = await screen.findByTestId('schedule-detail-recipient');
    expect(row.textContent).toBe('13800000001274887115900name=Li');
  });
});

describe('schedule form', () => {
  let m: ScheduleFake;
  beforeEach(() => {
    m = installSchedulesMain();
  });

  async function openForm() {
    renderInApp(<SchedulesScreen />);
    fireEvent.click(await screen.findByTestId('schedules-new'));
    return screen.findByTestId('schedule-form');
  }

  /** A provider-held schedule is reviewed first: nothing is created before the summary is confirmed. */
  async function reviewAndConfirm(form: HTMLElement) {
    fireEvent.click(within(form).getByTestId('schedule-form-review'));
    const send = await within(form).findByTestId('compose-send');
    expect(m.fake.callsOf('scheduleCreate')).toHaveLength(0);
    fireEvent.click(send);
    await waitFor(() => expect(m.fake.callsOf('scheduleCreate')).toHaveLength(1));
  }

  async function pickAccount(form: HTMLElement, label: RegExp) {
    fireEvent.click(within(form).getByTestId('schedule-form-account'));
    fireEvent.click(await screen.findByRole('option', { name: label }));
  }

  it('creates a weekly local schedule from the compose draft, with zone and missed-run policy', async () => {
    const form = await openForm();
    fireEvent.change(within(form).getByTestId('schedule-form-name'), { target: { value: 'Friday promo' } });
    await pickAccount(form, /Wholesale/);
    fireEvent.change(within(form).getByTestId('schedule-form-body'), { target: { value: 'Weekend sale!' } });
    fireEvent.change(within(form).getByTestId('schedule-form-pasted'), { target: { value: '13800000001\n13800000002' } });
    expect(within(form).getByTestId('schedule-form-mode-help').textContent).toMatch(/This app creates a campaign/);
    fireEvent.click(within(form).getByRole('radio', { name: 'Weekly' }));
    fireEvent.change(within(form).getByTestId('schedule-form-time'), { target: { value: '18:30' } });
    const days = within(form).getAllByTestId('schedule-form-day');
    fireEvent.click(days[4]!); // Fri
    fireEvent.click(within(form).getByRole('radio', { name: 'Skip the missed runs' }));
    // The next runs, computed by the same recurrence code as the scheduler.
    expect(within(form).getByTestId('schedule-form-upcoming').textContent).toMatch(/^Next runs on this PC: .+ · .+ · .+$/);
    fireEvent.click(within(form).getByRole('radio', { name: 'Once' }));
    fireEvent.change(within(form).getByTestId('schedule-form-at'), { target: { value: '2001-01-01T09:00' } });
    expect(within(form).getByTestId('schedule-form-upcoming').textContent).toBe('With these settings it would never run. Pick a later time or end date.');
    fireEvent.click(within(form).getByRole('radio', { name: 'Weekly' }));
    fireEvent.click(within(form).getByTestId('schedule-form-save'));
    await waitFor(() => expect(screen.queryByTestId('schedule-form')).toBeNull());
    const input = m.fake.callsOf('scheduleCreate')[0] as Record<string, unknown>;
    expect(input).toMatchObject({
      kind: 'local',
      draft: { name: 'Friday promo', accountId: 'acc-e', content: { mode: 'text', body: 'Weekend sale!' }, recipients: { pasted: '13800000001\n13800000002' } },
      when: { repeat: { kind: 'weekly', time: '18:30', days: [1, 5] }, endDate: null, maxRuns: null },
      missedPolicy: 'skip',
    });
    expect((input.when as { zone: string }).zone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(await screen.findAllByTestId('schedule-row')).toHaveLength(1);
  });

  it('a JSMS account offers a JSMS-held schedule and shows the time JSMS will be told', async () => {
    const form = await openForm();
    await pickAccount(form, /Promo/);
    fireEvent.click(within(form).getByRole('radio', { name: 'JSMS' }));
    expect(within(form).getByTestId('schedule-form-mode-help').textContent).toMatch(/JSMS holds the messages/);
    fireEvent.change(within(form).getByTestId('schedule-form-zone').querySelector('input') ?? within(form).getByTestId('schedule-form-zone'), { target: { value: 'UTC' } });
    fireEvent.change(within(form).getByTestId('schedule-form-at'), { target: { value: '2030-01-02T03:04' } });
    expect(within(form).getByTestId('schedule-form-provider-time').textContent).toBe('JSMS will be told: Jan 2, 2030, 11:04 AM (UTC+8)');
    // The template is picked from the account's list; its parameters are laid out and the text fills in live.
    fireEvent.click(within(form).getByTestId('schedule-form-template-select'));
    fireEvent.click(await screen.findByRole('option', { name: /#1234/ }));
    await waitFor(() => expect(within(form).getAllByTestId('schedule-form-param-name').map((e) => (e as HTMLInputElement).value)).toEqual(['customer', 'level']));
    fireEvent.change(within(form).getAllByTestId('schedule-form-param-value')[0]!, { target: { value: 'Li' } });
    fireEvent.change(within(form).getAllByTestId('schedule-form-param-value')[1]!, { target: { value: 'Gold' } });
    expect(within(form).getByTestId('schedule-form-template-preview-text').textContent).toBe('Dear Li, you are now Gold.');
    fireEvent.change(within(form).getByTestId('schedule-form-pasted'), { target: { value: '13800000001' } });
    await reviewAndConfirm(form);
    expect(m.fake.callsOf('scheduleCreate')[0]).toMatchObject({ kind: 'jsms', at: '2030-01-02T03:04', draft: { content: { mode: 'template', tempId: 1234, params: { customer: 'Li', level: 'Gold' } } } });
  });

  it('an EIMS job with its type and fields', async () => {
    const form = await openForm();
    await pickAccount(form, /Wholesale/);
    fireEvent.change(within(form).getByTestId('schedule-form-body'), { target: { value: 'Hi' } });
    fireEvent.change(within(form).getByTestId('schedule-form-pasted'), { target: { value: '13800000001' } });
    fireEvent.click(within(form).getByRole('radio', { name: 'EIMS job' }));
    fireEvent.change(within(form).getByTestId('schedule-form-job-name'), { target: { value: 'nightly' } });
    await reviewAndConfirm(form);
    expect(m.fake.callsOf('scheduleCreate')[0]).toMatchObject({ kind: 'eims', eims: { mode: 'job', job: { jobName: 'nightly', jobType: 'daily', hour: 9, min: 0 } } });
  });

  it('shows main’s field errors in the form and keeps it open', async () => {
    m.failNext('scheduleCreate', { code: 'SCHEDULE_NO_RUN', message: 'This time has already passed. Pick a time in the future.', fields: { 'when.repeat.at': 'Pick a time in the future.' } });
    const form = await openForm();
    await pickAccount(form, /Wholesale/);
    fireEvent.change(within(form).getByTestId('schedule-form-body'), { target: { value: 'Hi' } });
    fireEvent.change(within(form).getByTestId('schedule-form-pasted'), { target: { value: '13800000001' } });
    fireEvent.click(within(form).getByTestId('schedule-form-save'));
    expect((await within(form).findByTestId('schedule-form-errors')).textContent).toMatch(/Pick a time in the future/);
  });

  it('edits a local schedule with its values filled in', async () => {
    m.schedules = [fakeSchedule({ id: 'l1', when: { zone: 'Europe/Berlin', repeat: { kind: 'monthly', time: '10:00', day: 31 }, startDate: null, endDate: null, maxRuns: 12 } })];
    renderInApp(<SchedulesScreen />);
    expect((await screen.findByTestId('schedule-when')).textContent).toBe('Monthly on day 31 at 10:00 AM (last day in shorter months) · 12 runs at most');
    fireEvent.click(screen.getByTestId('schedule-edit'));
    const form = await screen.findByTestId('schedule-form');
    expect((within(form).getByTestId('schedule-form-body') as HTMLTextAreaElement).value).toBe('Good morning');
    fireEvent.click(within(form).getByTestId('schedule-form-save'));
    await waitFor(() => expect(m.fake.callsOf('scheduleUpdate')).toHaveLength(1));
    expect(m.fake.callsOf('scheduleUpdate')[0]).toMatchObject({ kind: 'local', id: 'l1', when: { zone: 'Europe/Berlin', repeat: { kind: 'monthly', day: 31, time: '10:00' }, maxRuns: 12 } });
  });

  it('reads in Chinese', async () => {
    m.schedules = [
      fakeSchedule({ id: 'l1' }),
      fakeSchedule({
        id: 'e1',
        kind: 'eims-job',
        when: null,
        job: { jobName: 'j', jobType: 'now', numbersUrl: 'http://127.0.0.1:8787/files/a/n.xls', numbersUrlExpiresAt: null, numbersUrlWarning: 'This is a loopback address: only this PC can open it.' },
      }),
    ];
    renderInApp(<SchedulesScreen />);
    await screen.findAllByTestId('schedule-when');
    await act(async () => void (await i18next.changeLanguage('zh')));
    await waitFor(() => expect(screen.getAllByTestId('schedule-when')[0]!.textContent).toBe('每天 09:00'));
    expect(screen.getByTestId('schedule-file-warning').textContent).toMatch(/^这是回环地址/);
    expect(screen.getAllByTestId('schedule-state')[0]!.textContent).toBe('启用');
  });
});
