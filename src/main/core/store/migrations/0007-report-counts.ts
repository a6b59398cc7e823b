import type { Migration } from './types.ts';

/**
 * Report ingest at push speed (issue 7): the per-row daily_counts triggers cost about as much as the
 * state change itself on a 100k-row push burst. `messages.count_seq` lets a bulk writer add its state
 * changes to daily_counts itself, one upsert per account and kind per batch: an UPDATE that bumps
 * count_seq has been counted by its writer, and the triggers skip it. Every other writer leaves
 * count_seq alone and is counted by the triggers exactly as before (same conditions as migration 4).
 * The count_seq test comes first in each WHEN: an IN (…) list in a trigger is rebuilt on every row, so
 * testing it last would cost the skipped rows almost as much as counting them.
 */
export const m0007ReportCounts: Migration = {
  version: 7,
  name: 'daily counts written set-based by the report ingest',
  up: `
    ALTER TABLE messages ADD COLUMN count_seq INTEGER NOT NULL DEFAULT 0;

    DROP TRIGGER messages_daily_handed;
    DROP TRIGGER messages_daily_sent;
    DROP TRIGGER messages_daily_final;

    CREATE TRIGGER messages_daily_handed AFTER UPDATE OF state ON messages
      WHEN NEW.count_seq = OLD.count_seq
        AND OLD.state IN ('submitting','unknown') AND NEW.state IN ('submitted','sent','delivered','failed','expired') AND NEW.handed_at IS NOT NULL
    BEGIN
      INSERT INTO daily_counts (bucket, account_id, kind, n) VALUES (NEW.updated_at / 900000, NEW.account_id, 'handed', 1)
        ON CONFLICT (bucket, account_id, kind) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER messages_daily_sent AFTER UPDATE OF state ON messages
      WHEN NEW.count_seq = OLD.count_seq AND OLD.state IN ('submitting','submitted','unknown') AND NEW.state IN ('sent','delivered')
    BEGIN
      INSERT INTO daily_counts (bucket, account_id, kind, n) VALUES (NEW.updated_at / 900000, NEW.account_id, 'sent', 1)
        ON CONFLICT (bucket, account_id, kind) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER messages_daily_final AFTER UPDATE OF state ON messages
      WHEN NEW.count_seq = OLD.count_seq AND OLD.state <> NEW.state AND NEW.state IN ('delivered','failed','expired')
    BEGIN
      INSERT INTO daily_counts (bucket, account_id, kind, n) VALUES (NEW.updated_at / 900000, NEW.account_id, NEW.state, 1)
        ON CONFLICT (bucket, account_id, kind) DO UPDATE SET n = n + 1;
    END;
  `,
};
