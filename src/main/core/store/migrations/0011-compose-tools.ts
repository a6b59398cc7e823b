import type { Migration } from './types.ts';

/**
 * Safer sending, JSMS templates and hand-kept contacts (issue 17, items 5, 6 and 8).
 * - campaigns.kind: 'campaign' (the default, every existing row) or 'test' — a "send a test to me"
 *   goes through the ledger like any send (so its fate is tracked), but it is not a campaign: the
 *   campaign list, the dashboard and the campaign notices leave it out.
 * - campaign_sources: the draft a campaign was written from (lists, pasted numbers…), so it can be
 *   duplicated. Its own table: the campaign list never reads a 2 MB paste.
 * - drafts: compose forms saved to finish later (any shape the form had; checked when sent).
 * - contacts.tags: a JSON array of short labels, searchable (they go into search_text).
 * - jsms_templates / jsms_signs: the templates and signatures the app knows per JSMS account. JSMS
 *   has no "list" call, so these are the ones created here or added by id, with the status last read
 *   (0 reviewing, 1 passed, 2 rejected) and the refusal reason when JSMS pushed one.
 */
export const m0011ComposeTools: Migration = {
  // 11 once the branch holding 0010 (truth-ui: single messages and template texts) is merged; versions
  // must be consecutive, so on this branch it follows 9. That 0010 also adds campaigns.kind (with
  // 'test' among its kinds) and a smaller jsms_templates (template, type, status, fetched_at): when
  // both are in, this step keeps only what 0010 lacks — no second `kind`, and ALTER TABLE jsms_templates
  // ADD COLUMN ttl, remark, refuse_reason, checked_at, created_at, updated_at instead of the CREATE.
  version: 10,
  name: 'test sends, campaign sources, drafts, contact tags, JSMS templates and signatures',
  up: `
    ALTER TABLE campaigns ADD COLUMN kind TEXT NOT NULL DEFAULT 'campaign';

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

    CREATE TABLE jsms_templates (
      account_id     TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      temp_id        INTEGER NOT NULL,
      template       TEXT NOT NULL,
      type           INTEGER NOT NULL,
      ttl            INTEGER,
      remark         TEXT NOT NULL DEFAULT '',
      status         INTEGER,
      refuse_reason  TEXT,
      checked_at     INTEGER,
      created_at     INTEGER NOT NULL,
      updated_at     INTEGER NOT NULL,
      PRIMARY KEY (account_id, temp_id)
    ) WITHOUT ROWID;

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
