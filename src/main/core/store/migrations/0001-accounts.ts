import type { Migration } from './types.ts';

export const m0001Accounts: Migration = {
  version: 1,
  name: 'accounts and provider counters',
  up: `
    CREATE TABLE accounts (
      id          TEXT PRIMARY KEY,
      kind        TEXT NOT NULL CHECK (kind IN ('jsms', 'eims', 'gsmbox')),
      name        TEXT NOT NULL,
      config      TEXT NOT NULL,            -- JSON of the kind's non-secret fields
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    );
    CREATE INDEX accounts_kind ON accounts(kind);

    -- Strictly increasing per-account counters that must survive restarts (EIMS encrypted-mode seq).
    CREATE TABLE provider_counters (
      account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      name        TEXT NOT NULL,
      value       INTEGER NOT NULL,
      PRIMARY KEY (account_id, name)
    );
  `,
};
