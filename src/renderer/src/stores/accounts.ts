/**
 * Cache of main's provider accounts (config + which secrets are set; never secret values).
 * Actions call the api and update the cache from the answer; `accountsChanged` events trigger a reload
 * so changes made elsewhere show up too.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { AccountView, SecretsProtection } from '../../../shared/accounts.ts';
import type { MethodInput } from '../../../shared/api.ts';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import { getApi } from '../api.ts';
import { toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './load-status.ts';

export type AccountCreateInput = MethodInput<'accountsCreate'>;
export type AccountUpdateInput = MethodInput<'accountsUpdate'>;

interface AccountsState {
  accounts: AccountView[];
  status: LoadStatus;
  error: AppErrorShape | null;
  load: () => Promise<void>;
  create: (input: AccountCreateInput) => Promise<Result<AccountView>>;
  update: (input: AccountUpdateInput) => Promise<Result<AccountView>>;
  remove: (id: string) => Promise<Result<{ id: string }>>;
  /** How main keeps secrets at rest (null until loaded, or when it could not say). */
  protection: SecretsProtection | null;
  loadProtection: () => Promise<void>;
  /** The user agreed, in the dialog that states the risk, to weak protection. */
  allowWeakStorage: () => Promise<Result<SecretsProtection>>;
}

let loadSeq = 0;

function upsert(list: AccountView[], account: AccountView): AccountView[] {
  const at = list.findIndex((a) => a.id === account.id);
  if (at === -1) return [...list, account];
  const next = list.slice();
  next[at] = account;
  return next;
}

export const useAccountsStore = create<AccountsState>()((set, get) => ({
  accounts: [],
  status: 'idle',
  error: null,
  load: async () => {
    const seq = ++loadSeq;
    if (get().status !== 'ready') set({ status: 'loading' });
    try {
      const accounts = await getApi().accountsList();
      if (seq === loadSeq) set({ accounts, status: 'ready', error: null });
    } catch (err) {
      if (seq === loadSeq) set({ status: 'error', error: toErrorShape(err) });
    }
  },
  create: async (input) => {
    try {
      const account = await getApi().accountsCreate(input);
      loadSeq++;
      set((s) => ({ accounts: upsert(s.accounts, account) }));
      return { ok: true, value: account };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  },
  update: async (input) => {
    try {
      const account = await getApi().accountsUpdate(input);
      loadSeq++;
      set((s) => ({ accounts: upsert(s.accounts, account) }));
      return { ok: true, value: account };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  },
  protection: null,
  loadProtection: async () => {
    try {
      set({ protection: await getApi().secretsProtection() });
    } catch {
      set({ protection: null });
    }
  },
  allowWeakStorage: async () => {
    try {
      const protection = await getApi().secretsAllowWeakStorage({ understood: true });
      set({ protection });
      return { ok: true, value: protection };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  },
  remove: async (id) => {
    try {
      const value = await getApi().accountsDelete({ id });
      loadSeq++;
      set((s) => ({ accounts: s.accounts.filter((a) => a.id !== id) }));
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  },
}));

export function useAccount(id: string | null): AccountView | undefined {
  return useAccountsStore((s) => (id ? s.accounts.find((a) => a.id === id) : undefined));
}

/** For screens that show the accounts: loads them when mounted and offers a reload. */
export function useAccountsList() {
  const accounts = useAccountsStore((s) => s.accounts);
  const status = useAccountsStore((s) => s.status);
  const error = useAccountsStore((s) => s.error);
  const load = useAccountsStore((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  return { accounts, status, error, reload: load };
}
