import type { Migration } from './types.ts';

/** The audit log: who did what to which thing, and when (sends, cancels, schedule and account changes). Append-only. */
export const m0006Audit: Migration = {
  version: 6,
  name: 'audit log',
  up: `
    CREATE TABLE audit_log (
      id        INTEGER PRIMARY KEY,
      at        INTEGER NOT NULL,
      actor     TEXT NOT NULL,
      source    TEXT NOT NULL CHECK (source IN ('ui','schedule','system')),
      action    TEXT NOT NULL,
      target_id TEXT,
      summary   TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_log_at ON audit_log(at);
    CREATE INDEX audit_log_action_at ON audit_log(action, at);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
};
