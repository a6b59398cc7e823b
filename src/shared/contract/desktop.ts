import { z } from 'zod';
import { event, method } from './define.ts';
import type { FileDownload } from '../contact-lists.ts';
import {
  auditExportSchema,
  auditListSchema,
  restoreInputSchema,
  type AuditPage,
  type BackupInfo,
  type LogsFolder,
  type PauseAllResult,
  type RestoreResult,
  type SendingStatus,
} from '../desktop.ts';
import type { NotifyEvent } from '../notifications.ts';

/** What makes the app an installed desktop app: background sending control, logs, backup, audit. */
export const desktopMethods = {
  sendingStatus: method<SendingStatus>()(z.void()),
  /** Pauses every running campaign (the tray's "pause all sending"). */
  campaignsPauseAll: method<PauseAllResult>()(z.void()),
  /** Resumes the campaigns "pause all" paused (after a restart: every paused campaign not held by an error). */
  campaignsResumeAll: method<PauseAllResult>()(z.void()),
  /** Opens the logs folder in the file manager (desktop) and tells its path. */
  logsOpenFolder: method<LogsFolder>()(z.void()),
  /** One file with the database and the settings. Secrets are not in it. */
  backupCreate: method<FileDownload & { info: BackupInfo }>()(z.void()),
  /** Checks a backup file completely, then stages it; it replaces the data when the app starts again. */
  backupRestore: method<RestoreResult>()(restoreInputSchema),
  auditList: method<AuditPage>()(auditListSchema),
  auditExport: method<FileDownload>()(auditExportSchema),
};

export const desktopEvents = {
  notify: event<NotifyEvent>(),
};
