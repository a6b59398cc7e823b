import type { Migration } from './types.ts';

/**
 * Monitoring (issue 7): inbound SMS (deduplicated per account by the provider's id or a content key),
 * indexes for the message log (state / account / number, newest first) and report matching
 * (GSM box delivery reports carry no id: account + number + nearest earlier send), and counts per quarter hour
 * kept by triggers so the dashboard never scans the ledger.
 */
export const m0004Monitoring: Migration = {
  version: 4,
  name: 'inbound SMS, message log indexes and daily counts',
  up: `
    CREATE TABLE inbound_sms (
      id           INTEGER PRIMARY KEY,
      account_id   TEXT NOT NULL,
      dedupe_key   TEXT NOT NULL,            -- EIMS id, or box: sender|port|time|text
      number       TEXT NOT NULL,            -- E.164 when readable, else as received
      raw_from     TEXT NOT NULL,
      text         TEXT NOT NULL,
      port         INTEGER,
      received_at  INTEGER NOT NULL,
      stored_at    INTEGER NOT NULL,
      source       TEXT NOT NULL CHECK (source IN ('push','poll')),
      read         INTEGER NOT NULL DEFAULT 0,
      opt_out      INTEGER NOT NULL DEFAULT 0,
      UNIQUE (account_id, dedupe_key)
    );
    CREATE INDEX inbound_number ON inbound_sms(number, received_at, id);
    CREATE INDEX inbound_recent ON inbound_sms(received_at, id);
    CREATE INDEX inbound_unread ON inbound_sms(number) WHERE read = 0;

    CREATE INDEX messages_log_state ON messages(state, id);
    CREATE INDEX messages_log_account ON messages(account_id, state, id);
    CREATE INDEX messages_e164 ON messages(e164, id);
    CREATE INDEX messages_box_address ON messages(account_id, address, handed_at) WHERE port IS NOT NULL;

    -- Counts per quarter hour (UTC epoch ms / 900000): cheap to keep in a trigger, summed into local
    -- days by the dashboard in the PC's zone (quarter hours fit every zone offset).
    CREATE TABLE daily_counts (
      bucket      INTEGER NOT NULL,
      account_id  TEXT NOT NULL,
      kind        TEXT NOT NULL,               -- handed | sent | delivered | failed | expired
      n           INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (bucket, account_id, kind)
    ) WITHOUT ROWID;

    CREATE TRIGGER messages_daily_handed AFTER UPDATE OF state ON messages
      WHEN OLD.state IN ('submitting','unknown') AND NEW.state IN ('submitted','sent','delivered','failed','expired') AND NEW.handed_at IS NOT NULL
    BEGIN
      INSERT INTO daily_counts (bucket, account_id, kind, n) VALUES (NEW.updated_at / 900000, NEW.account_id, 'handed', 1)
        ON CONFLICT (bucket, account_id, kind) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER messages_daily_sent AFTER UPDATE OF state ON messages
      WHEN OLD.state IN ('submitting','submitted','unknown') AND NEW.state IN ('sent','delivered')
    BEGIN
      INSERT INTO daily_counts (bucket, account_id, kind, n) VALUES (NEW.updated_at / 900000, NEW.account_id, 'sent', 1)
        ON CONFLICT (bucket, account_id, kind) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER messages_daily_final AFTER UPDATE OF state ON messages
      WHEN OLD.state <> NEW.state AND NEW.state IN ('delivered','failed','expired')
    BEGIN
      INSERT INTO daily_counts (bucket, account_id, kind, n) VALUES (NEW.updated_at / 900000, NEW.account_id, NEW.state, 1)
        ON CONFLICT (bucket, account_id, kind) DO UPDATE SET n = n + 1;
    END;
  `,
};
