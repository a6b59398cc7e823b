/**
 * The account form's state and the rules that turn it into an api input. Pure functions (no React):
 * which fields each kind has, how secrets are edited (keep / replace / clear), validation with the
 * shared zod schemas, and mapping of server field errors back onto the form.
 */
import type { i18n as I18n } from 'i18next';
import {
  JSMS_DEFAULT_BASE_URL,
  REQUIRED_SECRETS,
  SECRET_FIELDS,
  accountConfigSchema,
  secretsInputSchema,
  type AccountConfig,
  type AccountView,
  type ProviderKind,
} from '../../../../shared/accounts.ts';
import { issueText, sentenceText } from '../../i18n/issue-text.ts';

export type ConfigField =
  | 'name'
  | 'baseUrl'
  | 'appKey'
  | 'signId'
  | 'devKey'
  | 'pullReports'
  | 'account'
  | 'sender'
  | 'encrypted'
  | 'username'
  | 'secondsPerSms'
  | 'dailyCapPerSim'
  | 'pricePerSegment'
  | 'currency'
  | 'portRestMinutes';

export type FieldType = 'text' | 'url' | 'number' | 'switch';
export interface FieldSpec {
  name: ConfigField;
  type: FieldType;
  required?: boolean;
  /** For number fields. */
  min?: number;
  step?: number;
  /** Number fields that take decimals, and how many. */
  decimals?: number;
}

/** Every kind ends with the optional price of one SMS segment and its currency (the pre-send cost). */
const COST_FIELDS: readonly FieldSpec[] = [
  { name: 'pricePerSegment', type: 'number', min: 0, step: 0.01, decimals: 4 },
  { name: 'currency', type: 'text' },
];

/** Each kind's own fields, in form order (see src/shared/accounts.ts). */
export const KIND_FIELDS: Record<ProviderKind, readonly FieldSpec[]> = {
  jsms: [
    { name: 'name', type: 'text', required: true },
    { name: 'baseUrl', type: 'url', required: true },
    { name: 'appKey', type: 'text', required: true },
    { name: 'signId', type: 'text' },
    { name: 'devKey', type: 'text' },
    { name: 'pullReports', type: 'switch' },
    ...COST_FIELDS,
  ],
  eims: [
    { name: 'name', type: 'text', required: true },
    { name: 'baseUrl', type: 'url', required: true },
    { name: 'account', type: 'text', required: true },
    { name: 'sender', type: 'text' },
    { name: 'encrypted', type: 'switch' },
    ...COST_FIELDS,
  ],
  gsmbox: [
    { name: 'name', type: 'text', required: true },
    { name: 'baseUrl', type: 'url', required: true },
    { name: 'username', type: 'text', required: true },
    { name: 'secondsPerSms', type: 'number', required: true, min: 1, step: 1, decimals: 3 },
    { name: 'dailyCapPerSim', type: 'number', required: true, min: 0, step: 10 },
    ...COST_FIELDS,
    { name: 'portRestMinutes', type: 'number', required: true, min: 1, step: 5 },
  ],
};

export interface FormValues {
  name: string;
  baseUrl: string;
  appKey: string;
  signId: string;
  devKey: string;
  pullReports: boolean;
  account: string;
  sender: string;
  encrypted: boolean;
  username: string;
  secondsPerSms: number | string;
  dailyCapPerSim: number | string;
  /** '' = no price. */
  pricePerSegment: number | string;
  currency: string;
  portRestMinutes: number | string;
}

/** How the user is editing one secret: keep what is stored, type a new value, or clear it. */
export type SecretMode = 'keep' | 'replace' | 'clear';
export interface SecretEdit {
  mode: SecretMode;
  value: string;
}

export interface AccountFormState {
  kind: ProviderKind;
  values: FormValues;
  secrets: Record<string, SecretEdit>;
}

const BLANK: FormValues = {
  name: '',
  baseUrl: '',
  appKey: '',
  signId: '',
  devKey: '',
  pullReports: true,
  account: '',
  sender: '',
  encrypted: false,
  username: '',
  secondsPerSms: 6,
  dailyCapPerSim: 300,
  pricePerSegment: '',
  currency: '',
  portRestMinutes: 30,
};

export function secretFieldsOf(kind: ProviderKind): readonly string[] {
  return SECRET_FIELDS[kind];
}

function secretEditsFor(kind: ProviderKind, hasSecret: Record<string, boolean>): Record<string, SecretEdit> {
  const edits: Record<string, SecretEdit> = {};
  for (const field of secretFieldsOf(kind)) edits[field] = { mode: hasSecret[field] ? 'keep' : 'replace', value: '' };
  return edits;
}

