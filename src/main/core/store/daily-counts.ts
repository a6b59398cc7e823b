import type Database from 'better-sqlite3';

/**
 * The dashboard's per-quarter-hour counts (`daily_counts`), kept by the two places that change a
 * message's state — the ledger and the report ingest — inside their own transactions, one upsert per
 * (quarter hour, account, kind) of a batch (migration 8 dropped the per-row triggers). The rules, as
 * the triggers of migration 4 had them:
 * - `handed`: from submitting/unknown to submitted, sent, delivered, failed or expired, with handed_at set;
 * - `sent`: from submitting/submitted/unknown to sent or delivered;
 * - `delivered` / `failed` / `expired`: into that state from another one.
 */

export const QUARTER_HOUR_MS = 900_000;

export interface StateChange {
  accountId: string;
  from: string;
  to: string;
  handed: boolean;
}

const HANDED_FROM = new Set(['submitting', 'unknown']);
const HANDED_TO = new Set(['submitted', 'sent', 'delivered', 'failed', 'expired']);
const SENT_FROM = new Set(['submitting', 'submitted', 'unknown']);
const SENT_TO = new Set(['sent', 'delivered']);
const FINAL = new Set(['delivered', 'failed', 'expired']);

/** The kinds one state change counts towards. */
export function countedKinds(c: Omit<StateChange, 'accountId'>): string[] {
  const kinds: string[] = [];
  if (HANDED_FROM.has(c.from) && HANDED_TO.has(c.to) && c.handed) kinds.push('handed');
  if (SENT_FROM.has(c.from) && SENT_TO.has(c.to)) kinds.push('sent');
  if (c.from !== c.to && FINAL.has(c.to)) kinds.push(c.to);
  return kinds;
}

export interface DailyCounts {
  /** Counts a batch of state changes made at `at` (the rows' updated_at). Call inside the transaction that made them. */
  record(at: number, changes: Iterable<StateChange>): void;
}

/**
 * On a schema before migration 8 the triggers of migrations 4/7 still count (tests run the ingest on
 * the migration-4 schema); recording there as well would count twice, so it is a no-op.
 */
export function createDailyCounts(db: Database.Database): DailyCounts {
  const triggersCount = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'messages_daily_handed'`).get() !== undefined;
  if (triggersCount) return { record: () => undefined };
  const upsert = db.prepare<[number, string, string, number]>(
    `INSERT INTO daily_counts (bucket, account_id, kind, n) VALUES (?, ?, ?, ?)
     ON CONFLICT (bucket, account_id, kind) DO UPDATE SET n = n + excluded.n`,
  );
  return {
    record(at, changes) {
      const totals = new Map<string, { accountId: string; kind: string; n: number }>();
      for (const c of changes) {
        for (const kind of countedKinds(c)) {
          const key = `${c.accountId}\u0000${kind}`;
          const t = totals.get(key);
          if (t) t.n += 1;
          else totals.set(key, { accountId: c.accountId, kind, n: 1 });
        }
      }
      const bucket = Math.floor(at / QUARTER_HOUR_MS);
      for (const t of totals.values()) upsert.run(bucket, t.accountId, t.kind, t.n);
    },
  };
}
