import type { Migration } from './types.ts';

/**
 * `daily_counts` is kept by the code that changes a message's state (store/daily-counts.ts: the
 * ledger and the report ingest), one upsert per batch, instead of the three AFTER UPDATE triggers on
 * `messages` (migration 4, guarded by `count_seq` in migration 7). With any trigger on the table
 * SQLite decodes the old and new row and runs the trigger program for every updated row: ~25-40% of a
 * 2,000-message claim or accept even when the trigger counts nothing. Same counting rules (tested
 * against the old triggers). `messages.count_seq` is no longer bumped; the column stays (dropping it
 * would rewrite the table). `messages_submitting` duplicated `messages_submission` (the same
 * submission_id lookups, a few rows each) and is dropped too.
 */
export const m0008DailyCountsInCode: Migration = {
  version: 8,
  name: 'daily counts kept by the ledger instead of triggers',
  up: `
    DROP TRIGGER messages_daily_handed;
    DROP TRIGGER messages_daily_sent;
    DROP TRIGGER messages_daily_final;
    DROP INDEX messages_submitting;
  `,
};
