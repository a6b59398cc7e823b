import type { Handlers } from '../../shared/api.ts';
import type { desktopMethods } from '../../shared/contract/desktop.ts';
import type { AuditLog } from './audit/audit-log.ts';
import type { createBackupService } from './backup/backup-service.ts';
import type { PauseAll } from './campaigns/pause-all.ts';
import { tableDownload } from './contacts/file-download.ts';
import type { Logger } from './logging/logger.ts';

export type DesktopHandlers = Pick<Handlers, keyof typeof desktopMethods>;

export interface DesktopDeps {
  pauseAll: PauseAll;
  audit: AuditLog;
  backup: ReturnType<typeof createBackupService>;
  log: Logger;
  /** The desktop shell opens a folder in the file manager; headless mode has none. */
  openFolder?: ((path: string) => Promise<boolean>) | undefined;
  /** Called after a restore was staged (the desktop shell restarts the app). */
  onRestartRequested?: (() => void) | undefined;
}

/** Contract handlers for background sending control, logs, backup/restore and the audit log. */
export function createDesktopHandlers(d: DesktopDeps): DesktopHandlers {
  return {
    sendingStatus: () => d.pauseAll.status(),
    campaignsPauseAll: async () => {
      const r = await d.pauseAll.pauseAll();
      d.audit.record({ action: 'sending.pause-all', summary: `${r.ids.length} campaign(s) paused` });
      return r;
    },
    campaignsResumeAll: async () => {
      const r = await d.pauseAll.resumeAll();
      d.audit.record({ action: 'sending.resume-all', summary: `${r.ids.length} campaign(s) resumed` });
      return r;
    },
    logsOpenFolder: async () => ({ path: d.log.dir, opened: d.openFolder ? await d.openFolder(d.log.dir) : false }),
    backupCreate: async () => {
      const file = await d.backup.create();
      d.audit.record({ action: 'backup.create', summary: file.fileName });
      d.log.info('backup.created', { fileName: file.fileName, databaseBytes: file.info.databaseBytes });
      return file;
    },
    backupRestore: async (input) => {
      const result = await d.backup.restore(input);
      if (result.status !== 'staged') return result;
      d.audit.record({ action: 'backup.restore', summary: `${input.fileName} (made ${new Date(result.info.createdAt).toISOString()}), applied at the next start` });
      d.log.warn('backup.restore-staged', { fileName: input.fileName, ...result.info });
      if (d.onRestartRequested) setTimeout(d.onRestartRequested, 300);
      return result;
    },
    auditList: (query) => d.audit.list(query),
    auditExport: ({ format }) => tableDownload(d.audit.table(), format, 'SMS Console audit log', 'Audit'),
  };
}
