import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import type { Migration } from './migrations/types.ts';

/**
 * Brings the database to the newest known schema. Each step runs in its own transaction together with
 * the `user_version` bump, so a failure leaves the previous version intact. A database written by a
 * newer app (higher user_version than we know) is refused: opening it could corrupt it.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  assertConsecutive(migrations);
  const known = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > known) {
    throw new AppError(
      'DB_TOO_NEW',
      `This data folder was written by a newer version of SMS Console (database schema ${current}; this version knows up to ${known}). Install the newer version, or restore a backup made with this one.`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    const step = db.transaction(() => {
      db.exec(m.up);
      if (m.foreignKeysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error('foreign key check failed');
      db.pragma(`user_version = ${m.version}`);
    });
    // Only outside a transaction can foreign keys be switched off (and back to what they were).
    const keysWereOn = m.foreignKeysOff === true && db.pragma('foreign_keys', { simple: true }) === 1;
    if (keysWereOn) db.pragma('foreign_keys = OFF');
    try {
      step();
    } catch (err) {
      throw new AppError(
        'DB_MIGRATION_FAILED',
        `Updating the database to schema ${m.version} (${m.name}) failed; nothing was changed. Restore a backup or report this with the logs.`,
        { kind: 'permanent', providerCode: err instanceof Error ? err.message.slice(0, 200) : undefined },
      );
    } finally {
      if (keysWereOn) db.pragma('foreign_keys = ON');
    }
  }
  return Math.max(current, known);
}

function assertConsecutive(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list is broken: position ${i} has version ${m.version}`);
  });
}
