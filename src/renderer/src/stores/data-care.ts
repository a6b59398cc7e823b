/**
 * Data care in Settings: sending on/off for everything, the logs folder, backup and restore, the audit
 * log. A cache of main's answers; components call these actions, never window.api.
 */
import { create } from 'zustand';
import type { AuditPage, LogsFolder, RestoreResult, SendingStatus } from '../../../shared/desktop.ts';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import { getApi } from '../api.ts';
import { saveDownload } from '../files/save-download.ts';
import { uploadFile } from '../files/upload-file.ts';
import { toErrorShape } from './error-shape.ts';

const AUDIT_PAGE = 50;

interface DataCareState {
  mode: 'desktop' | 'headless' | null;
  sending: SendingStatus | null;
  audit: AuditPage | null;
  auditOffset: number;
  auditError: AppErrorShape | null;
  busy: 'pause' | 'backup' | 'restore' | 'logs' | 'export' | null;
  load: () => Promise<void>;
  loadAudit: (offset?: number) => Promise<void>;
  toggleSending: () => Promise<Result<SendingStatus>>;
  openLogs: () => Promise<Result<LogsFolder>>;
  backup: () => Promise<Result<string>>;
  /** `receiver`: which receiver settings to restore, once main has shown that the backup's listen wider. */
  restore: (file: File, receiver?: 'backup' | 'current') => Promise<Result<RestoreResult>>;
  exportAudit: (format: 'csv' | 'xlsx') => Promise<Result<string>>;
}

async function attempt<T>(set: (s: Partial<DataCareState>) => void, busy: DataCareState['busy'], run: () => Promise<T>): Promise<Result<T>> {
  set({ busy });
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    return { ok: false, error: toErrorShape(err) };
  } finally {
    set({ busy: null });
  }
}

export const useDataCareStore = create<DataCareState>()((set, get) => ({
  mode: null,
  sending: null,
  audit: null,
  auditOffset: 0,
  auditError: null,
  busy: null,
  load: async () => {
    const api = getApi();
    const [info, sending] = await Promise.allSettled([api.appInfo(), api.sendingStatus()]);
    set({ mode: info.status === 'fulfilled' ? info.value.mode : null, sending: sending.status === 'fulfilled' ? sending.value : null });
  },
  loadAudit: async (offset = get().auditOffset) => {
    try {
      const audit = await getApi().auditList({ offset, limit: AUDIT_PAGE });
      set({ audit, auditOffset: offset, auditError: null });
    } catch (err) {
      set({ auditError: toErrorShape(err) });
    }
  },
  toggleSending: () =>
    attempt(set, 'pause', async () => {
      const api = getApi();
      const r = get().sending?.pausedAll ? await api.campaignsResumeAll() : await api.campaignsPauseAll();
      set({ sending: r.status });
      void get().loadAudit(0);
      return r.status;
    }),
  openLogs: () => attempt(set, 'logs', () => getApi().logsOpenFolder()),
  backup: () =>
    attempt(set, 'backup', async () => {
      const file = await getApi().backupCreate();
      saveDownload(file);
      void get().loadAudit(0);
      return file.fileName;
    }),
  restore: (file, receiver) =>
    attempt(set, 'restore', async () => {
      const uploadId = await uploadFile(file);
      const r = await getApi().backupRestore({ fileName: file.name, uploadId, ...(receiver ? { receiver } : {}) });
      if (r.status === 'staged') void get().loadAudit(0);
      return r;
    }),
  exportAudit: (format) =>
    attempt(set, 'export', async () => {
      const file = await getApi().auditExport({ format });
      saveDownload(file);
      return file.fileName;
    }),
}));

export const AUDIT_PAGE_SIZE = AUDIT_PAGE;
