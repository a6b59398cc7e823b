import type { Migration } from './types.ts';

/**
 * What the dashboard's "needs attention" list knows about each account between starts (issue 17):
 * - the last connection test (Accounts' "Test connection" and the dashboard's balance check): when,
 *   whether it passed, and the error's code and sentence when it did not;
 * - GSM boxes: when the app last read the box's push settings back and they pointed here, and when the
 *   receiver last accepted a push from it. Neither set means pushes were never set up or never seen.
 * A row goes with its account.
 */
export const m0011AccountHealth: Migration = {
  version: 11,
  name: 'account health: last connection test, box push confirmed, last push',
  up: `
    CREATE TABLE account_health (
      account_id             TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
      tested_at              INTEGER,
      test_ok                INTEGER,
      test_code              TEXT,
      test_message           TEXT,
      push_confirmed_at      INTEGER,
      last_push_at           INTEGER
    );
  `,
};
