import type { Migration } from './types.ts';

/**
 * Schedules (local and provider-side, one list) and the runs of local ones. A run row is written in
 * the SAME transaction as the campaign it creates; UNIQUE (schedule_id, due_at) makes a second firing
 * of the same due time impossible, even after a crash in the middle of firing.
 */
export const m0005Schedules: Migration = {
  version: 5,
  name: 'schedules and schedule runs',
  up: `
    CREATE TABLE schedules (
      id             TEXT PRIMARY KEY,
      kind           TEXT NOT NULL CHECK (kind IN ('local','jsms','eims-timed','eims-job')),
      name           TEXT NOT NULL,
      account_id     TEXT NOT NULL,
      provider       TEXT NOT NULL,
      state          TEXT NOT NULL CHECK (state IN ('active','paused','done','deleted','failed')),
      draft          TEXT NOT NULL,             -- JSON CampaignDraft
      when_json      TEXT,                      -- JSON When (local schedules; provider ones: their time)
      zone           TEXT NOT NULL,
      missed_policy  TEXT NOT NULL DEFAULT 'run-once' CHECK (missed_policy IN ('run-once','skip')),
      next_due_at    INTEGER,
      run_count      INTEGER NOT NULL DEFAULT 0,
      last_error     TEXT,                      -- JSON AppErrorShape
      provider_data  TEXT NOT NULL DEFAULT '{}',-- JSON: provider parts (schedule ids, job options, file URL)
      created_at     INTEGER NOT NULL,
      updated_at     INTEGER NOT NULL
    );
    CREATE INDEX schedules_due ON schedules(next_due_at) WHERE state = 'active' AND kind = 'local';
    CREATE INDEX schedules_created ON schedules(created_at);

    CREATE TABLE schedule_runs (
      id           INTEGER PRIMARY KEY,
      schedule_id  TEXT NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
      due_at       INTEGER NOT NULL,
      fired_at     INTEGER NOT NULL,
      outcome      TEXT NOT NULL CHECK (outcome IN ('created','skipped','failed')),
      campaign_id  TEXT,
      detail       TEXT NOT NULL DEFAULT '',
      UNIQUE (schedule_id, due_at)
    );
    CREATE INDEX schedule_runs_schedule ON schedule_runs(schedule_id, due_at);
  `,
};
