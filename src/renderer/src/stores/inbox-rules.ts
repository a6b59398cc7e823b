/** Cache of the inbox's keyword rules (per account) and the opt-out keywords shown as built-in rules. */
import { create } from 'zustand';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import type { InboxRuleView } from '../../../shared/inbox-rules.ts';
import { getApi } from '../api.ts';
import { attempt, toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './load-status.ts';

/** A rule as the form edits it (no id: a new rule). */
export interface RuleDraft {
  id?: string;
  accountId: string;
  keyword: string;
  replyText: string | null;
  listId: string | null;
  enabled: boolean;
}

interface InboxRulesState {
  rules: InboxRuleView[];
  optOutKeywords: string[];
  status: LoadStatus;
  error: AppErrorShape | null;
  load: () => Promise<void>;
  save: (draft: RuleDraft) => Promise<Result<InboxRuleView>>;
  remove: (id: string) => Promise<Result<{ deleted: true }>>;
}


export const useInboxRulesStore = create<InboxRulesState>()((set, get) => ({
  rules: [],
  optOutKeywords: [],
  status: 'idle',
  error: null,
  load: async () => {
    if (get().status !== 'ready') set({ status: 'loading' });
    try {
      const v = await getApi().inboxRules();
      set({ rules: v.rules, optOutKeywords: v.optOutKeywords, status: 'ready', error: null });
    } catch (err) {
      set({ status: 'error', error: toErrorShape(err) });
    }
  },
  save: async (draft) => {
    const r = await attempt(() => getApi().inboxRuleSave(draft));
    if (r.ok) void get().load();
    return r;
  },
  remove: async (id) => {
    const r = await attempt(() => getApi().inboxRuleDelete({ id }));
    if (r.ok) set((s) => ({ rules: s.rules.filter((x) => x.id !== id) }));
    return r;
  },
}));
