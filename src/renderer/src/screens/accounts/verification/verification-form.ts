/**
 * The verification tool's form values and their validation with the shared schemas (their sentences
 * become the field messages). Pure functions, no React.
 */
import type { i18n as I18n } from 'i18next';
import type { z } from 'zod';
import type { MethodInput } from '../../../../../shared/api.ts';
import { verificationCheckSchema, verificationSendSchema } from '../../../../../shared/providers.ts';
import { issueText } from '../../../i18n/issue-text.ts';

export type Channel = 'text' | 'voice';
export type VoiceLang = '0' | '1' | '2';

export interface SendValues {
  channel: Channel;
  mobile: string;
  tempId: string;
  code: string;
  voiceLang: VoiceLang;
}

export interface CheckValues {
  msgId: string;
  code: string;
}

export type FieldErrors = Record<string, string>;
export type Validated<T> = { ok: true; input: T } | { ok: false; errors: FieldErrors };

export const EMPTY_SEND: SendValues = { channel: 'text', mobile: '', tempId: '', code: '', voiceLang: '0' };

/**
 * The shared verification schemas' sentences → our keys (`accounts:verify.errors.*`), so they read in
 * the user's language even before the `schema` namespace knows them. Unknown sentences go through
 * `issueText` like every other form.
 */
const SENTENCE_KEYS: Record<string, string> = {
  'Enter a phone number, e.g. 13812345678': 'mobile',
  'Enter the code template id (a number from the JSMS console)': 'tempId',
  'A voice code is 4 to 8 digits': 'voiceCode',
  'Enter the message id the send returned': 'msgId',
  'Enter the code the phone received': 'code',
};

function messageOf(issue: z.core.$ZodIssue, i18n: I18n): string {
  const known = SENTENCE_KEYS[issue.message];
  if (known && !i18n.exists(issue.message, { ns: 'schema', keySeparator: false, nsSeparator: false })) return i18n.t(`accounts:verify.errors.${known}`);
  return issueText(i18n, issue);
}

function errorsOf(issues: z.core.$ZodIssue[], i18n: I18n): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    if (key) errors[key] ??= messageOf(issue, i18n);
  }
  return errors;
}

export function sendInput(accountId: string, values: SendValues): Record<string, unknown> {
  if (values.channel === 'text') return { accountId, channel: 'text', mobile: values.mobile, tempId: values.tempId.trim() };
  const input: Record<string, unknown> = { accountId, channel: 'voice', mobile: values.mobile, voiceLang: Number(values.voiceLang) };
  if (values.code.trim() !== '') input.code = values.code.trim();
  return input;
}

export function validateSend(accountId: string, values: SendValues, i18n: I18n): Validated<MethodInput<'verificationSend'>> {
  const parsed = verificationSendSchema.safeParse(sendInput(accountId, values));
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: errorsOf(parsed.error.issues, i18n) };
}

export function validateCheck(accountId: string, values: CheckValues, i18n: I18n): Validated<MethodInput<'verificationCheck'>> {
  const parsed = verificationCheckSchema.safeParse({ accountId, msgId: values.msgId, code: values.code });
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: errorsOf(parsed.error.issues, i18n) };
}
