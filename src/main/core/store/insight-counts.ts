import type Database from 'better-sqlite3';
import type { SendCounts } from '../../../shared/insight.ts';
import { QUARTER_HOUR_MS } from './daily-counts.ts';

/**
 * The insight counts (migrations/0012-insight-counts.ts): `send_counts` per quarter hour of the send ×
 * account × box port, and `campaign_outcomes` per campaign — kept by store/transitions.ts from the same
 * state changes as the dashboard's counts, one upsert per distinct key of a batch. What each counts is
 * defined by the SELECTs of that migration (the tests compare the kept rows against them).
 *
 * The counts need more of a message than a change carries (when it was handed over, its port, segments
 * and error code), so the batch's counted messages are read back by id in one statement after the
 * writer's UPDATE, in the same transaction: the writers stay as they are and the facts are exactly the
 * ones the rows now hold.
 */

/** No port (cloud providers): the key's port column cannot be NULL. */
export const NO_PORT = -1;

/** The kinds (daily-counts.ts `countedKinds`) the insight counts react to. */
const INSIGHT_KINDS = new Set(['handed', 'delivered', 'failed', 'expired']);

/**
 * The bin of a delivery time, in seconds from hand-over to the report: exact seconds under a minute,
 * whole minutes under an hour, ten minutes under a day, then hours. The same CASE is in the migration.
 */
export function deliveryBin(ms: number): number {
  const s = Math.max(0, Math.trunc(ms / 1000));
  if (s < 60) return s;
  if (s < 3600) return Math.trunc(s / 60) * 60;
  if (s < 86_400) return Math.trunc(s / 600) * 600;
  return Math.trunc(s / 3600) * 3600;
}

interface Facts {
  id: number;
  handed_at: number | null;
  updated_at: number;
  port: number | null;
  segments: number;
  error_code: string | null;
}

interface SendRow extends SendCounts {
  bucket: number;
  accountId: string;
  port: number;
}

export interface InsightChange {
  id: number;
  campaignId: string;
  accountId: string;
}

/** Counts a batch: each change with the kinds it counts. Call inside the writer's transaction, after its UPDATE. */
export type InsightRecorder = (changes: readonly { change: InsightChange; kinds: readonly string[] }[]) => void;

const hasTable = (db: Database.Database, name: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;

/** The recorder, or null on a schema older than the insight tables (tests run the ingest on old schemas). */
export function createInsightCounts(db: Database.Database): InsightRecorder | null {
  if (!hasTable(db, 'send_counts')) return null;
  const facts = db.prepare<[string], Facts>(
    'SELECT id, handed_at, updated_at, port, segments, error_code FROM messages WHERE id IN (SELECT value FROM json_each(?))',
  );
  const send = db.prepare<[number, string, number, number, number, number, number, number, number]>(
    `INSERT INTO send_counts (bucket, account_id, port, handed, segments, delivered, failed, expired, refused) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (bucket, account_id, port) DO UPDATE SET handed = handed + excluded.handed, segments = segments + excluded.segments,
       delivered = delivered + excluded.delivered, failed = failed + excluded.failed, expired = expired + excluded.expired, refused = refused + excluded.refused`,
  );
  const outcome = db.prepare<[string, string, string, number, number]>(
    `INSERT INTO campaign_outcomes (campaign_id, kind, key, n, segments) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (campaign_id, kind, key) DO UPDATE SET n = n + excluded.n, segments = segments + excluded.segments`,
  );

  return (changes) => {
    const counted = changes.filter((c) => c.kinds.some((k) => INSIGHT_KINDS.has(k)));
    if (counted.length === 0) return;
    const byId = new Map(facts.all(JSON.stringify(counted.map((c) => c.change.id))).map((f) => [f.id, f]));
    const sends = new Map<string, SendRow>();
    const outcomes = new Map<string, { campaignId: string; kind: string; key: string; n: number; segments: number }>();
    const sendRow = (c: InsightChange, m: Facts): SendRow => {
      const bucket = Math.floor((m.handed_at ?? m.updated_at) / QUARTER_HOUR_MS);
      const port = m.port ?? NO_PORT;
      const key = `${bucket}\u0000${c.accountId}\u0000${port}`;
      let row = sends.get(key);
      if (!row) sends.set(key, (row = { bucket, accountId: c.accountId, port, handed: 0, segments: 0, delivered: 0, failed: 0, expired: 0, refused: 0 }));
      return row;
    };
    const bump = (campaignId: string, kind: string, key: string, segments: number) => {
      const k = `${campaignId}\u0000${kind}\u0000${key}`;
      const o = outcomes.get(k);
      if (o) {
        o.n += 1;
        o.segments += segments;
      } else outcomes.set(k, { campaignId, kind, key, n: 1, segments });
    };
    for (const { change: c, kinds } of counted) {
      const m = byId.get(c.id);
      if (!m) continue;
      for (const kind of kinds) {
        if (kind === 'handed') {
          const row = sendRow(c, m);
          row.handed += 1;
          row.segments += m.segments;
          bump(c.campaignId, 'handed', '', m.segments);
        } else if (kind === 'delivered') {
          sendRow(c, m).delivered += 1;
          if (m.handed_at !== null) bump(c.campaignId, 'delivered', String(deliveryBin(m.updated_at - m.handed_at)), m.segments);
        } else if (kind === 'failed') {
          const row = sendRow(c, m);
          if (m.handed_at === null) row.refused += 1;
          else row.failed += 1;
          bump(c.campaignId, 'failed', m.error_code ?? '', m.segments);
        } else if (kind === 'expired') {
          sendRow(c, m).expired += 1;
        }
      }
    }
    for (const r of sends.values()) send.run(r.bucket, r.accountId, r.port, r.handed, r.segments, r.delivered, r.failed, r.expired, r.refused);
    for (const o of outcomes.values()) outcome.run(o.campaignId, o.kind, o.key, o.n, o.segments);
  };
}
