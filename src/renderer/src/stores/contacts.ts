/**
 * Cache of main's contact lists, the contacts being browsed (paged on demand for the virtualised
 * table) and the opt-out list. Actions call the api; `listsChanged` / `optOutsChanged` events reload.
 */
import { create } from 'zustand';
import type { ContactRow, ExportFormat, ListView, OptOutView } from '../../../shared/contact-lists.ts';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import { getApi } from '../api.ts';
import { uploadFile } from '../files/upload-file.ts';
import { saveDownload } from '../files/save-download.ts';
import { toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './settings.ts';

export const PAGE_SIZE = 200;

export interface BrowseState {
  listId: string | null;
  query: string;
  total: number;
  /** Loaded rows by index; the virtualised table asks for the pages it shows. */
  rows: Record<number, ContactRow>;
  status: LoadStatus;
  error: AppErrorShape | null;
}

export interface OptOutState {
  query: string;
  rows: OptOutView[];
  total: number;
  status: LoadStatus;
  error: AppErrorShape | null;
}

interface ContactsState {
  lists: ListView[];
  listsStatus: LoadStatus;
  listsError: AppErrorShape | null;
  browse: BrowseState;
  optOuts: OptOutState;

  loadLists: () => Promise<void>;
  createList: (name: string) => Promise<Result<ListView>>;
  renameList: (id: string, name: string) => Promise<Result<ListView>>;
  deleteList: (id: string) => Promise<Result<{ id: string }>>;
  mergeLists: (sourceIds: string[], targetId: string, deleteSources: boolean) => Promise<Result<ListView>>;
  exportList: (id: string, format: ExportFormat) => Promise<Result<{ rows: number }>>;

  browseTo: (listId: string | null, query: string) => Promise<void>;
  /** Makes sure rows [start, end) are loaded. */
  ensureRows: (start: number, end: number) => Promise<void>;
  refreshBrowse: () => Promise<void>;
  updateContact: (id: number, vars: Record<string, string>, tags?: string[]) => Promise<Result<ContactRow>>;
  /** Adds one number typed in by hand to the list being browsed. */
  addContact: (number: string, vars: Record<string, string>, tags: string[]) => Promise<Result<ContactRow>>;
  removeFromList: (ids: number[]) => Promise<Result<{ removed: number }>>;

  loadOptOuts: (query?: string) => Promise<void>;
  addOptOuts: (numbers: string[], note: string, region: string) => Promise<Result<{ added: number; alreadyListed: number }>>;
  removeOptOuts: (numbers: string[]) => Promise<Result<{ removed: number }>>;
  importOptOuts: (file: File, region: string) => Promise<Result<{ added: number; alreadyListed: number; invalid: number }>>;
  exportOptOuts: (format: ExportFormat) => Promise<Result<{ rows: number }>>;
}

const emptyBrowse: BrowseState = { listId: null, query: '', total: 0, rows: {}, status: 'idle', error: null };

let listsSeq = 0;
let browseGen = 0;
const pending = new Set<string>();
let optSeq = 0;

async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: toErrorShape(err) };
  }
}

