import type Database from 'better-sqlite3';

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

/**
 * Rebuilds what the app's writers keep beside the messages — the per-campaign counts and the number
 * search index — for tests and benchmarks that seed messages with plain SQL.
 */
export function syncSeededMessages(db: Database.Database): void {
  db.exec(`DELETE FROM campaign_counts; INSERT INTO campaign_counts (campaign_id, state, n) SELECT campaign_id, state, count(*) FROM messages GROUP BY campaign_id, state;
           DELETE FROM messages_number; INSERT INTO messages_number (rowid, number) SELECT id, e164 FROM messages;`);
}
