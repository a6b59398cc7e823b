/**
 * The last "Test connection" result per account (balances, ports, or the error), kept across
 * navigation. A failed check is a normal answer (`ok: false` with `error`); only a call that could not
 * be made at all (e.g. the account was deleted) becomes `failure`. Entries of deleted accounts are
 * dropped when the accounts list no longer has them.
 */
import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors.ts';
import type { ConnectionCheck } from '../../../shared/providers.ts';
import { getApi } from '../api.ts';
import { useAccountsStore } from './accounts.ts';
import { toErrorShape } from './error-shape.ts';

export interface CheckEntry {
  running: boolean;
  /** The last answer main gave (ok or not). */
  check: ConnectionCheck | null;
  /** The call itself failed (no answer to show). */
  failure: AppErrorShape | null;
}

interface ConnectionChecksState {
  byId: Record<string, CheckEntry>;
  test: (id: string) => Promise<void>;
  forget: (id: string) => void;
  /** Keeps only entries whose account still exists. */
  prune: (ids: readonly string[]) => void;
}

const EMPTY: CheckEntry = { running: false, check: null, failure: null };
/** Per account, which call is the latest, so an older slow answer cannot overwrite a newer one. */
const seqs = new Map<string, number>();

export const useConnectionChecksStore = create<ConnectionChecksState>()((set, get) => {
  const patch = (id: string, next: Partial<CheckEntry>) =>
    set((s) => ({ byId: { ...s.byId, [id]: { ...(s.byId[id] ?? EMPTY), ...next } } }));

  return {
    byId: {},
    test: async (id) => {
      const seq = (seqs.get(id) ?? 0) + 1;
      seqs.set(id, seq);
      patch(id, { running: true });
      try {
        const check = await getApi().accountsTest({ id });
        if (seqs.get(id) === seq && get().byId[id]) patch(id, { running: false, check, failure: null });
      } catch (err) {
        if (seqs.get(id) === seq && get().byId[id]) patch(id, { running: false, failure: toErrorShape(err) });
      }
    },
    forget: (id) => {
      seqs.delete(id);
      set((s) => {
        if (!(id in s.byId)) return s;
        const byId = { ...s.byId };
        delete byId[id];
        return { byId };
      });
    },
    prune: (ids) => {
      const keep = new Set(ids);
      const stale = Object.keys(get().byId).filter((id) => !keep.has(id));
      for (const id of stale) get().forget(id);
    },
  };
});

// Deleted accounts lose their results: follow the accounts cache (fed by actions and `accountsChanged`).
useAccountsStore.subscribe((state, previous) => {
  if (state.accounts === previous.accounts || state.status !== 'ready') return;
  useConnectionChecksStore.getState().prune(state.accounts.map((a) => a.id));
});

export function useConnectionCheck(id: string): CheckEntry {
  return useConnectionChecksStore((s) => s.byId[id] ?? EMPTY);
}
