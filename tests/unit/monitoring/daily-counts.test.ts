/**
 * The dashboard counts moved from three triggers (migration 0004) into code (store/daily-counts.ts).
 * Every (from, to, handed) change is run through the original triggers on a schema-6 database and
 * through `countedKinds`: the same kinds, or the dashboard would drift from what it showed before.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MESSAGE_STATES } from '../../../src/shared/campaigns.ts';
import { migrate } from '../../../src/main/core/store/migrate.ts';
import { MIGRATIONS } from '../../../src/main/core/store/migrations/index.ts';
import { countedKinds, QUARTER_HOUR_MS } from '../../../src/main/core/store/daily-counts.ts';
import { createTransitions } from '../../../src/main/core/store/transitions.ts';

/** Puts the message in `from` (what that fires is cleared), then moves it to `to`: the kinds the triggers counted. */
function triggerKinds(db: Database.Database, from: string, to: string, handed: boolean): string[] {
  db.prepare(`UPDATE messages SET state = ?, handed_at = ? WHERE id = 1`).run(from, handed ? 1 : null);
  db.exec('DELETE FROM daily_counts');
  db.prepare(`UPDATE messages SET state = ?, updated_at = ? WHERE id = 1`).run(to, 5 * QUARTER_HOUR_MS);
  return (db.prepare(`SELECT kind FROM daily_counts ORDER BY kind`).pluck().all() as string[]).sort();
}

describe('daily counts kept in code', () => {
  it('count exactly what the triggers of migration 0004 counted, for every state change', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 6));
    db.exec(`INSERT INTO campaigns (id, name, account_id, provider, content, options, total, total_segments, state, created_at, updated_at)
             VALUES ('c', 'c', 'a', 'eims', '{}', '{}', 1, 1, 'running', 0, 0)`);
    db.exec(`INSERT INTO messages (id, campaign_id, account_id, e164, address, state, updated_at) VALUES (1, 'c', 'a', '+8613900000000', '8613900000000', 'queued', 0)`);
    let compared = 0;
    for (const from of MESSAGE_STATES) {
      for (const to of MESSAGE_STATES) {
        for (const handed of [false, true]) {
          const expected = triggerKinds(db, from, to, handed);
          expect({ from, to, handed, kinds: [...countedKinds({ from, to, handed })].sort() }).toEqual({ from, to, handed, kinds: expected });
          compared += 1;
        }
      }
    }
    expect(compared).toBe(MESSAGE_STATES.length ** 2 * 2);
    db.close();
  });

  it('adds a batch per quarter hour and account in one upsert each, on top of what is there', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    db.exec(`INSERT INTO campaigns (id, name, account_id, provider, content, state, created_at, updated_at) VALUES ('c', 'C', 'a', 'eims', '{}', 'running', 0, 0)`);
    const daily = createTransitions(db);
    const at = 7 * QUARTER_HOUR_MS + 123;
    daily.record(at, [
      { id: 1, campaignId: 'c', accountId: 'a', from: 'submitting', to: 'submitted', handed: true },
      { id: 2, campaignId: 'c', accountId: 'a', from: 'submitting', to: 'sent', handed: true },
      { id: 3, campaignId: 'c', accountId: 'b', from: 'submitted', to: 'delivered', handed: true },
      { id: 4, campaignId: 'c', accountId: 'a', from: 'submitting', to: 'queued', handed: false },
    ]);
    daily.record(at + 1, [{ id: 5, campaignId: 'c', accountId: 'a', from: 'unknown', to: 'failed', handed: true }]);
    const rows = db.prepare(`SELECT bucket, account_id, kind, n FROM daily_counts ORDER BY account_id, kind`).all();
    expect(rows).toEqual([
      { bucket: 7, account_id: 'a', kind: 'failed', n: 1 },
      { bucket: 7, account_id: 'a', kind: 'handed', n: 3 },
      { bucket: 7, account_id: 'a', kind: 'sent', n: 1 },
      { bucket: 7, account_id: 'b', kind: 'delivered', n: 1 },
      { bucket: 7, account_id: 'b', kind: 'sent', n: 1 },
    ]);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'messages'`).pluck().get()).toBe(0);
    db.close();
  });
});
