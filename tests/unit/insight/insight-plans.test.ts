/** The replies count must go from the range's inbound SMS to each one's number, never through every message of the listed campaigns. */
import { describe, expect, it } from 'vitest';
import { REPLIES_SQL } from '../../../src/main/core/insight/insight-queries.ts';
import { openDatabase } from '../../../src/main/core/store/database.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

describe('insight query plans', () => {
  it('replies: inbound by time, then messages by number (not by campaign)', () => {
    const tmp = makeTempDir();
    const { db } = openDatabase(tmp.dir);
    try {
      const plan = db
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${REPLIES_SQL}`)
        .all(0, '["a","b"]', 1)
        .map((r) => r.detail);
      expect(plan[0]).toMatch(/SEARCH i USING INDEX inbound_recent/);
      expect(plan[1]).toMatch(/SEARCH m USING INDEX messages_e164 \(e164=\?\)/);
      expect(plan.join(' | ')).not.toMatch(/campaign_id=\?/);
    } finally {
      db.close();
      tmp.cleanup();
    }
  });
});
