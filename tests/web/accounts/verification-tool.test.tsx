import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18next } from '../../../src/renderer/src/i18n/index.ts';
import { AccountsScreen } from '../../../src/renderer/src/screens/accounts/AccountsScreen.tsx';
import type { FakeMain } from '../fake-bridge.ts';
import { installFakeMain, renderInApp } from '../render.tsx';
import { boxAccount, eimsAccount, jsmsAccount } from './fixtures.ts';

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

async function openTool(): Promise<HTMLElement> {
  const rows = await screen.findAllByTestId('account-row');
  const jsms = rows.find((r) => r.getAttribute('data-kind') === 'jsms');
  fireEvent.click(within(jsms!).getByTestId('account-verify'));
  return screen.findByTestId('verification-tool');
}

describe('Verification codes tool', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installFakeMain({ accounts: [jsmsAccount, eimsAccount, boxAccount] });
  });

  it('is offered on JSMS rows only and names the account', async () => {
    renderInApp(<AccountsScreen />);
    const rows = await screen.findAllByTestId('account-row');
    expect(rows.map((r) => within(r).queryByTestId('account-verify') !== null)).toEqual([true, false, false]);
    const tool = await openTool();
    expect(within(tool).getByTestId('verification-account').textContent).toBe('Promo');
    expect(screen.getByLabelText(/^Mobile number/)).toBeTruthy();
    expect(screen.getByLabelText(/^Template/)).toBeTruthy();
  });

  it('shows the schemas’ sentences and calls nothing when the input is wrong', async () => {
    renderInApp(<AccountsScreen />);
    await openTool();
    fireEvent.click(screen.getByTestId('verification-send'));
    expect(await screen.findByText('Enter a phone number, e.g. 13812345678')).toBeTruthy();
    expect(screen.getByText('Enter the code template id (a number from the JSMS console)')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Voice call' }));
    type('verification-mobile', '13812345678');
    type('verification-voice-code', '12');
    fireEvent.click(screen.getByTestId('verification-send'));
    expect(await screen.findByText('A voice code is 4 to 8 digits')).toBeTruthy();
    fireEvent.click(screen.getByTestId('verification-verify'));
    expect(await screen.findByText('Enter the message id the send returned')).toBeTruthy();
    expect(screen.getByText('Enter the code the phone received')).toBeTruthy();
    expect(fake.callsOf('verificationSend')).toEqual([]);
    expect(fake.callsOf('verificationCheck')).toEqual([]);
  });

  it('sends a text code, shows the msg_id, then says whether the code is valid', async () => {
    renderInApp(<AccountsScreen />);
    await openTool();
    type('verification-mobile', ' 13812345678 ');
    type('verification-temp-id', '1');
    fireEvent.click(screen.getByTestId('verification-send'));
    expect((await screen.findByTestId('verification-msg-id')).textContent).toBe('9001');
    expect(fake.callsOf('verificationSend')).toEqual([{ accountId: 'acc-j', channel: 'text', mobile: '13812345678', tempId: 1 }]);
    expect((screen.getByTestId('verification-check-msg-id') as HTMLInputElement).value).toBe('9001');

    type('verification-code', '000000');
    fireEvent.click(screen.getByTestId('verification-verify'));
    const wrong = await screen.findByTestId('verification-result');
    expect(wrong.getAttribute('data-valid')).toBe('false');
    expect(wrong.textContent).toContain('The code is not valid');
    expect(wrong.textContent).toContain('The code is wrong.');
    expect(wrong.textContent).toContain('JSMS code 50010');

    type('verification-code', '123456');
    expect(screen.queryByTestId('verification-result')).toBeNull();
    fireEvent.click(screen.getByTestId('verification-verify'));
    await waitFor(() => expect(screen.getByTestId('verification-result').getAttribute('data-valid')).toBe('true'));
    expect(screen.getByTestId('verification-result').textContent).toContain('The code is valid.');
    expect(fake.callsOf('verificationCheck')).toEqual([
      { accountId: 'acc-j', msgId: '9001', code: '000000' },
      { accountId: 'acc-j', msgId: '9001', code: '123456' },
    ]);
  });

  it('sends a voice code with the chosen code and language', async () => {
    renderInApp(<AccountsScreen />);
    await openTool();
    fireEvent.click(screen.getByRole('radio', { name: 'Voice call' }));
    type('verification-mobile', '13812345678');
    type('verification-voice-code', '4321');
    fireEvent.click(screen.getByTestId('verification-send'));
    await screen.findByTestId('verification-msg-id');
    expect(fake.callsOf('verificationSend')).toEqual([{ accountId: 'acc-j', channel: 'voice', mobile: '13812345678', code: '4321', voiceLang: 0 }]);
  });

  it('shows main’s refusal with its sentence and code', async () => {
    fake.failNext('verificationSend', { code: 'JSMS_NO_BALANCE', message: 'JSMS says: the balance is too low (50014). Top up the account.', kind: 'limit' });
    renderInApp(<AccountsScreen />);
    await openTool();
    type('verification-mobile', '13812345678');
    type('verification-temp-id', '1');
    fireEvent.click(screen.getByTestId('verification-send'));
    const alert = await screen.findByTestId('verification-send-error');
    expect(alert.getAttribute('data-error-code')).toBe('JSMS_NO_BALANCE');
    expect(alert.textContent).toContain('the balance is too low (50014)');
    expect(screen.queryByTestId('verification-msg-id')).toBeNull();

    fake.failNext('verificationCheck', { code: 'JSMS_MSG_NOT_FOUND', message: 'JSMS does not know that message id.' });
    type('verification-check-msg-id', '42');
    type('verification-code', '1111');
    fireEvent.click(screen.getByTestId('verification-verify'));
    expect((await screen.findByTestId('verification-check-error')).textContent).toContain('JSMS does not know that message id.');
  });

  it('shows the validation sentences in Chinese', async () => {
    renderInApp(<AccountsScreen />);
    await act(() => i18next.changeLanguage('zh'));
    await openTool();
    fireEvent.click(screen.getByTestId('verification-send'));
    expect(await screen.findByText('请输入手机号码，例如 13812345678')).toBeTruthy();
    expect(screen.getByText('请输入验证码模板 ID（JSMS 控制台中的数字）')).toBeTruthy();
  });
});
