import type { Migration } from './types.ts';

/**
 * Replies tied to campaigns and inbox automation (issue 19, parts 3 and 4):
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
/*
 * Named 0014: branches of the same session take 0010–0013. `migrate` wants the versions consecutive, so
 * on this branch it is version 10, listed right after 0009; when the others are merged it becomes 14.
 */
export const m0014RepliesAndInboxRules: Migration = {
  version: 10,
  name: 'replies tied to campaigns, conversations done, inbox rules and auto-replies',
  up: `
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
