/** One schema step. Versions are consecutive integers starting at 1; `up` is plain SQL run in a transaction. */
export interface Migration {
  version: number;
  name: string;
  up: string;
  /**
   * Runs with foreign keys off (SQLite's way to rebuild a table that others reference: dropping it with
   * them on would cascade the deletes); `PRAGMA foreign_key_check` must come back empty before the commit.
   */
  foreignKeysOff?: boolean;
}
