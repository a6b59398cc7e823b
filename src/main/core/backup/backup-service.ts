import type Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FileDownload } from '../../../shared/contact-lists.ts';
import type { BackupInfo, RestoreInput, RestoreResult } from '../../../shared/desktop.ts';
import type { Settings } from '../../../shared/settings.ts';
import { AppError } from '../../../shared/errors.ts';
import { SettingsService } from '../settings/settings-service.ts';
import { decodeBackup, encodeBackup } from './backup-format.ts';
import { widerReceiver } from './restore-exposure.ts';
import { stageRestore } from './restore-staging.ts';

export interface BackupDeps {
  db: Database.Database;
  dataDir: string;
  appVersion: string;
  schemaVersion: number;
  now: () => number;
  settings: () => Settings;
}

const stamp = (at: number) => new Date(at).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

/** Backup (SQLite online backup API + settings → one file) and a checked, staged restore. */
export function createBackupService(deps: BackupDeps) {
  return {
    async create(): Promise<FileDownload & { info: BackupInfo }> {
      const dir = mkdtempSync(join(deps.dataDir, 'backup-'));
      try {
        const file = join(dir, 'copy.sqlite');
        await deps.db.backup(file);
        const database = readFileSync(file);
        const createdAt = deps.now();
        const bytes = encodeBackup({ createdAt, appVersion: deps.appVersion, schemaVersion: deps.schemaVersion, settings: deps.settings() }, database);
        return {
          fileName: `sms-console-backup-${stamp(createdAt)}.smsbackup`,
          mime: 'application/octet-stream',
          base64: bytes.toString('base64'),
          rows: 0,
          info: { createdAt, appVersion: deps.appVersion, schemaVersion: deps.schemaVersion, databaseBytes: database.byteLength },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },

    /**
     * Checks the whole file, then stages it — unless its receiver settings would listen wider than now
     * and the caller has not said which to use (`receiver`): then nothing is staged and both are returned.
     */
    restore(input: RestoreInput): RestoreResult {
      const bytes = Buffer.from(input.base64.replace(/^data:[^,]*,/, ''), 'base64');
      if (bytes.byteLength === 0) throw new AppError('BACKUP_INVALID', `“${input.fileName}” is empty. Choose a backup file.`);
      const { header, database } = decodeBackup(bytes);
      const info = { createdAt: header.createdAt, appVersion: header.appVersion, schemaVersion: header.schemaVersion, databaseBytes: header.databaseBytes };
      const current = deps.settings();
      const restored = SettingsService.sanitize(header.settings);
      const wider = widerReceiver(current, restored);
      const choice = input.receiver ?? 'ask';
      if (wider && choice === 'ask') return { status: 'confirm', info, receiver: wider };
      const settings = choice === 'current' ? { ...restored, receiverHost: current.receiverHost, receiverPort: current.receiverPort } : restored;
      stageRestore(deps.dataDir, header, database, deps.schemaVersion, settings);
      return { status: 'staged', info, restartRequired: true };
    },
  };
}
