import type { Migration } from './types.ts';

/**
 * Safer sending, JSMS templates and hand-kept contacts (issue 17, items 5, 6 and 8).
 * - A "send a test to me" is a campaigns row of kind 'test' (0010's kind): it goes through the ledger
 *   like any send, so its fate is tracked, but the campaign list and the dashboard leave it out.
 * - campaign_sources: the draft a campaign was written from (lists, pasted numbers…), so it can be
 *   duplicated. Its own table: the campaign list never reads a 2 MB paste.
 * - drafts: compose forms saved to finish later (any shape the form had; checked when sent).
 * - contacts.tags: a JSON array of short labels, searchable (they go into search_text).
 * - jsms_templates (0010 keeps their texts for sent-text and the quota) gains what the Templates screen
 *   shows: ttl, remark, the refusal reason JSMS pushed, when the review was last read, and when the row
 *   was made and changed (rows from before this version take their fetched_at for both).
 * - jsms_signs: the signatures the app knows per JSMS account. JSMS has no "list" call, so these are
 *   the ones created here or added by id, with the status last read (0 reviewing, 1 passed, 2 rejected).
 */
export const m0015ComposeTools: Migration = {
  version: 15,
  name: 'campaign sources, drafts, contact tags, JSMS template reviews and signatures',
  up: `
    CREATE TABLE campaign_sources (
      campaign_id  TEXT PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
      draft        TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE drafts (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      form        TEXT NOT NULL,
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    );
    CREATE INDEX drafts_updated ON drafts(updated_at);

    ALTER TABLE contacts ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';

    ALTER TABLE jsms_templates ADD COLUMN ttl INTEGER;
    ALTER TABLE jsms_templates ADD COLUMN remark TEXT NOT NULL DEFAULT '';
    ALTER TABLE jsms_templates ADD COLUMN refuse_reason TEXT;
    ALTER TABLE jsms_templates ADD COLUMN checked_at INTEGER;
    ALTER TABLE jsms_templates ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE jsms_templates ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
    UPDATE jsms_templates SET created_at = fetched_at, updated_at = fetched_at;

    CREATE TABLE jsms_signs (
      account_id     TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      sign_id        INTEGER NOT NULL,
      sign           TEXT NOT NULL,
      status         INTEGER,
      use_status     INTEGER,
      refuse_reason  TEXT,
      checked_at     INTEGER,
      created_at     INTEGER NOT NULL,
      updated_at     INTEGER NOT NULL,
      PRIMARY KEY (account_id, sign_id)
    ) WITHOUT ROWID;
  `,
};