export function newFormState(kind: ProviderKind): AccountFormState {
  return {
    kind,
    values: { ...BLANK, baseUrl: kind === 'jsms' ? JSMS_DEFAULT_BASE_URL : '' },
    secrets: secretEditsFor(kind, {}),
  };
}

/** Switching kind while adding keeps what the user typed into the fields both kinds share. */
export function switchKind(state: AccountFormState, kind: ProviderKind): AccountFormState {
  const fresh = newFormState(kind);
  const wasDefaultUrl = state.values.baseUrl === '' || state.values.baseUrl === JSMS_DEFAULT_BASE_URL;
  return {
    ...fresh,
    values: { ...state.values, baseUrl: wasDefaultUrl ? fresh.values.baseUrl : state.values.baseUrl },
  };
}

export function formStateFromAccount(account: AccountView): AccountFormState {
  const values: FormValues = {
    ...BLANK,
    name: account.name,
    baseUrl: account.baseUrl,
    pricePerSegment: account.pricePerSegment ?? '',
    currency: account.currency ?? '',
  };
  switch (account.kind) {
    case 'jsms':
      values.appKey = account.appKey;
      values.signId = account.signId === undefined ? '' : String(account.signId);
      values.devKey = account.devKey ?? '';
      values.pullReports = account.pullReports;
      break;
    case 'eims':
      values.account = account.account;
      values.sender = account.sender ?? '';
      values.encrypted = account.encrypted;
      break;
    case 'gsmbox':
      values.username = account.username;
      values.secondsPerSms = account.secondsPerSms;
      values.dailyCapPerSim = account.dailyCapPerSim;
      values.portRestMinutes = account.portRestMinutes;
      break;
  }
  return { kind: account.kind, values, secrets: secretEditsFor(account.kind, account.hasSecret) };
}

/** Is the secret set after saving (given what is stored now and the edit)? */
function willBeSet(edit: SecretEdit | undefined, stored: boolean): boolean {
  if (!edit) return stored;
  if (edit.mode === 'clear') return false;
  if (edit.mode === 'replace') return edit.value !== '' || stored; // an empty replacement keeps what is stored
  return stored;
}

/** The secrets part of the input: new values replace, null clears, absent keeps. */
export function secretsInput(state: AccountFormState): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const field of secretFieldsOf(state.kind)) {
    const edit = state.secrets[field];
    if (!edit) continue;
    if (edit.mode === 'replace' && edit.value !== '') out[field] = edit.value;
    if (edit.mode === 'clear') out[field] = null;
  }
  return out;
}

function rawConfig(state: AccountFormState): Record<string, unknown> {
  const raw: Record<string, unknown> = { kind: state.kind };
  for (const spec of KIND_FIELDS[state.kind]) raw[spec.name] = state.values[spec.name];
  return raw;
}

export type FormErrors = Record<string, string>;

export type ValidationResult =
  | { ok: true; input: { config: AccountConfig; secrets: Record<string, string | null> } }
  | { ok: false; errors: FormErrors };

/**
 * Validates with the shared schemas (their sentences become the field messages) plus the rules the
 * form adds for secrets: a kind's required secrets, and the EIMS key when encrypted sign-in is on.
 * Error keys are config field names or secret field names.
 */
export function validateAccountForm(state: AccountFormState, hasSecret: Record<string, boolean>, i18n: I18n): ValidationResult {
  const errors: FormErrors = {};
  const config = accountConfigSchema.safeParse(rawConfig(state));
  if (!config.success) {
    for (const issue of config.error.issues) {
      const key = String(issue.path[0] ?? 'name');
      errors[key] ??= issueText(i18n, issue);
    }
  }
  const secrets = secretsInput(state);
  const parsedSecrets = secretsInputSchema.safeParse(secrets);
  if (!parsedSecrets.success) {
    for (const issue of parsedSecrets.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (key) errors[key] ??= issueText(i18n, issue);
    }
  }
  for (const field of REQUIRED_SECRETS[state.kind]) {
    if (!willBeSet(state.secrets[field], hasSecret[field] === true)) {
      errors[field] ??= i18n.t('accounts:secret.required');
    }
  }
  if (state.kind === 'eims' && state.values.encrypted && !willBeSet(state.secrets.key, hasSecret.key === true)) {
    errors.key ??= i18n.t('accounts:secret.keyNeeded');
  }
  if (!config.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { config: config.data, secrets } };
}

/** Server field errors (`config.appKey`, `secrets.password`, or bare names) mapped onto the form. */
export function serverFieldErrors(fields: Record<string, string> | undefined, i18n: I18n): FormErrors {
  const out: FormErrors = {};
  for (const [path, message] of Object.entries(fields ?? {})) {
    const key = path.replace(/^(config|secrets)\./, '').split('.')[0] ?? path;
    out[key] = sentenceText(i18n, message);
  }
  return out;
}
