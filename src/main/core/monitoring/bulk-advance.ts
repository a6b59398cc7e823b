import type Database from 'better-sqlite3';
import type { MessageState } from '../../../shared/campaigns.ts';

/**
 * The set-based writes of one ingest batch, with flat JSON arrays of ids (no per-row JSON objects to
 * pick apart in SQL):
 *  - state changes: one UPDATE per distinct (state, code, message, provider code), ids via json_each;
 *  - their message_events rows: one INSERT per distinct (state, source, detail), in order per message
 *    (a message's second change in the batch goes in a second round);
 *  - daily_counts: when the schema has `messages.count_seq` (migration 7) the UPDATE bumps it, the
 *    per-row triggers skip the row, and the batch adds its counts here, one upsert per account and kind,
 *    with the triggers' rules. Without it (older schema) the triggers count as before.
 */

export interface Advance {
  id: number;
  accountId: string;
  /** The state in the database before this batch's UPDATE. */
  from: MessageState;
  state: MessageState;
  code: string | null;
  message: string | null;
  providerCode: string | null;
}

export interface EventRow {
  id: number;
  state: string;
  source: string;
  detail: string;
}

/** Quarter-hour buckets, as the migration-4 triggers compute them (integer epoch ms / 900000). */
const BUCKET_MS = 900_000;
const SENT_FROM: ReadonlySet<string> = new Set(['submitting', 'submitted', 'unknown']);
const FINAL: ReadonlySet<string> = new Set(['delivered', 'failed', 'expired']);

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function createBulkAdvance(db: Database.Database) {
  const selfCount = db.prepare(`SELECT 1 FROM pragma_table_info('messages') WHERE name = 'count_seq'`).get() !== undefined;
  const update = db.prepare<[string, string | null, string | null, string | null, number, string]>(
    `UPDATE messages SET state = ?, error_code = COALESCE(?, error_code), error_message = COALESCE(?, error_message),
       provider_code = COALESCE(?, provider_code), updated_at = ?${selfCount ? ', count_seq = count_seq + 1' : ''}
     WHERE id IN (SELECT value FROM json_each(?))`,
  );
  const event = db.prepare<[number, string, string, string, string]>(
    `INSERT INTO message_events (message_id, at, state, source, detail) SELECT value, ?, ?, ?, ? FROM json_each(?)`,
  );
  const count = db.prepare<[number, string, string, number]>(
    `INSERT INTO daily_counts (bucket, account_id, kind, n) VALUES (?, ?, ?, ?)
       ON CONFLICT (bucket, account_id, kind) DO UPDATE SET n = n + excluded.n`,
  );

  function writeCounts(advances: readonly Advance[], now: number): void {
    const counts = new Map<string, { accountId: string; kind: string; n: number }>();
    const add = (accountId: string, kind: string) => {
      const k = `${accountId}\u0000${kind}`;
      const c = counts.get(k);
      if (c) c.n += 1;
      else counts.set(k, { accountId, kind, n: 1 });
    };
    for (const a of advances) {
      // 'handed' needs a submitting/unknown start: such messages are settled one by one, by the triggers.
      if (SENT_FROM.has(a.from) && (a.state === 'sent' || a.state === 'delivered')) add(a.accountId, 'sent');
      if (a.from !== a.state && FINAL.has(a.state)) add(a.accountId, a.state);
    }
    const bucket = Math.floor(now / BUCKET_MS);
    for (const c of counts.values()) count.run(bucket, c.accountId, c.kind, c.n);
  }

  return {
    /** Writes the batch's state changes, their events and counts (call inside the batch's transaction). */
    write(advances: readonly Advance[], events: readonly EventRow[], now: number): void {
      const byWrite = groupBy(advances, (a) => `${a.state}\u0000${a.code ?? '\u0001'}\u0000${a.message ?? '\u0001'}\u0000${a.providerCode ?? '\u0001'}`);
      for (const group of byWrite.values()) {
        const a = group[0]!;
        update.run(a.state, a.code, a.message, a.providerCode, now, JSON.stringify(group.map((g) => g.id)));
      }
      if (selfCount) writeCounts(advances, now);
      // Rounds keep each message's events in order; within a round, one INSERT per distinct event text.
      const seen = new Map<number, number>();
      const rounds: EventRow[][] = [];
      for (const e of events) {
        const round = seen.get(e.id) ?? 0;
        seen.set(e.id, round + 1);
        (rounds[round] ??= []).push(e);
      }
      for (const round of rounds) {
        for (const group of groupBy(round, (e) => `${e.state}\u0000${e.source}\u0000${e.detail}`).values()) {
          const e = group[0]!;
          event.run(now, e.state, e.source, e.detail, JSON.stringify(group.map((g) => g.id)));
        }
      }
    },
  };
}
