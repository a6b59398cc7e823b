/**
 * The import wizard's state: the uploaded file (kept in main by `importId`), the options the user
 * picked, the preview main computed, progress events, and the commit's outcome.
 * Every option change re-runs the analysis in main; nothing is written until `commit`.
 */
import { create } from 'zustand';
import { MAX_UPLOAD_BYTES, type ExportFormat, type ImportCommitSummary } from '../../../shared/contact-lists.ts';
import type { ImportOptionsInput, ImportPreview } from '../../../shared/contacts.ts';
import type { ImportProgressPhase } from '../../../shared/contract/contacts.ts';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import { getApi } from '../api.ts';
import { uploadFile } from '../files/upload-file.ts';
import { saveDownload } from '../files/save-download.ts';
import { toErrorShape } from './error-shape.ts';
import { useContactsStore } from './contacts.ts';

export type ImportTarget = { listId: string } | { newListName: string };

export interface ImportProgressView {
  phase: ImportProgressPhase;
  done: number;
  total?: number;
}

type Busy = 'upload' | 'analyse' | 'commit' | null;

interface ImportState {
  fileName: string | null;
  fileSize: number;
  importId: string | null;
  /** Sheet names of a workbook, known from the upload even when an analysis fails. */
  sheets: string[];
  options: ImportOptionsInput;
  preview: ImportPreview | null;
  busy: Busy;
  progress: ImportProgressView | null;
  error: AppErrorShape | null;
  summary: ImportCommitSummary | null;

  chooseFile: (file: File, region: string) => Promise<void>;
  /** Changes options and analyses again (e.g. another sheet or phone column). */
  setOptions: (patch: Partial<ImportOptionsInput>) => Promise<void>;
  commit: (target: ImportTarget, skipOptedOut: boolean) => Promise<Result<ImportCommitSummary>>;
  /** Stops a running analysis and forgets the upload in main. */
  cancel: () => Promise<void>;
  reset: () => Promise<void>;
  exportRejects: (format: ExportFormat) => Promise<Result<{ rows: number }>>;
}

const initial = {
  fileName: null,
  fileSize: 0,
  importId: null,
  sheets: [],
  options: {},
  preview: null,
  busy: null,
  progress: null,
  error: null,
  summary: null,
} satisfies Partial<ImportState>;

let analyseSeq = 0;

export const useImportStore = create<ImportState>()((set, get) => {
  const analyse = async () => {
    const { importId, options } = get();
    if (importId === null) return;
    const seq = ++analyseSeq;
    set({ busy: 'analyse', error: null, progress: null });
    try {
      const preview = await getApi().importAnalyse({ importId, options: { ...options, previewRows: 100 } });
      if (seq === analyseSeq) set({ preview, busy: null, progress: null });
    } catch (err) {
      if (seq === analyseSeq) set({ busy: null, progress: null, preview: null, error: toErrorShape(err) });
    }
  };

  return {
    ...initial,

    chooseFile: async (file, region) => {
      const previous = get().importId;
      if (previous !== null) void getApi().importCancel({ importId: previous }).catch(() => undefined);
      set({ ...initial, fileName: file.name, fileSize: file.size, options: { region } });
      if (file.size === 0) {
        set({ error: { code: 'CONTACTS_FILE_EMPTY', message: `“${file.name}” is empty. Choose a file with phone numbers in it.` } });
        return;
      }
      if (file.size > MAX_UPLOAD_BYTES) {
        set({
          error: {
            code: 'CONTACTS_FILE_TOO_LARGE',
            message: `“${file.name}” is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB. Split it into smaller files, or save it as CSV, and import each part.`,
          },
        });
        return;
      }
      set({ busy: 'upload', progress: { phase: 'upload', done: 0, total: file.size } });
      try {
        const uploadId = await uploadFile(file, (done, total) => set({ progress: { phase: 'upload', done, total } }));
        const opened = await getApi().importOpen({ fileName: file.name, uploadId });
        if (get().fileName !== file.name) return; // another file was chosen meanwhile
        set({ importId: opened.importId, sheets: opened.sheets });
      } catch (err) {
        set({ busy: null, progress: null, error: toErrorShape(err) });
        return;
      }
      await analyse();
    },

    setOptions: async (patch) => {
      set((s) => ({ options: { ...s.options, ...patch } }));
      await analyse();
    },

    commit: async (target, skipOptedOut) => {
      const { importId } = get();
      if (importId === null) return { ok: false, error: { code: 'CONTACTS_IMPORT_NOT_FOUND', message: 'Choose a file first.' } };
      set({ busy: 'commit', error: null, progress: { phase: 'commit', done: 0, total: get().preview?.counts.valid } });
      try {
        const summary = await getApi().importCommit({ importId, target, skipOptedOut });
        set({ busy: null, progress: null, summary, importId: null });
        void useContactsStore.getState().loadLists();
        return { ok: true, value: summary };
      } catch (err) {
        const error = toErrorShape(err);
        set({ busy: null, progress: null, error });
        return { ok: false, error };
      }
    },

    cancel: async () => {
      const { importId } = get();
      analyseSeq++;
      set({ ...initial });
      if (importId !== null) await getApi().importCancel({ importId }).catch(() => undefined);
    },

    reset: async () => {
      await get().cancel();
    },

    exportRejects: async (format) => {
      const { importId } = get();
      if (importId === null) return { ok: false, error: { code: 'CONTACTS_IMPORT_NOT_FOUND', message: 'Choose a file first.' } };
      try {
        const file = await getApi().importRejectsExport({ importId, format });
        saveDownload(file);
        return { ok: true, value: { rows: file.rows } };
      } catch (err) {
        return { ok: false, error: toErrorShape(err) };
      }
    },
  };
});

/** Feeds main's progress events for the current import into the wizard. */
export function connectImportProgress(): () => void {
  return getApi().on('importProgress', ({ importId, phase, done, total }) => {
    const s = useImportStore.getState();
    if (s.importId !== importId || s.busy === null) return;
    useImportStore.setState({ progress: { phase, done, total } });
  });
}
