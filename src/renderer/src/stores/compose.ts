/**
 * The campaign being composed: the form (kept across navigation), the pre-send summary main computed
 * for it, and the variables the chosen lists offer. `review` asks main for the summary; `send` creates
 * the campaign with `confirmed: true` — only for the exact draft that was reviewed.
 */
import { create } from 'zustand';
import type { ProviderKind } from '../../../shared/accounts.ts';
import type { CampaignDraftInput, CampaignPreview, CampaignView } from '../../../shared/campaigns.ts';
import { RESERVED_VARIABLES } from '../../../shared/contacts.ts';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import { getApi } from '../api.ts';
import { i18next } from '../i18n/index.ts';
import type { DraftView, SavedForm } from '../../../shared/drafts.ts';
import { emptyForm, fromSavedForm, toDraftInput, toSavedForm, translateFields, validateDraft, type ComposeForm } from '../screens/compose/compose-model.ts';
import { attempt, toErrorShape } from './error-shape.ts';

/** Contacts read per list to learn its variable names (a list's rows share them). */
const VARIABLE_SAMPLE_ROWS = 50;

export type ComposeBusy = 'review' | 'send' | null;

interface ComposeState {
  form: ComposeForm;
  /** Field path → sentence (UI language), from our validation or main's. */
  fieldErrors: Record<string, string>;
  /** An error that is not about one field (or main's sentence for the whole input). */
  error: AppErrorShape | null;
  busy: ComposeBusy;
  preview: CampaignPreview | null;
  /** The draft the summary was computed for (JSON): sending needs the same draft. */
  previewKey: string | null;
  /** Variable names per list id (loaded on demand). */
  listVariables: Record<string, string[]>;
  /** The saved draft this form was opened from or last saved as (null: not saved). */
  draftId: string | null;
  /** The form as last saved (JSON), to tell whether it changed since. */
  savedKey: string | null;

  patch: (next: Partial<ComposeForm>) => void;
  /** Review: validate here, then ask main for the pre-send summary. */
  review: (kind: ProviderKind | undefined) => Promise<Result<CampaignPreview>>;
  /** Create the reviewed campaign (confirmed) and start sending. */
  send: (kind: ProviderKind | undefined) => Promise<Result<CampaignView>>;
  loadListVariables: (listId: string) => Promise<void>;
  /** Back to an empty form (after sending, or "start over"). */
  reset: () => void;
  /** Saves the form as a draft (a new one, or the one it came from). */
  saveDraft: () => Promise<Result<DraftView>>;
  /** Opens a saved draft (with its id) or a duplicated campaign (no id: a new, unsaved form). */
  loadSaved: (form: SavedForm, draftId: string | null) => void;
}

/** Which error paths an edit of each form field makes stale. */
const CLEARS: Record<keyof ComposeForm, string[]> = {
  name: ['name'],
  accountId: ['accountId', 'content', 'ports'],
  body: ['content.body'],
  sender: ['content.sender'],
  tempId: ['content.tempId'],
  signId: ['content.signId'],
  params: ['content.params'],
  listIds: ['recipients'],
  pasted: ['recipients'],
  quietEnabled: ['quietHours'],
  quietStart: ['quietHours'],
  quietEnd: ['quietHours'],
  ports: ['ports'],
};

function keyOf(input: CampaignDraftInput): string {
  return JSON.stringify(input);
}

function failed(error: AppErrorShape, set: (s: Partial<ComposeState>) => void): { ok: false; error: AppErrorShape } {
  set({ busy: null, error, fieldErrors: translateFields(error.fields, i18next) });
  return { ok: false, error };
}

