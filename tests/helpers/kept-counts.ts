import type Database from 'better-sqlite3';
import { CAMPAIGN_OUTCOMES_FROM_MESSAGES, SEND_COUNTS_FROM_MESSAGES } from '../../src/main/core/store/migrations/0012-insight-counts.ts';

/**
 * The kept per-campaign counts (campaign_counts, store/transitions.ts) against a count of the messages
 * themselves: every (campaign, state) where they differ. Empty when the writers kept them exactly.
 */
export function keptCountsDrift(db: Database.Database): { campaignId: string; state: string; kept: number; actual: number }[] {
  return db
    .prepare<[], { campaignId: string; state: string; kept: number; actual: number }>(
      `WITH actual AS (SELECT campaign_id, state, count(*) AS n FROM messages GROUP BY campaign_id, state),
            kept AS (SELECT campaign_id, state, n FROM campaign_counts WHERE n <> 0)
       SELECT coalesce(a.campaign_id, k.campaign_id) AS campaignId, coalesce(a.state, k.state) AS state, coalesce(k.n, 0) AS kept, coalesce(a.n, 0) AS actual
       FROM actual a FULL OUTER JOIN kept k ON k.campaign_id = a.campaign_id AND k.state = a.state
       WHERE coalesce(k.n, 0) <> coalesce(a.n, 0)`,
    )
    .all();
}

const SEND_COLUMNS = ['handed', 'segments', 'delivered', 'failed', 'expired', 'refused'] as const;

/**
 * The kept insight counts (send_counts, campaign_outcomes; store/insight-counts.ts) against the same
 * counts taken from the messages (the SELECTs of migration 0012): every key where they differ, as
 * `{ table, key, kept, actual }`. Empty when the writers kept them exactly. A schema without the
 * tables has nothing to drift.
 */
export function insightCountsDrift(db: Database.Database): { table: string; key: string; kept: string; actual: string }[] {
  if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'send_counts'`).get() === undefined) return [];
  const zero = (cols: readonly string[]) => cols.map((c) => `coalesce(k.${c}, 0) <> coalesce(a.${c}, 0)`).join(' OR ');
  const pack = (alias: string, cols: readonly string[]) => cols.map((c) => `coalesce(${alias}.${c}, 0)`).join(` || ',' || `);
  const sends = db
    .prepare<[], { key: string; kept: string; actual: string }>(
      `WITH actual AS (${SEND_COUNTS_FROM_MESSAGES}),
            kept AS (SELECT * FROM send_counts WHERE ${SEND_COLUMNS.map((c) => `${c} <> 0`).join(' OR ')})
       SELECT coalesce(a.bucket, k.bucket) || '/' || coalesce(a.account_id, k.account_id) || '/' || coalesce(a.port, k.port) AS key,
              ${pack('k', SEND_COLUMNS)} AS kept, ${pack('a', SEND_COLUMNS)} AS actual
       FROM actual a FULL OUTER JOIN kept k ON k.bucket = a.bucket AND k.account_id = a.account_id AND k.port = a.port
       WHERE ${zero(SEND_COLUMNS)}`,
    )
    .all();
  const outcomes = db
    .prepare<[], { key: string; kept: string; actual: string }>(
      `WITH actual AS (${CAMPAIGN_OUTCOMES_FROM_MESSAGES}),
            kept AS (SELECT * FROM campaign_outcomes WHERE n <> 0)
       SELECT coalesce(a.campaign_id, k.campaign_id) || '/' || coalesce(a.kind, k.kind) || '/' || coalesce(a.key, k.key) AS key,
              ${pack('k', ['n', 'segments'])} AS kept, ${pack('a', ['n', 'segments'])} AS actual
       FROM actual a FULL OUTER JOIN kept k ON k.campaign_id = a.campaign_id AND k.kind = a.kind AND k.key = a.key
       WHERE ${zero(['n', 'segments'])}`,
    )
    .all();
  return [...sends.map((d) => ({ table: 'send_counts', ...d })), ...outcomes.map((d) => ({ table: 'campaign_outcomes', ...d }))];
}

/**
 * Rebuilds what the app's writers keep beside the messages — the per-campaign counts, the insight
 * counts and the number search index — for tests and benchmarks that seed messages with plain SQL.
 */
export function syncSeededMessages(db: Database.Database): void {
  syncKeptCounts(db);
  db.exec(`DELETE FROM messages_number; INSERT INTO messages_number (rowid, number) SELECT id, e164 FROM messages;`);
}

/** The kept counts only (per campaign and the insight counts), without the number index: for seeds that never search numbers. */
export function syncKeptCounts(db: Database.Database): void {
  db.exec(`DELETE FROM campaign_counts; INSERT INTO campaign_counts (campaign_id, state, n) SELECT campaign_id, state, count(*) FROM messages GROUP BY campaign_id, state;`);
  if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'send_counts'`).get() === undefined) return;
  db.exec(`DELETE FROM send_counts; INSERT INTO send_counts (bucket, account_id, port, handed, segments, delivered, failed, expired, refused) ${SEND_COUNTS_FROM_MESSAGES};
           DELETE FROM campaign_outcomes; INSERT INTO campaign_outcomes (campaign_id, kind, key, n, segments) ${CAMPAIGN_OUTCOMES_FROM_MESSAGES};`);
}
