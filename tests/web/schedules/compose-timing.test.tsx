/** Compose's "when": now sends as before; at a time and repeat create a schedule from the reviewed draft. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ComposeScreen } from '../../../src/renderer/src/screens/compose/ComposeScreen.tsx';
import { useComposeTimingStore } from '../../../src/renderer/src/stores/compose-timing.ts';
import { renderInApp } from '../render.tsx';
import { installSchedulesMain, type ScheduleFake } from './schedules-fixtures.ts';

async function pickAccount(name: string) {
  fireEvent.click(screen.getByTestId('compose-account'));
  fireEvent.click(await screen.findByRole('option', { name }));
  await screen.findByTestId('compose-mode');
}

async function fillAndReview() {
  fireEvent.change(screen.getByTestId('compose-body'), { target: { value: 'Weekend sale' } });
  fireEvent.change(screen.getByTestId('compose-pasted'), { target: { value: '13800000001\n13800000002' } });
  fireEvent.click(screen.getByTestId('compose-review'));
  return screen.findByTestId('compose-send');
}

describe('compose timing', () => {
  let m: ScheduleFake;
  beforeEach(() => {
    m = installSchedulesMain();
    useComposeTimingStore.getState().reset();
    window.location.hash = '#/compose';
  });

  it('now: sends a campaign as before', async () => {
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    const send = await fillAndReview();
    expect(send.textContent).toMatch(/^Send to 2 recipients/);
    fireEvent.click(send);
    await waitFor(() => expect(m.fake.callsOf('campaignCreate')).toHaveLength(1));
    expect(m.fake.callsOf('scheduleCreate')).toHaveLength(0);
  });

  it('at a time: the reviewed draft becomes a one-off schedule, then the Schedules screen opens', async () => {
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    const timing = screen.getByTestId('compose-timing');
    fireEvent.click(within(timing).getByRole('radio', { name: 'At a time' }));
    // An EIMS account may leave a one-off to the platform; the app is the default.
    expect(within(timing).getByTestId('compose-timing-mode')).toBeTruthy();
    fireEvent.change(within(timing).getByTestId('schedule-form-at'), { target: { value: '2030-05-01T08:15' } });
    const send = await fillAndReview();
    expect(send.textContent).toBe('Schedule it');
    fireEvent.click(send);
    await waitFor(() => expect(m.fake.callsOf('scheduleCreate')).toHaveLength(1));
    expect(m.fake.callsOf('scheduleCreate')[0]).toMatchObject({
      kind: 'local',
      draft: { accountId: 'acc-e', content: { mode: 'text', body: 'Weekend sale' } },
      when: { repeat: { kind: 'once', at: '2030-05-01T08:15' } },
    });
    expect(m.fake.callsOf('campaignCreate')).toHaveLength(0);
    await waitFor(() => expect(window.location.hash).toBe('#/schedules'));
  });

  it('repeat: weekly with the missed-run policy', async () => {
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    const timing = screen.getByTestId('compose-timing');
    fireEvent.click(within(timing).getByRole('radio', { name: 'Repeat' }));
    expect(within(timing).queryByTestId('compose-timing-mode')).toBeNull();
    fireEvent.click(within(timing).getByRole('radio', { name: 'Weekly' }));
    fireEvent.change(within(timing).getByTestId('schedule-form-time'), { target: { value: '07:45' } });
    fireEvent.click(within(timing).getByRole('radio', { name: 'Skip the missed runs' }));
    fireEvent.click(await fillAndReview());
    await waitFor(() => expect(m.fake.callsOf('scheduleCreate')).toHaveLength(1));
    expect(m.fake.callsOf('scheduleCreate')[0]).toMatchObject({ kind: 'local', when: { repeat: { kind: 'weekly', time: '07:45', days: [1] } }, missedPolicy: 'skip' });
  });

  it('shows main’s sentence when the schedule cannot be created', async () => {
    m.failNext('scheduleCreate', { code: 'SCHEDULE_NO_RUN', message: 'This time has already passed. Pick a time in the future.' });
    renderInApp(<ComposeScreen />);
    await pickAccount('Wholesale');
    fireEvent.click(within(screen.getByTestId('compose-timing')).getByRole('radio', { name: 'At a time' }));
    fireEvent.click(await fillAndReview());
    expect((await screen.findByTestId('compose-schedule-error')).textContent).toMatch(/already passed/);
    expect(window.location.hash).toBe('#/compose');
  });
});
