import type { Migration } from './types.ts';

/**
 * The outbox ledger (docs/sending-design.md). A campaign holds one row per message in `messages`;
 * every provider request is a `submissions` row written BEFORE the request; every state change of a
 * message is a `message_events` row written in the same transaction as the change.
 * Counts per state come from the (campaign_id, state) index: no triggers, so bulk writes stay cheap.
 */
export const m0003Campaigns: Migration = {
  version: 3,
  name: 'campaigns, messages, submissions and the message event log',
  up: `
    CREATE TABLE campaigns (
      id            TEXT PRIMARY KEY,
      name          TEXT NOT NULL,
      account_id    TEXT NOT NULL,
      provider      TEXT NOT NULL,
      content       TEXT NOT NULL,             -- JSON CampaignContent
      quiet_hours   TEXT,                      -- JSON {start,end} or NULL
      options       TEXT NOT NULL DEFAULT '{}',-- JSON: ports, …
      state         TEXT NOT NULL CHECK (state IN ('running','paused','cancelled','done')),
      total         INTEGER NOT NULL DEFAULT 0,
      total_segments INTEGER NOT NULL DEFAULT 0,
      last_error    TEXT,                      -- JSON AppErrorShape or NULL
      retry_of      TEXT,
      created_at    INTEGER NOT NULL,
      updated_at    INTEGER NOT NULL,
      finished_at   INTEGER
    );
    CREATE INDEX campaigns_created ON campaigns(created_at);
    CREATE INDEX campaigns_state ON campaigns(state);

    CREATE TABLE submissions (
      id          INTEGER PRIMARY KEY,
      account_id  TEXT NOT NULL,
      started_at  INTEGER NOT NULL,
      finished_at INTEGER,
      outcome     TEXT CHECK (outcome IN ('answered','not-sent','unknown')),
      port        INTEGER
    );

    CREATE TABLE messages (
      id             INTEGER PRIMARY KEY,
      campaign_id    TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      account_id     TEXT NOT NULL,
      e164           TEXT NOT NULL,
      address        TEXT NOT NULL,            -- the number as this provider wants it
      text           TEXT NOT NULL DEFAULT '', -- rendered text (text mode)
      params         TEXT,                     -- JSON template parameters (template mode)
      segments       INTEGER NOT NULL DEFAULT 1,
      state          TEXT NOT NULL,
      attempts       INTEGER NOT NULL DEFAULT 0,
      not_before     INTEGER NOT NULL DEFAULT 0,
      submission_id  INTEGER REFERENCES submissions(id),
      provider_id    TEXT,
      port           INTEGER,
      handed_at      INTEGER,                  -- when the provider took it (box report matching)
      error_code     TEXT,
      error_message  TEXT,
      provider_code  TEXT,
      updated_at     INTEGER NOT NULL,
      UNIQUE (campaign_id, e164)
    );
    CREATE INDEX messages_campaign_state ON messages(campaign_id, state, id);
    CREATE INDEX messages_submission ON messages(submission_id) WHERE submission_id IS NOT NULL;
    CREATE INDEX messages_provider_id ON messages(account_id, provider_id) WHERE provider_id IS NOT NULL;
    CREATE INDEX messages_unknown ON messages(account_id, address) WHERE state = 'unknown';
    CREATE INDEX messages_submitting ON messages(submission_id) WHERE state = 'submitting';
    CREATE INDEX messages_port_day ON messages(account_id, port, handed_at) WHERE port IS NOT NULL;

    CREATE TABLE message_events (
      id          INTEGER PRIMARY KEY,
      message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
      at          INTEGER NOT NULL,
      state       TEXT NOT NULL,
      source      TEXT NOT NULL CHECK (source IN ('app','reply','push','poll','reconcile','user')),
      detail      TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX message_events_message ON message_events(message_id, id);

  `,
};
