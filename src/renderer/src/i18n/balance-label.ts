/**
 * Balance lines come from main with English labels ("App balance (SMS)", "Gift balance"); these are
 * the ones it sends, mapped to `accounts:check.balanceLabels.*`. A label not listed shows as sent.
 */
import type { i18n as I18n } from 'i18next';

const BALANCE_LABEL_KEYS: Record<string, string> = {
  'App balance (SMS)': 'appSms',
  'App voice': 'appVoice',
  'Account balance (SMS)': 'accountSms',
  Balance: 'balance',
  'Gift balance': 'gift',
};

export function balanceLabel(i18n: I18n, label: string): string {
  const key = BALANCE_LABEL_KEYS[label];
  return key ? i18n.t(`accounts:check.balanceLabels.${key}`) : label;
}
