import type Database from 'better-sqlite3';

/**
 * What each SIM (port) of a GSM box took since a given time: its requests, counted from the ledger's
 * submissions (a request that surely never reached the box does not count). One definition for the
 * per-SIM daily cap the sender keeps (port-pacer.ts) and for what the screens say is left of it.
 * Reads today's submissions only (index submissions_port_day), never the whole history.
 */
export function createSimSends(db: Database.Database) {
  const stmt = db.prepare<[string, number], { port: number; n: number }>(
    `SELECT port, count(*) AS n FROM submissions INDEXED BY submissions_port_day
     WHERE account_id = ? AND port IS NOT NULL AND started_at >= ? AND (outcome IS NULL OR outcome <> 'not-sent') GROUP BY port`,
  );
  return (accountId: string, since: number): Map<number, number> => new Map(stmt.all(accountId, since).map((r) => [r.port, r.n]));
}

/** SMS a SIM may still send today under its cap; null when there is no cap. */
export function leftUnderCap(cap: number, sentToday: number): number | null {
  return cap > 0 ? Math.max(0, cap - sentToday) : null;
}
