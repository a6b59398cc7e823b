/**
 * "Send a test to me" from Compose: the draft's first recipient's message, sent to the user's own number
 * (remembered by main in the settings). Not a campaign: the test's one-message send is followed here —
 * its state arrives with `campaignProgress` — so Compose can say what became of it.
 */
import { create } from 'zustand';
import type { ProviderKind } from '../../../shared/accounts.ts';
import type { CampaignProgressEvent, CampaignView, MessageRow, TestSendView } from '../../../shared/campaigns.ts';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import { getApi } from '../api.ts';
import { i18next } from '../i18n/index.ts';
import { toDraftInput, translateFields, validateDraft, type ComposeForm } from '../screens/compose/compose-model.ts';
import { attempt } from './error-shape.ts';

interface ComposeTestState {
  busy: boolean;
  error: AppErrorShape | null;
  fieldErrors: Record<string, string>;
  /** The last test sent, with its send as it stands now. */
  sent: TestSendView | null;
  /** Its message once it failed or expired (with the provider's reason). */
  failure: MessageRow | null;
  send: (form: ComposeForm, kind: ProviderKind | undefined, number: string) => Promise<Result<TestSendView>>;
  reset: () => void;
}

let stopFollowing: (() => void) | null = null;

function follow(id: string, set: (fn: (s: ComposeTestState) => Partial<ComposeTestState>) => void): void {
  stopFollowing?.();
  const apply = (c: Pick<CampaignView, 'state' | 'counts' | 'lastError'>) => {
    set((s) => (s.sent?.campaign.id === id ? { sent: { ...s.sent, campaign: { ...s.sent.campaign, state: c.state, counts: c.counts, lastError: c.lastError } } } : {}));
    if (c.counts.failed + c.counts.expired > 0) {
      void attempt(() => getApi().campaignMessages({ id, limit: 1 })).then((r) => r.ok && set((s) => (s.sent?.campaign.id === id ? { failure: r.value.rows[0] ?? null } : {})));
    }
  };
  stopFollowing = getApi().on('campaignProgress', (e: CampaignProgressEvent) => {
    if (e.id === id) apply(e);
  });
  // A report may have come before the subscription: read it once.
  void attempt(() => getApi().campaignGet({ id })).then((r) => r.ok && apply(r.value));
}

export const useComposeTestStore = create<ComposeTestState>()((set) => ({
  busy: false,
  error: null,
  fieldErrors: {},
  sent: null,
  failure: null,
  send: async (form, kind, number) => {
    const draft = toDraftInput(form, kind);
    const local = validateDraft(draft, i18next, 'test');
    if (Object.keys(local).length > 0) {
      const error = { code: 'INVALID_INPUT', message: 'Check the highlighted fields.', fields: local };
      set({ fieldErrors: local, error });
      return { ok: false, error };
    }
    set({ busy: true, error: null, fieldErrors: {}, failure: null });
    const r = await attempt(() => getApi().campaignTest({ draft, number }));
    if (r.ok) {
      set({ busy: false, sent: r.value });
      follow(r.value.campaign.id, set);
    } else set({ busy: false, error: r.error, fieldErrors: translateFields(r.error.fields, i18next) });
    return r;
  },
  reset: () => {
    stopFollowing?.();
    stopFollowing = null;
    set({ busy: false, error: null, fieldErrors: {}, sent: null, failure: null });
  },
}));
