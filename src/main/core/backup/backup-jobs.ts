import type Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FileDownload } from '../../../shared/contact-lists.ts';
import { AppError } from '../../../shared/errors.ts';
import type { BackupInfo, RestoreResult } from '../../../shared/desktop.ts';
import type { Settings } from '../../../shared/settings.ts';
import { SettingsService } from '../settings/settings-service.ts';
import { decodeBackup, encodeBackup } from './backup-format.ts';
import { widerReceiver } from './restore-exposure.ts';
import { stageRestore } from './restore-staging.ts';

/**
 * The heavy halves of backup and restore — copying the database (online backup API), hashing and
 * encoding it, and on restore decoding, hashing and checking the database inside — as functions of a
 * connection and files. The export worker runs them (store/read-queries.ts), so a 300 MB database is
 * never hashed, encoded or checked on main's event loop.
 */

const stamp = (at: number) => new Date(at).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

export async function writeBackup(
  db: Database.Database,
  args: { dataDir: string; createdAt: number; appVersion: string; schemaVersion: number; settings: Settings },
): Promise<FileDownload & { info: BackupInfo }> {
  const dir = mkdtempSync(join(args.dataDir, 'backup-'));
  try {
    const file = join(dir, 'copy.sqlite');
    await db.backup(file);
    const database = readFileSync(file);
    const bytes = encodeBackup({ createdAt: args.createdAt, appVersion: args.appVersion, schemaVersion: args.schemaVersion, settings: args.settings }, database);
    return {
      fileName: `sms-console-backup-${stamp(args.createdAt)}.smsbackup`,
      mime: 'application/octet-stream',
      base64: bytes.toString('base64'),
      rows: 0,
      info: { createdAt: args.createdAt, appVersion: args.appVersion, schemaVersion: args.schemaVersion, databaseBytes: database.byteLength },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Checks the whole backup, then stages it — unless its receiver settings would listen wider than now
 * and the caller has not said which to use (`receiver`): then nothing is staged and both are returned.
 */
export function stageBackup(args: {
  fileName: string;
  /** The backup inline, or the file of its upload. */
  base64?: string | undefined;
  path?: string | undefined;
  dataDir: string;
  knownSchema: number;
  current: Settings;
  receiver: 'ask' | 'backup' | 'current';
}): RestoreResult {
  const bytes = args.path !== undefined ? readFileSync(args.path) : Buffer.from((args.base64 ?? '').replace(/^data:[^,]*,/, ''), 'base64');
  if (bytes.byteLength === 0) throw new AppError('BACKUP_INVALID', `“${args.fileName}” is empty. Choose a backup file.`);
  const { header, database } = decodeBackup(bytes);
  const info = { createdAt: header.createdAt, appVersion: header.appVersion, schemaVersion: header.schemaVersion, databaseBytes: header.databaseBytes };
  const restored = SettingsService.sanitize(header.settings);
  const wider = widerReceiver(args.current, restored);
  if (wider && args.receiver === 'ask') return { status: 'confirm', info, receiver: wider };
  const settings = args.receiver === 'current' ? { ...restored, receiverHost: args.current.receiverHost, receiverPort: args.current.receiverPort } : restored;
  stageRestore(args.dataDir, header, database, args.knownSchema, settings);
  return { status: 'staged', info, restartRequired: true };
}
