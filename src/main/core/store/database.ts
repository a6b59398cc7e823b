import Database from 'better-sqlite3';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { createPrivateFile, ensurePrivateDir, makePrivate } from '../private-files.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { Migration } from './migrations/types.ts';

export const DATABASE_FILE = 'sms-console.sqlite';

export interface OpenedDatabase {
  db: Database.Database;
  schemaVersion: number;
}

/**
 * Opens (creating if needed) the one SQLite file in the data dir: WAL (checkpointed by the read worker),
 * synchronous=NORMAL, foreign keys on, migrated. The file is 0600 before SQLite opens it, and SQLite
 * gives its -wal and -shm files the database file's mode; ones left by an older version are made 0600.
 */
export function openDatabase(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): OpenedDatabase {
  let db: Database.Database;
  try {
    const file = join(dataDir, DATABASE_FILE);
    ensurePrivateDir(dataDir);
    createPrivateFile(file);
    makePrivate(`${file}-wal`, `${file}-shm`);
    db = new Database(file);
  } catch (err) {
    throw new AppError('DB_OPEN_FAILED', `The database in ${dataDir} cannot be opened. Check that the folder is writable and not used by another copy of the app.`, {
      providerCode: err instanceof Error ? err.message.slice(0, 200) : undefined,
    });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // The read worker checkpoints the WAL every second (store/checkpoints.ts), off main's event loop:
    // a checkpoint at commit copies and syncs megabytes on the committing thread. This connection
    // checkpoints only as a backstop, past ~100 MB (if that worker were not running); the WAL file is
    // trimmed back to 64 MB after a checkpoint.
    db.pragma('wal_autocheckpoint = 25000');
    db.pragma('journal_size_limit = 67108864');
    const schemaVersion = migrate(db, migrations);
    return { db, schemaVersion };
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    throw new AppError('DB_OPEN_FAILED', `The database in ${dataDir} is damaged or not an SMS Console database. Restore a backup or choose another data folder.`, {
      providerCode: err instanceof Error ? err.message.slice(0, 200) : undefined,
    });
  }
}
