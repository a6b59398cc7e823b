import type { Migration } from './types.ts';

/**
 * Replies tied to campaigns and inbox automation (issue 19, parts 3 and 4):
 * - campaigns.kind gains 'auto-reply': an auto-reply is a single message of its own kind (not a
 *   campaign, not counted as one when a reply is attributed). The table is rebuilt as 0009 did: SQLite
 *   cannot change a CHECK in place.
 * - inbound_sms.campaign_id: the campaign an inbound SMS answers, decided when it is stored (the
 *   newest campaign message to that number handed over before it, within the reply window; see
 *   monitoring/reply-attribution.ts). Older rows stay unattributed. `inbound_campaign` serves a
 *   campaign's replies newest first and their counts; only attributed rows are in it.
 * - inbox_done: conversations marked done (hidden from the open ones); a new inbound SMS from the
 *   number deletes its row, which opens the conversation again.
 * - inbox_rules: keyword rules per account (an auto-reply text and/or a list to add the number to).
 * - auto_replies: one row per (rule, number, local day) claimed in the same transaction that stores the
 *   inbound SMS, BEFORE the reply is queued: the primary key is what keeps a rule to one auto-reply per
 *   number per day, across restarts and concurrent pushes (two systems answering each other stop there).
 */
export const m0014RepliesAndInboxRules: Migration = {
  version: 14,
  name: 'replies tied to campaigns, conversations done, inbox rules and auto-replies',
  foreignKeysOff: true,
  up: `
    CREATE TABLE campaigns_new (
      id            TEXT PRIMARY KEY,
      name          TEXT NOT NULL,
      account_id    TEXT NOT NULL,
      provider      TEXT NOT NULL,
      content       TEXT NOT NULL,
      quiet_hours   TEXT,
      options       TEXT NOT NULL DEFAULT '{}',
      state         TEXT NOT NULL CHECK (state IN ('preparing','running','paused','handed','cancelled','done')),
      total         INTEGER NOT NULL DEFAULT 0,
      total_segments INTEGER NOT NULL DEFAULT 0,
      last_error    TEXT,
      retry_of      TEXT,
      created_at    INTEGER NOT NULL,
      updated_at    INTEGER NOT NULL,
      finished_at   INTEGER,
      prepare_input TEXT,                      -- JSON: how to write its messages again while preparing
      handed_at     INTEGER,                   -- when nothing was left to send (the report window starts)
      kind          TEXT NOT NULL DEFAULT 'campaign' CHECK (kind IN ('campaign','reply','auto-reply','test'))
    );
    INSERT INTO campaigns_new (id, name, account_id, provider, content, quiet_hours, options, state, total, total_segments, last_error, retry_of, created_at, updated_at, finished_at, prepare_input, handed_at, kind)
      SELECT id, name, account_id, provider, content, quiet_hours, options, state, total, total_segments, last_error, retry_of, created_at, updated_at, finished_at, prepare_input, handed_at, kind FROM campaigns;
    DROP TABLE campaigns;
    ALTER TABLE campaigns_new RENAME TO campaigns;
    CREATE INDEX campaigns_created ON campaigns(created_at);
    CREATE INDEX campaigns_state ON campaigns(state);
    CREATE INDEX campaigns_kind ON campaigns(kind, created_at);

    ALTER TABLE inbound_sms ADD COLUMN campaign_id TEXT REFERENCES campaigns(id) ON DELETE SET NULL;
    CREATE INDEX inbound_campaign ON inbound_sms(campaign_id, received_at, id) WHERE campaign_id IS NOT NULL;

    CREATE TABLE inbox_done (
      number   TEXT PRIMARY KEY,
      done_at  INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE inbox_rules (
      id          TEXT PRIMARY KEY,
      account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      keyword     TEXT NOT NULL,
      reply_text  TEXT,                       -- NULL: no auto-reply
      list_id     TEXT REFERENCES lists(id) ON DELETE SET NULL,
      enabled     INTEGER NOT NULL DEFAULT 1,
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    );
    CREATE INDEX inbox_rules_account ON inbox_rules(account_id);

    CREATE TABLE auto_replies (
      rule_id     TEXT NOT NULL REFERENCES inbox_rules(id) ON DELETE CASCADE,
      number      TEXT NOT NULL,
      day         TEXT NOT NULL,              -- the PC's local day, YYYY-MM-DD
      inbound_id  INTEGER NOT NULL,
      at          INTEGER NOT NULL,
      campaign_id TEXT,                       -- the reply, once queued
      error       TEXT,                       -- why it was not queued
      PRIMARY KEY (rule_id, number, day)
    ) WITHOUT ROWID;
  `,
};
