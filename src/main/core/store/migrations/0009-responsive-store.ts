import type { Migration } from './types.ts';

/**
 * Long work leaves main's event loop (issue 15): what grows with the data is written in short
 * transactions, so each such piece of work needs a state that says "not complete yet", and what the
 * UI reads often is kept rather than counted.
 * - campaigns: rebuilt to widen the state list — `preparing` (its messages are being written in short
 *   steps; never sent from; resumed from `prepare_input` or discarded after a crash) and `handed`
 *   (nothing left to send since `handed_at`; `done` once every message is final or the report window
 *   has passed: issue 16). SQLite cannot change a CHECK in place.
 * - campaign_counts: messages per (campaign, state), kept by the code that changes a state
 *   (store/transitions.ts) so a campaign's counts never scan its messages.
 * - submissions.requested_at: a request's messages are claimed in several short transactions; the
 *   last one stamps requested_at. A crash before it left nothing with the provider (messages go back
 *   to the queue); after it, they may have been sent (unknown). Old rows count as requested.
 * - lists.state and imports: a big import writes its list in short steps (`importing`, hidden), a big
 *   delete empties it in short steps (`deleting`, hidden); a crash part-way is finished or undone at start.
 *   Members (and contacts) an import or merge wrote carry its id, so it can be taken back.
 * - messages_number: an FTS5 trigram index of message numbers (rowid = message id), so "contains these
 *   digits" searches never scan. Filled for new messages as they are written; older ones are added in
 *   short steps after start (meta.messages_number_backfill_below).
 */
export const m0009ResponsiveStore: Migration = {
  version: 9,
  name: 'states for work written in steps, kept counts, number search index',
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
      handed_at     INTEGER                    -- when nothing was left to send (the report window starts)
    );
    INSERT INTO campaigns_new (id, name, account_id, provider, content, quiet_hours, options, state, total, total_segments, last_error, retry_of, created_at, updated_at, finished_at)
      SELECT id, name, account_id, provider, content, quiet_hours, options, state, total, total_segments, last_error, retry_of, created_at, updated_at, finished_at FROM campaigns;
    UPDATE campaigns_new SET handed_at = finished_at WHERE state = 'done';
    DROP TABLE campaigns;
    ALTER TABLE campaigns_new RENAME TO campaigns;
    CREATE INDEX campaigns_created ON campaigns(created_at);
    CREATE INDEX campaigns_state ON campaigns(state);

    CREATE TABLE campaign_counts (
      campaign_id  TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      state        TEXT NOT NULL,
      n            INTEGER NOT NULL,
      PRIMARY KEY (campaign_id, state)
    ) WITHOUT ROWID;
    INSERT INTO campaign_counts (campaign_id, state, n) SELECT campaign_id, state, count(*) FROM messages GROUP BY campaign_id, state;

    ALTER TABLE submissions ADD COLUMN requested_at INTEGER;
    UPDATE submissions SET requested_at = started_at;

    ALTER TABLE lists ADD COLUMN state TEXT NOT NULL DEFAULT 'ready' CHECK (state IN ('ready','importing','deleting'));
    ALTER TABLE list_members ADD COLUMN import_id TEXT;
    ALTER TABLE contacts ADD COLUMN import_id TEXT;            -- the job that created it (not changed by later updates)
    CREATE TABLE imports (
      id          TEXT PRIMARY KEY,
      list_id     TEXT NOT NULL,
      state       TEXT NOT NULL CHECK (state IN ('writing','done','undone')),
      new_list    INTEGER NOT NULL,
      started_at  INTEGER NOT NULL,
      finished_at INTEGER
    );

    CREATE VIRTUAL TABLE messages_number USING fts5(number, content='', contentless_delete=1, tokenize='trigram');
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    INSERT INTO meta (key, value) SELECT 'messages_number_backfill_below', coalesce(max(id), 0) + 1 FROM messages;
  `,
};
