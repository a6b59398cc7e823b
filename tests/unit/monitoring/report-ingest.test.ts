import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReportIngest, type ReportInput } from '../../../src/main/core/monitoring/report-ingest.ts';
import { openDatabase } from '../../../src/main/core/store/database.ts';
import { MIGRATIONS } from '../../../src/main/core/store/migrations/index.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

let tmp: ReturnType<typeof makeTempDir>;
let db: Database.Database;
const now = 1_800_000_000_000;
const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined };

beforeEach(() => {
  tmp = makeTempDir();
  // Only the migrations up to monitoring: the ingest must not depend on later ones.
  db = openDatabase(tmp.dir, MIGRATIONS.filter((m) => m.version <= 4)).db;
  for (const c of ['c1', 'c2', 'c3']) {
    db.prepare(`INSERT INTO campaigns (id, name, account_id, provider, content, state, created_at, updated_at) VALUES (?,'C','acc','eims','{}','done',0,0)`).run(c);
  }
  db.prepare(`INSERT INTO submissions (id, account_id, started_at) VALUES (1, 'acc', ?)`).run(now - 60_000);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

function message(e164: string, state: string, extra: { providerId?: string; port?: number; handedAt?: number; address?: string; campaign?: string } = {}): number {
  return Number(
    db
      .prepare(
        `INSERT INTO messages (campaign_id, account_id, e164, address, state, submission_id, provider_id, port, handed_at, updated_at) VALUES (?,'acc',?,?,?,1,?,?,?,?)`,
      )
      .run(extra.campaign ?? 'c1', e164, extra.address ?? e164.slice(1), state, extra.providerId ?? null, extra.port ?? null, extra.handedAt ?? null, now).lastInsertRowid,
  );
}
const stateOf = (id: number) => (db.prepare(`SELECT state FROM messages WHERE id = ?`).get(id) as { state: string }).state;
const events = (id: number) => db.prepare(`SELECT state, source FROM message_events WHERE message_id = ? ORDER BY id`).all(id);
const byId = (providerId: string, state: ReportInput['state'], source: 'push' | 'poll' = 'push'): ReportInput => ({
  match: { by: 'provider-id', accountId: 'acc', providerId },
  state,
  source,
  detail: 'test',
});

describe('report ingest', () => {
  it('moves forward only: repeats and late "sent" change nothing', () => {
    const ingest = createReportIngest(db, clock);
    const id = message('+8613800000001', 'submitted', { providerId: '11' });
    expect(ingest.ingest([byId('11', 'sent')]).changed).toBe(1);
    expect(ingest.ingest([byId('11', 'delivered', 'poll')]).changed).toBe(1);
    const r = ingest.ingest([byId('11', 'delivered'), byId('11', 'sent'), byId('11', 'submitted'), byId('11', 'failed')]);
    expect(r).toMatchObject({ matched: 4, changed: 0 });
    expect(stateOf(id)).toBe('delivered');
    expect(events(id)).toEqual([
      { state: 'sent', source: 'push' },
      { state: 'delivered', source: 'poll' },
    ]);
    expect(ingest.ingest([byId('nope', 'delivered')]).unmatched).toBe(1);
  });

  it('settles an EIMS unknown message by its number (within the account, after its request)', () => {
    const ingest = createReportIngest(db, clock);
    const id = message('+8613800000002', 'unknown', { address: '8613800000002' });
    const input: ReportInput = {
      match: { by: 'provider-id', accountId: 'acc', providerId: '99', number: '13800000002', settleUnknownByNumber: true },
      state: 'delivered',
      source: 'push',
      detail: 'EIMS push',
    };
    expect(ingest.ingest([{ ...input, match: { ...input.match, accountId: 'other' } as ReportInput['match'] }]).changed).toBe(0);
    expect(ingest.ingest([input]).changed).toBe(1);
    expect(db.prepare(`SELECT state, provider_id AS p FROM messages WHERE id = ?`).get(id)).toEqual({ state: 'delivered', p: '99' });
    expect(ingest.ingest([input]).changed).toBe(0);
  });

  it('matches a box delivery report to the nearest earlier send to that number on that port', () => {
    const ingest = createReportIngest(db, clock);
    const older = message('+8613800000003', 'delivered', { port: 2, handedAt: now - 50_000 });
    const recent = message('+8613800000003', 'sent', { port: 2, handedAt: now - 10_000, campaign: 'c2' });
    const otherPort = message('+8613800000003', 'sent', { port: 3, handedAt: now - 5_000, campaign: 'c3' });
    const report: ReportInput = { match: { by: 'number-port-time', accountId: 'acc', number: '8613800000003', port: 2, at: now }, state: 'delivered', source: 'push', detail: 'box' };
    expect(ingest.ingest([report]).changed).toBe(1);
    expect([stateOf(older), stateOf(recent), stateOf(otherPort)]).toEqual(['delivered', 'delivered', 'sent']);
    expect(ingest.ingest([report]).changed).toBe(0);
  });
});

describe('report ingest on the current schema (migration 7: counts written set-based)', () => {
  /** The same reports on a migration-4 schema (per-row triggers count) and on the current one. */
  function run(migrations: typeof MIGRATIONS) {
    const t = makeTempDir();
    const d = openDatabase(t.dir, migrations).db;
    d.prepare(`INSERT INTO campaigns (id, name, account_id, provider, content, state, created_at, updated_at) VALUES ('c1','C','acc','eims','{}','done',0,0)`).run();
    d.prepare(`INSERT INTO submissions (id, account_id, started_at) VALUES (1, 'acc', ?)`).run(now - 60_000);
    const add = d.prepare(`INSERT INTO messages (campaign_id, account_id, e164, address, state, submission_id, provider_id, handed_at, updated_at) VALUES ('c1',?,?,?,?,1,?,?,?)`);
    const states = ['submitted', 'sent', 'unknown', 'submitted', 'delivered', 'submitting'];
    for (let i = 0; i < 30; i++) {
      const state = states[i % states.length]!;
      add.run(i % 7 === 0 ? 'acc2' : 'acc', `+86138000000${String(i).padStart(2, '0')}`, `86138000000${String(i).padStart(2, '0')}`, state, state === 'unknown' ? null : `p${i}`, now - 1000, now - 1000);
    }
    let at = now;
    const ingest = createReportIngest(d, { now: () => at, setTimeout: () => 0, clearTimeout: () => undefined });
    const report = (i: number, state: ReportInput['state'], extra: Partial<ReportInput> = {}): ReportInput => ({
      match: { by: 'provider-id', accountId: i % 7 === 0 ? 'acc2' : 'acc', providerId: `p${i}`, number: `138000000${String(i).padStart(2, '0')}`, settleUnknownByNumber: true },
      state,
      source: 'push',
      detail: `r${i % 3}`,
      ...extra,
    });
    const batches: ReportInput[][] = [
      Array.from({ length: 30 }, (_, i) => report(i, i % 5 === 0 ? 'failed' : 'sent', i % 5 === 0 ? { code: 'X', message: 'no' } : {})),
      // Unknown messages settled by number; sent → delivered and submitted → delivered in one batch; repeats.
      [report(2, 'delivered', { match: { by: 'provider-id', accountId: 'acc', providerId: 'new2', number: '13800000002', settleUnknownByNumber: true } }), report(1, 'delivered'), report(1, 'delivered'), report(3, 'delivered'), report(3, 'expired')],
      Array.from({ length: 30 }, (_, i) => report(i, 'delivered')),
    ];
    const results = batches.map((b) => {
      at += 900_000;
      const r = ingest.ingest(b);
      return { ...r, campaignIds: [...r.campaignIds] };
    });
    const out = {
      results,
      counts: d.prepare(`SELECT bucket, account_id, kind, n FROM daily_counts ORDER BY 1, 2, 3`).all(),
      messages: d.prepare(`SELECT id, state, error_code, error_message, provider_code, provider_id, updated_at FROM messages ORDER BY id`).all(),
      events: d.prepare(`SELECT message_id, at, state, source, detail FROM message_events ORDER BY message_id, id`).all(),
    };
    d.close();
    t.cleanup();
    return out;
  }

  it('ends in the same states, events and daily counts as the per-row triggers', () => {
    const old = run(MIGRATIONS.filter((m) => m.version <= 4));
    const current = run(MIGRATIONS);
    expect(old.counts.length).toBeGreaterThan(4);
    expect(current).toEqual(old);
  });
});
