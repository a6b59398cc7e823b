import type Database from 'better-sqlite3';

/**
 * Strictly increasing per-account counters that survive restarts (EIMS encrypted-mode `seq`).
 * One UPSERT … RETURNING: atomic, and committed before the value is used, so a crash can skip a
 * number but never hand out the same one twice.
 */
export function createCounter(db: Database.Database, name: string): (accountId: string) => number {
  const stmt = db.prepare<[string, string], { value: number }>(
    `INSERT INTO provider_counters (account_id, name, value) VALUES (?, ?, 1)
     ON CONFLICT (account_id, name) DO UPDATE SET value = value + 1
     RETURNING value`,
  );
  return (accountId) => stmt.get(accountId, name)!.value;
}
