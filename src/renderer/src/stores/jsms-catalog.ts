/**
 * Cache of the JSMS templates and signatures main knows, per account: the Templates screen and the
 * pickers of Compose and Schedules read it; `jsmsCatalogChanged` reloads an account's lists.
 */
import { create } from 'zustand';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import type { JsmsSignView, JsmsTemplateView } from '../../../shared/jsms-catalog.ts';
import type { MethodInput } from '../../../shared/api.ts';
import { getApi } from '../api.ts';
import { attempt, toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './load-status.ts';

export interface AccountCatalog {
  templates: JsmsTemplateView[];
  signs: JsmsSignView[];
  status: LoadStatus;
  error: AppErrorShape | null;
}

type TemplateFields = MethodInput<'jsmsTemplateCreate'>['fields'];
type SignFields = MethodInput<'jsmsSignCreate'>['fields'];

interface CatalogState {
  byAccount: Record<string, AccountCatalog>;
  /** Reads the account's lists from main (no call to JSMS). */
  load: (accountId: string) => Promise<void>;
  createTemplate: (accountId: string, fields: TemplateFields) => Promise<Result<JsmsTemplateView>>;
  addTemplate: (accountId: string, tempId: number) => Promise<Result<JsmsTemplateView>>;
  refreshTemplates: (accountId: string, tempId?: number) => Promise<Result<JsmsTemplateView[]>>;
  updateTemplate: (accountId: string, tempId: number, fields: TemplateFields) => Promise<Result<JsmsTemplateView>>;
  deleteTemplate: (accountId: string, tempId: number) => Promise<Result<{ tempId: number }>>;
  createSign: (accountId: string, fields: SignFields) => Promise<Result<JsmsSignView>>;
  addSign: (accountId: string, signId: number) => Promise<Result<JsmsSignView>>;
  refreshSigns: (accountId: string, signId?: number) => Promise<Result<JsmsSignView[]>>;
  updateSign: (accountId: string, signId: number, fields: SignFields) => Promise<Result<JsmsSignView>>;
  deleteSign: (accountId: string, signId: number) => Promise<Result<{ signId: number }>>;
}

const empty: AccountCatalog = { templates: [], signs: [], status: 'idle', error: null };

export const useJsmsCatalogStore = create<CatalogState>()((set, get) => {
  /** Runs a change, then reads the account's lists again (whatever the outcome: a refresh may have done part). */
  const change = async <T>(accountId: string, fn: () => Promise<T>): Promise<Result<T>> => {
    const r = await attempt(fn);
    await get().load(accountId);
    return r;
  };
  return {
    byAccount: {},
    load: async (accountId) => {
      set((s) => ({ byAccount: { ...s.byAccount, [accountId]: { ...(s.byAccount[accountId] ?? empty), status: s.byAccount[accountId]?.status === 'ready' ? 'ready' : 'loading' } } }));
      try {
        const [templates, signs] = await Promise.all([getApi().jsmsTemplatesList({ accountId }), getApi().jsmsSignsList({ accountId })]);
        set((s) => ({ byAccount: { ...s.byAccount, [accountId]: { templates, signs, status: 'ready', error: null } } }));
      } catch (err) {
        set((s) => ({ byAccount: { ...s.byAccount, [accountId]: { ...(s.byAccount[accountId] ?? empty), status: 'error', error: toErrorShape(err) } } }));
      }
    },
    createTemplate: (accountId, fields) => change(accountId, () => getApi().jsmsTemplateCreate({ accountId, fields })),
    addTemplate: (accountId, tempId) => change(accountId, () => getApi().jsmsTemplateAdd({ accountId, tempId })),
    refreshTemplates: (accountId, tempId) => change(accountId, () => getApi().jsmsTemplateRefresh({ accountId, tempId })),
    updateTemplate: (accountId, tempId, fields) => change(accountId, () => getApi().jsmsTemplateUpdate({ accountId, tempId, fields })),
    deleteTemplate: (accountId, tempId) => change(accountId, () => getApi().jsmsTemplateDelete({ accountId, tempId })),
    createSign: (accountId, fields) => change(accountId, () => getApi().jsmsSignCreate({ accountId, fields })),
    addSign: (accountId, signId) => change(accountId, () => getApi().jsmsSignAdd({ accountId, signId })),
    refreshSigns: (accountId, signId) => change(accountId, () => getApi().jsmsSignRefresh({ accountId, signId })),
    updateSign: (accountId, signId, fields) => change(accountId, () => getApi().jsmsSignUpdate({ accountId, signId, fields })),
    deleteSign: (accountId, signId) => change(accountId, () => getApi().jsmsSignDelete({ accountId, signId })),
  };
});

/** The account's catalog (empty until loaded). */
export function useAccountCatalog(accountId: string | null | undefined): AccountCatalog {
  return useJsmsCatalogStore((s) => (accountId ? (s.byAccount[accountId] ?? empty) : empty));
}

/** Keeps loaded accounts' lists current (review results pushed by JSMS, other windows). */
export function connectCatalogUpdates(): () => void {
  return getApi().on('jsmsCatalogChanged', ({ accountId }) => {
    if (useJsmsCatalogStore.getState().byAccount[accountId]) void useJsmsCatalogStore.getState().load(accountId);
  });
}
