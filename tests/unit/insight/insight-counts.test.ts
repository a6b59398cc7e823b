import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/store/database.ts';
import { MIGRATIONS } from '../../../src/main/core/store/migrations/index.ts';
import { createTransitions } from '../../../src/main/core/store/transitions.ts';
import { createInsightQueries, insightReport, medianOfBins } from '../../../src/main/core/insight/insight-queries.ts';
import { deliveryBin } from '../../../src/main/core/store/insight-counts.ts';
import type { InsightRange } from '../../../src/shared/insight.ts';
import { insightCountsDrift } from '../../helpers/kept-counts.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

const T0 = Date.UTC(2026, 0, 5, 9, 5); // Monday 09:05 UTC
const DAY = 86_400_000;
const RANGE: InsightRange = { from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 7), utcOffsetMinutes: 0 };

function open(migrations = MIGRATIONS): Database.Database {
  const t = makeTempDir('insight-counts-');
  const { db } = openDatabase(t.dir, migrations);
  cleanups.push(() => {
    db.close();
    t.cleanup();
  });
  return db;
}

/** What happens to each message: hand-over time and port, then its final state, code and time. */
const PLAN = [
  { n: '+8613800000001', campaign: 'c1', account: 'box', handedAt: T0, port: 2, to: 'delivered', at: T0 + 30_000 },
  { n: '+8613800000002', campaign: 'c1', account: 'box', handedAt: T0, port: 2, to: 'delivered', at: T0 + 90_000 },
  { n: '+8613800000003', campaign: 'c1', account: 'box', handedAt: T0, port: 3, to: 'failed', code: 'BOX_REPORT_FAILED', at: T0 + 600_000 },
  { n: '+8613800000004', campaign: 'c1', account: 'box', handedAt: null, port: 3, to: 'failed', code: 'SEND_REJECTED', at: T0 + 1_000 },
  { n: '+8613800000005', campaign: 'c1', account: 'box', handedAt: null, port: null, to: 'queued', at: T0 },
  { n: '+8613800000006', campaign: 'c2', account: 'cloud', handedAt: T0 + DAY + 5 * 3_600_000, port: null, to: 'expired', at: T0 + 3 * DAY, segments: 3 },
] as const;

function seedBase(db: Database.Database): void {
  db.exec(`INSERT INTO accounts (id, kind, name, config, created_at, updated_at) VALUES ('box', 'gsmbox', 'Office box', '{}', 0, 0), ('cloud', 'eims', 'Cloud', '{}', 0, 0);
           INSERT INTO campaigns (id, name, account_id, provider, content, state, total, created_at, updated_at) VALUES
             ('c1', 'January', 'box', 'gsmbox', '{}', 'done', 5, ${T0 - 60_000}, 0), ('c2', 'Second', 'cloud', 'eims', '{}', 'done', 1, ${T0 + DAY}, 0);`);
  const ins = db.prepare(`INSERT INTO messages (campaign_id, account_id, e164, address, segments, state, updated_at) VALUES (?, ?, ?, ?, ?, 'queued', 0)`);
  for (const p of PLAN) ins.run(p.campaign, p.account, p.n, p.n, 'segments' in p ? p.segments : 1);
  // Replies: one within 72 h of message 1, one after 80 h (not counted), an opt-out from message 3, one from a stranger.
  const inbound = db.prepare(
    `INSERT INTO inbound_sms (account_id, dedupe_key, number, raw_from, text, received_at, stored_at, source, opt_out) VALUES ('box', ?, ?, ?, ?, ?, 0, 'push', ?)`,
  );
  inbound.run('r1', PLAN[0].n, PLAN[0].n, 'thanks', T0 + 3_600_000, 0);
  inbound.run('r2', PLAN[1].n, PLAN[1].n, 'late', T0 + 80 * 3_600_000, 0);
  inbound.run('r3', PLAN[2].n, PLAN[2].n, 'STOP', T0 + 2 * 3_600_000, 1);
  inbound.run('r4', '+8613899999999', '+8613899999999', 'who?', T0 + 3_600_000, 0);
}

const idOf = (db: Database.Database, e164: string) => db.prepare<[string], number>('SELECT id FROM messages WHERE e164 = ?').pluck().get(e164)!;

/** The way the app's writers go: UPDATE, then record the change in the same transaction. */
function sendThroughTransitions(db: Database.Database): void {
  const t = createTransitions(db);
  for (const p of PLAN) {
    if (p.to === 'queued') continue;
    const id = idOf(db, p.n);
    db.transaction(() => {
      db.prepare(`UPDATE messages SET state = 'submitting', port = ?, updated_at = ? WHERE id = ?`).run(p.port, p.handedAt ?? p.at, id);
      t.record(p.handedAt ?? p.at, [{ id, campaignId: p.campaign, accountId: p.account, from: 'queued', to: 'submitting', handed: false }]);
      if (p.handedAt !== null) {
        db.prepare(`UPDATE messages SET state = 'submitted', handed_at = ?, updated_at = ? WHERE id = ?`).run(p.handedAt, p.handedAt, id);
        t.record(p.handedAt, [{ id, campaignId: p.campaign, accountId: p.account, from: 'submitting', to: 'submitted', handed: true }]);
      }
    })();
    db.transaction(() => {
      const code = 'code' in p ? p.code : null;
      db.prepare(`UPDATE messages SET state = ?, error_code = ?, updated_at = ? WHERE id = ?`).run(p.to, code, p.at, id);
      const from = p.handedAt === null ? 'submitting' : 'submitted';
      t.record(p.at, [{ id, campaignId: p.campaign, accountId: p.account, from, to: p.to, handed: p.handedAt !== null }]);
    })();
  }
}

