import Database from 'better-sqlite3';

/**
 * Checkpoints the WAL off main's event loop (issue 15). Main's connection has autocheckpoint off
 * (database.ts): a checkpoint copies the WAL's pages into the database and syncs it, tens of
 * milliseconds for the megabytes a busy minute writes. Here a PASSIVE checkpoint runs every
 * `everyMs` on a connection of this worker: it never blocks a writer or a reader, copies what it can,
 * and the WAL starts over from the top once a checkpoint has caught up (journal_size_limit trims it).
 */
export function startCheckpoints(dbPath: string, everyMs = 1_000): () => void {
  const db = new Database(dbPath, { fileMustExist: true });
  db.pragma('busy_timeout = 100');
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or the app is closing: the next tick tries again.
    }
  }, everyMs);
  return () => {
    clearInterval(timer);
    db.close();
  };
}
