import type { Migration } from './types.ts';

/**
 * What the screens say is true (issue 16, items 4, 6 and 7):
 * - campaigns.kind: a reply from the inbox and the GSM box push test are single messages, not
 *   campaigns ('reply', 'test'); they still go through the ledger like any send, but the campaign list
 *   and the dashboard leave them out. Rows from before this version are recognised by what the app
 *   named them ("Reply to <number>", "Box push test") and by holding one message.
 * - jsms_templates: the text and type of JSMS templates, read with GET /v1/templates/{id}, so a sent
 *   template SMS shows its words (the ledger keeps only its parameters) and the pre-send summary knows
 *   which quota the template draws from. An approved template cannot change; others are read again.
 * - submissions_port_day: "sent today on this SIM" (the per-SIM daily cap, and what the screens say is
 *   left of it) is read from today's submissions only, never from all of them.
 */
export const m0010SingleMessagesAndTemplates: Migration = {
  version: 10,
  name: 'single messages, JSMS template texts, SIM sends per day',
  up: `
    ALTER TABLE campaigns ADD COLUMN kind TEXT NOT NULL DEFAULT 'campaign' CHECK (kind IN ('campaign','reply','test'));
    UPDATE campaigns SET kind = 'reply' WHERE name LIKE 'Reply to %' AND total = 1 AND retry_of IS NULL;
    UPDATE campaigns SET kind = 'test' WHERE name = 'Box push test' AND provider = 'gsmbox' AND total = 1 AND retry_of IS NULL;
    CREATE INDEX campaigns_kind ON campaigns(kind, created_at);

    CREATE TABLE jsms_templates (
      account_id  TEXT NOT NULL,
      temp_id     INTEGER NOT NULL,
      template    TEXT NOT NULL,
      type        INTEGER NOT NULL,               -- 1 verification code, 2 notice, 3 marketing
      status      INTEGER,                        -- 0 reviewing, 1 approved, 2 rejected (null: not said)
      fetched_at  INTEGER NOT NULL,
      PRIMARY KEY (account_id, temp_id)
    ) WITHOUT ROWID;

    CREATE INDEX submissions_port_day ON submissions(account_id, started_at) WHERE port IS NOT NULL;
  `,
};
