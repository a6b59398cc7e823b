/**
 * The ledger keeps the dashboard's daily counts itself since migration 8. The same transitions run on
 * a database with the original per-row triggers of migration 4 put back (the triggers count, the
 * ledger's recorder stands aside) and on the current one (the ledger counts): the counts must be
 * equal. The kept per-campaign counts must equal a count of the messages on both.
 */
import { describe, expect, it } from 'vitest';
import { CampaignsRepository } from '../../../src/main/core/campaigns/campaigns-repository.ts';
import { Ledger } from '../../../src/main/core/dispatch/ledger.ts';
import { openDatabase } from '../../../src/main/core/store/database.ts';
import { m0004Monitoring } from '../../../src/main/core/store/migrations/0004-monitoring.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { keptCountsDrift } from '../../helpers/kept-counts.ts';

/** Migration 4's three daily-count triggers, as they were. */
const ORIGINAL_TRIGGERS = m0004Monitoring.up.slice(m0004Monitoring.up.indexOf('CREATE TRIGGER'));

function run(withTriggers: boolean) {
  const tmp = makeTempDir();
  const db = openDatabase(tmp.dir).db;
  if (withTriggers) db.exec(ORIGINAL_TRIGGERS);
  let at = 1_800_000_000_000;
  const clock = { now: () => at, setTimeout: () => 0, clearTimeout: () => undefined };
  const ledger = new Ledger(db, clock);
  new CampaignsRepository(db).create(
    { id: 'c1', name: 'C', accountId: 'a1', provider: 'eims', content: { mode: 'text', body: 'x' }, quietHours: null, options: {}, retryOf: null, createdAt: 1 },
    Array.from({ length: 12 }, (_, i) => ({ e164: `+861390000${String(i).padStart(4, '0')}`, address: `861390000${String(i).padStart(4, '0')}`, text: 'x', params: null, segments: 1 })),
  );
  const failure = { code: 'X', message: 'no' };
  // Request 1: 3 accepted as submitted, 1 as sent, 1 as failed, 1 rejected for good, 1 to retry, 1 not in the reply (unknown).
  const a = ledger.claim('a1', ledger.pick('c1', 8));
  at += 1_000;
  const ids = a.claimed.map((m) => m.id);
  ledger.settleAnswered(
    a.submissionId,
    [
      { id: ids[0]!, providerId: 'p0' },
      { id: ids[1]!, providerId: 'p1' },
      { id: ids[2]!, providerId: 'p2' },
      { id: ids[3]!, providerId: 'p3', state: 'sent' },
      { id: ids[4]!, providerId: 'p4', state: 'failed' },
    ],
    [
      { id: ids[5]!, error: failure, retryAt: null },
      { id: ids[6]!, error: failure, retryAt: at },
    ],
  );
  // A quarter hour later: the retried one is sent again and accepted; the unknown one is settled by reconciliation.
  at += 900_000;
  const b = ledger.claim('a1', ledger.pick('c1', 1, at));
  ledger.settleAnswered(b.submissionId, [{ id: b.claimed[0]!.id, providerId: 'p6' }], []);
  ledger.resolveUnknown(ids[7]!, 'delivered', { source: 'reconcile', note: 'found' });
  // Another request is refused as a whole (not sent, failed for good) and one times out (unknown), later found failed.
  const c = ledger.claim('a1', ledger.pick('c1', 2, at));
  ledger.settleNotSent(c.submissionId, failure, null);
  const d = ledger.claim('a1', ledger.pick('c1', 1, at));
  ledger.settleUnknown(d.submissionId, failure);
  at += 60_000;
  ledger.resolveUnknown(d.claimed[0]!.id, 'failed', { source: 'reconcile', note: 'outbox: FAILED', error: failure });
  const counts = db.prepare(`SELECT bucket, account_id, kind, n FROM daily_counts ORDER BY 1, 2, 3`).all();
  const states = db.prepare(`SELECT state, count(*) AS n FROM messages GROUP BY state ORDER BY state`).all();
  const drift = keptCountsDrift(db);
  db.close();
  tmp.cleanup();
  return { counts, states, drift };
}

describe('ledger daily counts', () => {
  it('equal what the per-row triggers counted, for accept, fail, retry, unknown and reconciliation', () => {
    const old = run(true);
    const current = run(false);
    expect(old.counts.length).toBeGreaterThanOrEqual(4);
    expect(current).toEqual(old);
    expect(current.drift).toEqual([]);
  });
});