/** The same end state written with plain SQL (as a database from before the insight counts holds it). */
function seedFinalStates(db: Database.Database): void {
  for (const p of PLAN) {
    if (p.to === 'queued') continue;
    db.prepare(`UPDATE messages SET state = ?, port = ?, handed_at = ?, error_code = ?, updated_at = ? WHERE e164 = ?`).run(p.to, p.port, p.handedAt, 'code' in p ? p.code : null, p.at, p.n);
  }
}

function expectTheNumbers(db: Database.Database): void {
  const q = createInsightQueries(db);
  const r = insightReport(q, RANGE);
  expect(r.totals).toMatchObject({ handed: 4, segments: 6, delivered: 2, failed: 1, expired: 1, refused: 1, deliveryRate: 0.5 });

  const nine = r.byHour[9]!;
  expect(nine).toMatchObject({ hour: 9, handed: 3, delivered: 2, failed: 1, refused: 1, expired: 0 });
  expect(nine.deliveryRate).toBeCloseTo(2 / 3);
  expect(r.byHour[14]).toMatchObject({ handed: 1, expired: 1, segments: 3 });
  expect(r.byHour.filter((h) => h.handed > 0).map((h) => h.hour)).toEqual([9, 14]);

  expect(r.byDay.map((d) => [d.day, d.handed, d.delivered, d.expired])).toEqual([
    ['2026-01-05', 3, 2, 0],
    ['2026-01-06', 1, 0, 1],
  ]);
  expect(r.byAccount.map((a) => [a.accountName, a.handed, a.deliveryRate])).toEqual([
    ['Office box', 3, 2 / 3],
    ['Cloud', 1, 0],
  ]);
  expect(r.byPort.map((p) => [p.accountName, p.port, p.handed, p.delivered, p.failed, p.refused, p.deliveryRate])).toEqual([
    ['Office box', 2, 2, 2, 0, 0, 1],
    ['Office box', 3, 1, 0, 1, 1, 0],
  ]);

  const c1 = r.campaigns.find((c) => c.id === 'c1')!;
  expect(c1).toMatchObject({ total: 5, handed: 3, delivered: 2, failed: 2, deliveredRate: 0.4, failedRate: 0.4, medianDeliverySeconds: 30, replies: 2, optOuts: 1 });
  expect(c1.failedByReason).toEqual([
    { code: 'BOX_REPORT_FAILED', n: 1 },
    { code: 'SEND_REJECTED', n: 1 },
  ]);
  expect(r.campaigns.map((c) => c.id)).toEqual(['c2', 'c1']);
  expect(r.campaigns[0]).toMatchObject({ handed: 1, delivered: 0, replies: 0, medianDeliverySeconds: null });

  // The user's clock: at UTC+8 the 09:05 sends are at 17:05.
  const east = insightReport(q, { ...RANGE, utcOffsetMinutes: 480 });
  expect(east.byHour.filter((h) => h.handed > 0).map((h) => [h.hour, h.handed])).toEqual([
    [17, 3],
    [22, 1],
  ]);
}

describe('insight counts', () => {
  it('are kept by the state changes the writers record, and the reads give the numbers of what happened', () => {
    const db = open();
    seedBase(db);
    sendThroughTransitions(db);
    expect(insightCountsDrift(db)).toEqual([]);
    expectTheNumbers(db);
  });

  it('are filled from the messages by the migration on an older database', () => {
    const t = makeTempDir('insight-upgrade-');
    cleanups.push(t.cleanup);
    const old = openDatabase(t.dir, MIGRATIONS.filter((m) => m.version < 10)).db;
    seedBase(old);
    seedFinalStates(old);
    old.close();
    const { db } = openDatabase(t.dir);
    cleanups.unshift(() => db.close());
    expectTheNumbers(db);
  });

  it('the drift check sees a kept count that is off', () => {
    const db = open();
    seedBase(db);
    sendThroughTransitions(db);
    db.exec(`UPDATE send_counts SET delivered = delivered + 1 WHERE port = 2`);
    db.exec(`DELETE FROM campaign_outcomes WHERE kind = 'failed' AND key = 'SEND_REJECTED'`);
    const drift = insightCountsDrift(db);
    expect(drift.map((d) => d.table).sort()).toEqual(['campaign_outcomes', 'send_counts']);
  });

  it('bins delivery times and takes the median of the bins', () => {
    expect([0, 59_999, 60_000, 119_999, 3_599_999, 3_600_000, 86_399_999, 90_000_000].map(deliveryBin)).toEqual([0, 59, 60, 60, 3540, 3600, 85800, 90000]);
    expect(medianOfBins([])).toBeNull();
    expect(medianOfBins([{ seconds: 60, n: 1 }, { seconds: 5, n: 1 }, { seconds: 3600, n: 1 }])).toBe(60);
    expect(medianOfBins([{ seconds: 5, n: 3 }, { seconds: 600, n: 3 }])).toBe(5);
  });
});
