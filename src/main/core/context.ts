import type Database from 'better-sqlite3';
import type { EmitEvent } from '../../shared/api.ts';
import type { Clock, FetchLike, SecretStore } from './ports.ts';
import type { SettingsService } from './settings/settings-service.ts';
import type { AuditLog } from './audit/audit-log.ts';
import type { Logger } from './logging/logger.ts';
import type { Notify } from './notify/notifier.ts';
import type { Reads } from './store/reads.ts';
import type { UploadStore } from './uploads/upload-store.ts';

/** What every area of the core is built from. Areas export `createXHandlers(ctx)` typed against their contract slice. */
export interface CoreContext {
  dataDir: string;
  db: Database.Database;
  /** The database file, for workers that open their own read-only connection (absent: they read nothing from it). */
  dbPath?: string;
  /** Reads that grow with the data, off main's event loop (store/reads.ts; absent in hand-built test contexts: readsOf runs them in place). */
  reads?: Reads;
  /** Files from the window, received in parts (uploads/upload-store.ts). */
  uploads?: UploadStore;
  /** Tests: smaller heap caps for the import and compose workers (MB), to see one run out. */
  workerHeapMb?: { import?: number; compose?: number } | undefined;
  secrets: SecretStore;
  clock: Clock;
  fetch: FetchLike;
  emit: EmitEvent;
  settings: SettingsService;
  /** Who did what, when (set by createCore; optional so hand-built test contexts need none). */
  audit?: AuditLog;
  /** The rotating, redacted log file. */
  log?: Logger;
  /** Raise a system notification: `ctx.notify?.('port-down', title, body)`; off kinds are dropped. */
  notify?: Notify;
}
