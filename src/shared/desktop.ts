import { z } from 'zod';
import type { Reachability } from './monitoring.ts';

/** Sending as a whole, for the tray and the "pause all sending" switch. */
export interface SendingStatus {
  running: number;
  paused: number;
  /** True while campaigns paused by "pause all sending" wait for "resume sending". */
  pausedAll: boolean;
}

export interface PauseAllResult {
  ids: string[];
  status: SendingStatus;
}

export interface LogsFolder {
  path: string;
  /** Whether the desktop app opened it in the file manager (headless mode only tells the path). */
  opened: boolean;
}

/** What a backup file holds, read back from its header. */
export interface BackupInfo {
  createdAt: number;
  appVersion: string;
  schemaVersion: number;
  databaseBytes: number;
}

/** Who can reach a receiver address: this PC only, a LAN, the internet, or every network of this PC (0.0.0.0 / ::). */
export type ReceiverReach = Reachability | 'any';

export interface ReceiverBinding {
  host: string;
  port: number;
  reach: ReceiverReach;
}

export type RestoreResult =
  /** The restore is staged and applied when the app starts again (the desktop app restarts itself). */
  | { status: 'staged'; info: BackupInfo; restartRequired: true }
  /**
   * Nothing was staged: the backup's receiver settings would listen on more of the network than now.
   * Show both and restore again with `receiver: 'backup'` (use them) or `'current'` (keep this PC's).
   */
  | { status: 'confirm'; info: BackupInfo; receiver: { current: ReceiverBinding; backup: ReceiverBinding } };

export const restoreInputSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  /** The backup inline (small) or as an upload (shared/uploads.ts) — one of them. */
  base64: z.string().min(1, 'Choose a backup file.').optional(),
  uploadId: z.string().min(1).max(100).optional(),
  /** The receiver address and port to restore: ask when the backup's listen wider than now (default), the backup's, or the current ones. */
  receiver: z.enum(['ask', 'backup', 'current']).default('ask'),
}).refine((v) => (v.base64 === undefined) !== (v.uploadId === undefined), { message: 'Choose a backup file.', path: ['base64'] });
export type RestoreInput = z.input<typeof restoreInputSchema>;

export const AUDIT_ACTIONS = [
  'account.create',
  'account.update',
  'account.delete',
  'campaign.create',
  'campaign.pause',
  'campaign.resume',
  'campaign.cancel',
  'campaign.retry',
  'campaign.test',
  'campaign.move',
  'sending.pause-all',
  'sending.resume-all',
  'schedule.create',
  'schedule.update',
  'schedule.pause',
  'schedule.resume',
  'schedule.runNow',
  'schedule.delete',
  'backup.create',
  'backup.restore',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: number;
  at: number;
  /** Who: the OS user running the app. */
  actor: string;
  /** Where it came from: the user in the UI, a schedule, or the app itself. */
  source: 'ui' | 'schedule' | 'system';
  action: AuditAction;
  targetId: string | null;
  /** One readable line, e.g. the campaign or account name. */
  summary: string;
}

export interface AuditPage {
  total: number;
  rows: AuditEntry[];
}

export const auditListSchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const auditExportSchema = z.object({ format: z.enum(['xlsx', 'csv']).default('csv') });
