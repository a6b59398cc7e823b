import type Database from 'better-sqlite3';

/**
 * The FTS5 trigram index of message numbers (`messages_number`, rowid = message id, migration 9): a
 * "contains these digits" search reads the index instead of scanning a million numbers. New messages
 * are indexed as they are written (campaigns-repository.ts). Messages written before the index existed
 * are added in short steps after start, newest first (`backfillStep`); until that is done, searches
 * use the scan (`ready()` is false).
 */
const KEY = 'messages_number_backfill_below';

export function createNumberIndex(db: Database.Database) {
  const hasIndex = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'messages_number'`).get() !== undefined;
  const read = hasIndex ? db.prepare<[], string>(`SELECT value FROM meta WHERE key = '${KEY}'`).pluck() : null;
  let done: boolean | null = null;
  return {
    /** Whether every message is in the index (then searches use it). */
    ready(): boolean {
      if (done) return true;
      const below = Number(read?.get() ?? Number.POSITIVE_INFINITY);
      done = below <= 1;
      return done;
    },
    /**
     * One step of the backfill: the `size` messages just below the mark go into the index and the mark
     * moves down. Returns true while more remain.
     */
    backfillStep(size: number): boolean {
      if (!hasIndex || this.ready()) return false;
      return db.transaction(() => {
        const below = Number(read!.get());
        const from = Math.max(1, below - size);
        db.prepare(`INSERT INTO messages_number (rowid, number) SELECT id, e164 FROM messages WHERE id >= ? AND id < ?`).run(from, below);
        db.prepare(`UPDATE meta SET value = ? WHERE key = '${KEY}'`).run(String(from));
        return from > 1;
      })();
    },
  };
}

export type NumberIndex = ReturnType<typeof createNumberIndex>;

/** An FTS5 query for numbers containing `digits` (3 or more; the trigram tokenizer needs three). */
export const containsQuery = (digits: string) => `"${digits.replace(/"/g, '')}"`;