export const useContactsStore = create<ContactsState>()((set, get) => {
  const fetchPage = async (page: number, gen: number) => {
    const { listId, query } = get().browse;
    const key = `${gen}:${page}`;
    if (pending.has(key)) return;
    pending.add(key);
    try {
      const res = await getApi().contactsSearch({ query, listId: listId ?? undefined, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (gen !== browseGen) return;
      set((s) => {
        const rows = { ...s.browse.rows };
        res.rows.forEach((r, i) => (rows[res.offset + i] = r));
        return { browse: { ...s.browse, rows, total: res.total, status: 'ready', error: null } };
      });
    } catch (err) {
      if (gen === browseGen) set((s) => ({ browse: { ...s.browse, status: 'error', error: toErrorShape(err) } }));
    } finally {
      pending.delete(key);
    }
  };

  return {
    lists: [],
    listsStatus: 'idle',
    listsError: null,
    browse: emptyBrowse,
    optOuts: { query: '', rows: [], total: 0, status: 'idle', error: null },

    loadLists: async () => {
      const seq = ++listsSeq;
      if (get().listsStatus !== 'ready') set({ listsStatus: 'loading' });
      try {
        const lists = await getApi().listsList();
        if (seq === listsSeq) set({ lists, listsStatus: 'ready', listsError: null });
      } catch (err) {
        if (seq === listsSeq) set({ listsStatus: 'error', listsError: toErrorShape(err) });
      }
    },
    createList: async (name) => {
      const r = await attempt(() => getApi().listsCreate({ name }));
      if (r.ok) await get().loadLists();
      return r;
    },
    renameList: async (id, name) => {
      const r = await attempt(() => getApi().listsRename({ id, name }));
      if (r.ok) await get().loadLists();
      return r;
    },
    deleteList: async (id) => {
      const r = await attempt(() => getApi().listsDelete({ id }));
      if (r.ok) {
        await get().loadLists();
        if (get().browse.listId === id) await get().browseTo(null, '');
      }
      return r;
    },
    mergeLists: async (sourceIds, targetId, deleteSources) => {
      const r = await attempt(() => getApi().listsMerge({ sourceIds, targetId, deleteSources }));
      if (r.ok) await get().loadLists();
      return r;
    },
    exportList: (id, format) =>
      attempt(async () => {
        const file = await getApi().listsExport({ id, format });
        saveDownload(file);
        return { rows: file.rows };
      }),

    browseTo: async (listId, query) => {
      const gen = ++browseGen;
      set({ browse: { ...emptyBrowse, listId, query, status: 'loading' } });
      await fetchPage(0, gen);
    },
    ensureRows: async (start, end) => {
      const { browse } = get();
      if (browse.status === 'loading' || browse.status === 'idle') return;
      const gen = browseGen;
      const last = Math.min(end, browse.total) - 1;
      const jobs: Promise<void>[] = [];
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (get().browse.rows[page * PAGE_SIZE] === undefined) jobs.push(fetchPage(page, gen));
      }
      await Promise.all(jobs);
    },
    refreshBrowse: async () => {
      const { listId, query } = get().browse;
      await get().browseTo(listId, query);
    },
    addContact: async (number, vars, tags) => {
      const listId = get().browse.listId;
      if (listId === null) return { ok: false, error: { code: 'RENDERER', message: 'Choose a list first.' } };
      const r = await attempt(() => getApi().contactsAdd({ listId, number, vars, tags }));
      if (r.ok) await Promise.all([get().refreshBrowse(), get().loadLists()]);
      return r;
    },
    updateContact: async (id, vars, tags) => {
      const listId = get().browse.listId ?? undefined;
      const r = await attempt(() => getApi().contactsUpdate({ id, listId, vars, tags }));
      if (r.ok) {
        set((s) => {
          const rows = { ...s.browse.rows };
          for (const [i, row] of Object.entries(rows)) if (row.id === id) rows[Number(i)] = r.value;
          return { browse: { ...s.browse, rows } };
        });
      }
      return r;
    },
    removeFromList: async (ids) => {
      const listId = get().browse.listId;
      if (listId === null) return { ok: false, error: { code: 'RENDERER', message: 'Choose a list first.' } };
      const r = await attempt(() => getApi().contactsRemoveFromList({ listId, contactIds: ids }));
      if (r.ok) await get().refreshBrowse();
      return r;
    },

    loadOptOuts: async (query) => {
      const seq = ++optSeq;
      const q = query ?? get().optOuts.query;
      set((s) => ({ optOuts: { ...s.optOuts, query: q, status: s.optOuts.status === 'ready' ? 'ready' : 'loading' } }));
      try {
        const page = await getApi().optOutsList({ query: q, offset: 0, limit: 1000 });
        if (seq === optSeq) set({ optOuts: { query: q, rows: page.rows, total: page.total, status: 'ready', error: null } });
      } catch (err) {
        if (seq === optSeq) set((s) => ({ optOuts: { ...s.optOuts, status: 'error', error: toErrorShape(err) } }));
      }
    },
    addOptOuts: async (numbers, note, region) => {
      const r = await attempt(() => getApi().optOutsAdd({ numbers, note, region }));
      if (r.ok) await get().loadOptOuts();
      return r;
    },
    removeOptOuts: async (numbers) => {
      const r = await attempt(() => getApi().optOutsRemove({ numbers }));
      if (r.ok) await get().loadOptOuts();
      return r;
    },
    importOptOuts: async (file, region) => {
      const r = await attempt(async () => getApi().optOutsImport({ fileName: file.name, uploadId: await uploadFile(file), region }));
      if (r.ok) await get().loadOptOuts();
      return r;
    },
    exportOptOuts: (format) =>
      attempt(async () => {
        const file = await getApi().optOutsExport({ format });
        saveDownload(file);
        return { rows: file.rows };
      }),
  };
});

/** Keeps the cache current while the Contacts screen is open; returns the function that stops it. */
export function connectContactsUpdates(): () => void {
  const api = getApi();
  const stops = [
    api.on('listsChanged', ({ reason, id }) => {
      const s = useContactsStore.getState();
      void s.loadLists();
      const affectsBrowse = s.browse.listId === null || s.browse.listId === id;
      if (s.browse.status === 'ready' && affectsBrowse && (reason === 'imported' || reason === 'merged')) void s.refreshBrowse();
    }),
    api.on('optOutsChanged', () => {
      const s = useContactsStore.getState();
      void s.loadOptOuts();
      void s.loadLists();
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
