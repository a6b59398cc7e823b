/** The ledger's bulk statements must stay on the primary key whatever indexes later migrations add. */
import { describe, expect, it } from 'vitest';
import { ACCEPT_SQL, CLAIM_SQL } from '../../../src/main/core/dispatch/ledger.ts';
import { openDatabase } from '../../../src/main/core/store/database.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

describe('ledger query plans', () => {
  it.each([
    ['claim', CLAIM_SQL, [1, 1, null, '[]']],
    ['accept', ACCEPT_SQL, [1, 1, '[]']],
  ])('%s looks messages up by primary key, never by scanning a state index', (_name, sql, args) => {
    const tmp = makeTempDir();
    const { db } = openDatabase(tmp.dir);
    try {
      const plan = db
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...args)
        .map((r) => r.detail)
        .join(' | ');
      expect(plan).toMatch(/SEARCH messages USING INTEGER PRIMARY KEY/);
      expect(plan).not.toMatch(/INDEX messages_\w*state/);
    } finally {
      db.close();
      tmp.cleanup();
    }
  });
});
