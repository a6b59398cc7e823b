import Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { ensurePrivateDir, PRIVATE_FILE } from '../private-files.ts';
import type { Settings } from '../../../shared/settings.ts';
import { SettingsService } from '../settings/settings-service.ts';
import type { SettingsBackend } from '../ports.ts';
import { DATABASE_FILE } from '../store/database.ts';
import type { BackupHeader } from './backup-format.ts';

/**
 * A restore is checked completely, staged in `<data>/restore-pending/`, and applied by the next start
 * BEFORE the database is opened. Applying is a few renames, each step safe to repeat, so a crash at any
 * point either leaves the old data or finishes the restore on the next start — never half of each.
 */
export const PENDING_DIR = 'restore-pending';
const STAGED_DB = 'database.sqlite';
const STAGED_SETTINGS = 'settings.json';
const READY = 'ready';

/** Opens the backup's database on its own and checks it is whole, not from a newer app, and the version its header states. */
export function checkBackupDatabase(file: string, knownSchema: number, statedSchema: number): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new AppError('BACKUP_INVALID', 'The database in this backup is damaged. Nothing was changed. Choose another backup file.');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > knownSchema) {
      throw new AppError('BACKUP_TOO_NEW', `This backup was made by a newer SMS Console (schema ${version}; this version knows up to ${knownSchema}). Nothing was changed. Install the newer version to restore it.`);
    }
    if (version !== statedSchema) {
      throw new AppError(
        'BACKUP_INVALID',
        `This backup’s header says its database is version ${statedSchema}, but the database in it is version ${version}: the file was changed after it was made. Nothing was changed. Choose another backup file.`,
      );
    }
    const hasAccounts = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'accounts'`).get();
    if (!hasAccounts) throw new AppError('BACKUP_INVALID', 'The database in this backup is not an SMS Console database. Nothing was changed. Choose another backup file.');
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('BACKUP_INVALID', 'The database in this backup cannot be read. Nothing was changed. Choose another backup file.');
  } finally {
    db?.close();
  }
}

/** Writes the checked backup (with the settings to restore) to a temp folder and renames it into place, marker last. */
export function stageRestore(dataDir: string, header: BackupHeader, database: Uint8Array, knownSchema: number, settings: Settings): void {
  const tmp = join(dataDir, `${PENDING_DIR}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  ensurePrivateDir(tmp);
  try {
    writeFileSync(join(tmp, STAGED_DB), database, PRIVATE_FILE);
    checkBackupDatabase(join(tmp, STAGED_DB), knownSchema, header.schemaVersion);
    writeFileSync(join(tmp, STAGED_SETTINGS), JSON.stringify(SettingsService.sanitize(settings)), PRIVATE_FILE);
    writeFileSync(join(tmp, READY), JSON.stringify({ createdAt: header.createdAt, appVersion: header.appVersion }), PRIVATE_FILE);
    rmSync(join(dataDir, PENDING_DIR), { recursive: true, force: true });
    renameSync(tmp, join(dataDir, PENDING_DIR));
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

export const restorePending = (dataDir: string) => existsSync(join(dataDir, PENDING_DIR, READY));

/**
 * Applies a staged restore, if any: moves the current database aside (kept in `restore-previous-<time>/`),
 * moves the staged one in, writes the settings, removes the staging folder. Returns what it restored, or null.
 */
export function applyPendingRestore(dataDir: string, settings: SettingsBackend, now = Date.now()): { createdAt: number; appVersion: string } | null {
  const pending = join(dataDir, PENDING_DIR);
  if (!existsSync(join(pending, READY))) {
    rmSync(`${pending}.tmp`, { recursive: true, force: true });
    return null;
  }
  let made = { createdAt: 0, appVersion: '?' };
  try {
    made = { ...made, ...(JSON.parse(readFileSync(join(pending, READY), 'utf8')) as typeof made) };
  } catch {
    /* the marker's content is informative only */
  }
  const staged = join(pending, STAGED_DB);
  if (existsSync(staged)) {
    const live = join(dataDir, DATABASE_FILE);
    const previous = join(dataDir, `restore-previous-${now}`);
    ensurePrivateDir(previous);
    for (const suffix of ['-wal', '-shm', '']) {
      if (existsSync(live + suffix)) renameSync(live + suffix, join(previous, DATABASE_FILE + suffix));
    }
    renameSync(staged, live);
  }
  const settingsFile = join(pending, STAGED_SETTINGS);
  if (existsSync(settingsFile)) {
    settings.write(SettingsService.sanitize(JSON.parse(readFileSync(settingsFile, 'utf8'))));
  }
  rmSync(pending, { recursive: true, force: true });
  return made;
}