export const useComposeStore = create<ComposeState>()((set, get) => ({
  form: emptyForm(),
  fieldErrors: {},
  error: null,
  busy: null,
  preview: null,
  previewKey: null,
  listVariables: {},
  draftId: null,
  savedKey: null,

  patch: (next) =>
    set((s) => {
      // An edited field's old error goes away; the others stay until the next review.
      const prefixes = Object.keys(next).flatMap((k) => CLEARS[k as keyof ComposeForm]);
      const fieldErrors = Object.fromEntries(Object.entries(s.fieldErrors).filter(([path]) => !prefixes.some((p) => path === p || path.startsWith(`${p}.`))));
      return { form: { ...s.form, ...next }, fieldErrors };
    }),

  review: async (kind) => {
    const input = toDraftInput(get().form, kind);
    const local = validateDraft(input, i18next);
    if (Object.keys(local).length > 0) {
      set({ fieldErrors: local, error: null, preview: null, previewKey: null });
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Check the highlighted fields.', fields: local } };
    }
    set({ busy: 'review', error: null, fieldErrors: {} });
    try {
      const preview = await getApi().campaignPreview(input);
      set({ busy: null, preview, previewKey: keyOf(input) });
      return { ok: true, value: preview };
    } catch (err) {
      set({ preview: null, previewKey: null });
      return failed(toErrorShape(err), set);
    }
  },

  send: async (kind) => {
    const input = toDraftInput(get().form, kind);
    if (get().previewKey !== keyOf(input)) {
      const error: AppErrorShape = { code: 'NOT_REVIEWED', message: 'The draft changed after the review. Review it again before sending.' };
      set({ error });
      return { ok: false, error };
    }
    set({ busy: 'send', error: null });
    try {
      const campaign = await getApi().campaignCreate({ ...input, confirmed: true });
      // A draft that was sent is done: it leaves the list of drafts (the campaign can be duplicated).
      const sentDraft = get().draftId;
      if (sentDraft !== null) await attempt(() => getApi().draftDelete({ id: sentDraft }));
      set({ busy: null, form: emptyForm(), preview: null, previewKey: null, fieldErrors: {}, error: null, draftId: null, savedKey: null });
      return { ok: true, value: campaign };
    } catch (err) {
      return failed(toErrorShape(err), set);
    }
  },

  loadListVariables: async (listId) => {
    if (get().listVariables[listId] !== undefined) return;
    try {
      const page = await getApi().contactsSearch({ listId, query: '', offset: 0, limit: VARIABLE_SAMPLE_ROWS });
      const names: string[] = [];
      for (const row of page.rows) for (const k of Object.keys(row.vars)) if (!names.includes(k) && !RESERVED_VARIABLES.includes(k)) names.push(k);
      set((s) => ({ listVariables: { ...s.listVariables, [listId]: names } }));
    } catch {
      // Chips are a convenience: without them the user can still type {name}.
    }
  },

  reset: () => set({ form: emptyForm(), fieldErrors: {}, error: null, busy: null, preview: null, previewKey: null, draftId: null, savedKey: null }),

  saveDraft: async () => {
    const form = toSavedForm(get().form);
    const id = get().draftId ?? undefined;
    const r = await attempt(() => getApi().draftSave({ id, form }));
    if (r.ok) set({ draftId: r.value.id, savedKey: JSON.stringify(form) });
    return r;
  },

  loadSaved: (saved, draftId) =>
    set({
      form: fromSavedForm(saved),
      fieldErrors: {},
      error: null,
      busy: null,
      preview: null,
      previewKey: null,
      draftId,
      savedKey: draftId === null ? null : JSON.stringify(saved),
    }),
}));

/** Whether the form differs from the draft it was last saved as (true when never saved). */
export function useDraftUnsaved(): boolean {
  return useComposeStore((s) => s.savedKey !== JSON.stringify(toSavedForm(s.form)));
}

/** Whether the summary on screen belongs to the form as it is now. */
export function usePreviewIsCurrent(kind: ProviderKind | undefined): boolean {
  return useComposeStore((s) => s.preview !== null && s.previewKey === keyOf(toDraftInput(s.form, kind)));
}
