/**
 * The compose form's state and the rules that turn it into a campaign draft. Pure functions (no React):
 * which content mode an account's kind sends, validation with the shared zod schema, and the field
 * paths of errors (ours or main's) mapped onto the form.
 */
import type { i18n as I18n } from 'i18next';
import type { ProviderKind } from '../../../../shared/accounts.ts';
import { campaignDraftSchema, campaignTestSchema, type CampaignDraftInput } from '../../../../shared/campaigns.ts';
import type { SavedForm } from '../../../../shared/drafts.ts';
import { issueText, sentenceText } from '../../i18n/issue-text.ts';

export interface ParamRow {
  /** Stable React key. */
  key: number;
  name: string;
  value: string;
}

export interface ComposeForm {
  name: string;
  accountId: string | null;
  /** Free text (EIMS, GSM box). */
  body: string;
  /** EIMS sender id (blank: the account's). */
  sender: string;
  /** JSMS template. */
  tempId: string;
  signId: string;
  params: ParamRow[];
  listIds: string[];
  pasted: string;
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
  /** GSM box ports to use; empty means every available port. */
  ports: number[];
}

export type ContentMode = 'text' | 'template';

/** JSMS sends templates only; EIMS and the GSM box send free text. */
export function modeOf(kind: ProviderKind | undefined): ContentMode {
  return kind === 'jsms' ? 'template' : 'text';
}

export function emptyForm(): ComposeForm {
  return {
    name: '',
    accountId: null,
    body: '',
    sender: '',
    tempId: '',
    signId: '',
    params: [{ key: 1, name: '', value: '' }],
    listIds: [],
    pasted: '',
    quietEnabled: false,
    quietStart: '21:00',
    quietEnd: '08:00',
    ports: [],
  };
}

function numberOrNaN(text: string): number {
  return text.trim() === '' ? 0 : Number(text.trim());
}

/** The api input for `campaignPreview` / `campaignCreate` (without `confirmed`). */
export function toDraftInput(form: ComposeForm, kind: ProviderKind | undefined): CampaignDraftInput {
  const mode = modeOf(kind);
  const content: CampaignDraftInput['content'] =
    mode === 'template'
      ? {
          mode: 'template',
          tempId: numberOrNaN(form.tempId),
          params: Object.fromEntries(form.params.filter((p) => p.name.trim() !== '').map((p) => [p.name.trim(), p.value])),
          ...(form.signId.trim() !== '' ? { signId: numberOrNaN(form.signId) } : {}),
        }
      : { mode: 'text', body: form.body, ...(kind === 'eims' && form.sender.trim() !== '' ? { sender: form.sender.trim() } : {}) };
  return {
    name: form.name,
    accountId: form.accountId ?? '',
    content,
    recipients: { listIds: form.listIds, pasted: form.pasted },
    quietHours: form.quietEnabled ? { start: form.quietStart, end: form.quietEnd } : null,
    ...(kind === 'gsmbox' && form.ports.length > 0 ? { ports: form.ports } : {}),
  };
}

/**
 * Field path → sentence in the UI language; empty when the draft passes the shared schema (a test
 * send's schema lets the recipients be empty).
 */
export function validateDraft(input: CampaignDraftInput, i18n: I18n, purpose: 'send' | 'test' = 'send'): Record<string, string> {
  const parsed = (purpose === 'test' ? campaignTestSchema.shape.draft : campaignDraftSchema).safeParse(input);
  if (parsed.success) return {};
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issueText(i18n, issue);
  }
  return fields;
}

/** The form as a draft is saved (no React keys; quiet hours only when on). */
export function toSavedForm(form: ComposeForm): SavedForm {
  return {
    name: form.name,
    accountId: form.accountId,
    body: form.body,
    sender: form.sender,
    tempId: form.tempId,
    signId: form.signId,
    params: form.params.filter((p) => p.name !== '' || p.value !== '').map(({ name, value }) => ({ name, value })),
    listIds: form.listIds,
    pasted: form.pasted,
    quietHours: form.quietEnabled ? { start: form.quietStart, end: form.quietEnd } : null,
    ports: form.ports,
  };
}

/** A saved draft (or a duplicated campaign) back in the form. */
export function fromSavedForm(saved: SavedForm): ComposeForm {
  const base = emptyForm();
  const params = saved.params.map((p, i) => ({ key: i + 1, name: p.name, value: p.value }));
  return {
    ...base,
    name: saved.name,
    accountId: saved.accountId,
    body: saved.body,
    sender: saved.sender,
    tempId: saved.tempId,
    signId: saved.signId,
    params: params.length > 0 ? params : base.params,
    listIds: saved.listIds,
    pasted: saved.pasted,
    quietEnabled: saved.quietHours !== null,
    quietStart: saved.quietHours?.start ?? base.quietStart,
    quietEnd: saved.quietHours?.end ?? base.quietEnd,
    ports: saved.ports,
  };
}

/** Main's field errors (English sentences from the schemas) in the UI language. */
export function translateFields(fields: Record<string, string> | undefined, i18n: I18n): Record<string, string> {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [k, sentenceText(i18n, v)]));
}

/** The form fields that show their own error; anything else is listed in the alert. */
export const FIELD_PATHS = [
  'name',
  'accountId',
  'content.body',
  'content.sender',
  'content.tempId',
  'content.signId',
  'content.params',
  'recipients.listIds',
  'recipients.pasted',
  'quietHours.start',
  'quietHours.end',
  'ports',
] as const;
export type FieldPath = (typeof FIELD_PATHS)[number];

/** The error for a form field: an exact path, or the first deeper one (`content.params.name` → params). */
export function fieldError(fields: Record<string, string>, path: FieldPath): string | undefined {
  if (fields[path] !== undefined) return fields[path];
  const deeper = Object.keys(fields).find((k) => k.startsWith(`${path}.`));
  if (deeper !== undefined) return fields[deeper];
  if (path === 'quietHours.end' && fields.quietHours !== undefined) return fields.quietHours;
  if (path === 'recipients.listIds' && fields.recipients !== undefined) return fields.recipients;
  return undefined;
}

/**
 * The parameter rows for a template just picked: one per parameter of its text, in order, keeping the
 * value already typed for a name; with no known parameters (a template not in the list) the rows stay.
 */
export function paramsForTemplate(rows: readonly ParamRow[], names: readonly string[]): ParamRow[] {
  if (names.length === 0) return [...rows];
  return names.map((name, i) => ({ key: i + 1, name, value: rows.find((r) => r.name.trim() === name)?.value ?? '' }));
}

/** Replaces the selection [start, end) of `text` with `insert` (what a variable chip does at the caret). */
export function insertAt(text: string, start: number, end: number, insert: string): { text: string; cursor: number } {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  return { text: text.slice(0, a) + insert + text.slice(b), cursor: a + insert.length };
}

export { countPastedNumbers } from '../../../../shared/phone/pasted-numbers.ts';
