import type { Migration } from './types.ts';

/**
 * Self-healing GSM box ports (issue 19, part 2).
 * - box_ports: one row per (box account, port): whether the port is in rotation or taken out (and why,
 *   since when, when it is tried again, the one trial message in flight) and the SIM's IMSI as the box
 *   last pushed it, with the one before it when it changed. Written only when one of these changes.
 * - campaign_events: a campaign's own history lines (a port of its box taken out of rotation, tried
 *   again, back; a SIM changed), each kind with its facts as JSON; the window words them.
 */
export const m0013BoxPorts: Migration = {
  version: 13,
  name: 'box port rotation and SIM identity, campaign history lines',
  up: `
    CREATE TABLE box_ports (
      account_id        TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      port              INTEGER NOT NULL,
      name              TEXT,
      rotation          TEXT NOT NULL DEFAULT 'in' CHECK (rotation IN ('in','resting','trial','unavailable')),
      reason            TEXT,                   -- why it is out: failing, failure-rate, unavailable, trial-failed, no-trial-result
      facts             TEXT,                   -- JSON: the numbers behind the reason
      out_since         INTEGER,
      retry_at          INTEGER,                -- resting: the cool-down ends
      trial_message_id  INTEGER,                -- trial: the one message sent to try it again
      imsi              TEXT,
      previous_imsi     TEXT,
      imsi_changed_at   INTEGER,
      updated_at        INTEGER NOT NULL,
      PRIMARY KEY (account_id, port)
    ) WITHOUT ROWID;

    CREATE TABLE campaign_events (
      id           INTEGER PRIMARY KEY,
      campaign_id  TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      at           INTEGER NOT NULL,
      kind         TEXT NOT NULL,
      data         TEXT NOT NULL             -- JSON: the facts of the line (port, reason, counts, times, IMSIs)
    );
    CREATE INDEX campaign_events_campaign ON campaign_events(campaign_id, id);
  `,
};
