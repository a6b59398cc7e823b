import type Database from 'better-sqlite3';
import type { MessageState } from '../../../shared/campaigns.ts';
import { createTransitions } from '../store/transitions.ts';

/**
 * The set-based writes of one ingest batch, with flat JSON arrays of ids (no per-row JSON objects to
 * pick apart in SQL):
 *  - state changes: one UPDATE per distinct (state, code, message, provider code), ids via json_each;
 *  - their message_events rows: one INSERT per distinct (state, source, detail), in order per message
 *    (a message's second change in the batch goes in a second round);
 *  - the kept counts: one upsert per account and kind, and per campaign and state, for the batch (store/transitions.ts).
 */

export interface Advance {
  id: number;
  campaignId: string;
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

export function createBulkAdvance(db: Database.Database) {
  const update = db.prepare<[string, string | null, string | null, string | null, number, string]>(
    `UPDATE messages SET state = ?, error_code = COALESCE(?, error_code), error_message = COALESCE(?, error_message),
       provider_code = COALESCE(?, provider_code), updated_at = ?
     WHERE id IN (SELECT value FROM json_each(?))`,
  );
  const event = db.prepare<[number, string, string, string, string]>(
    `INSERT INTO message_events (message_id, at, state, source, detail) SELECT value, ?, ?, ?, ? FROM json_each(?)`,
  );
  const counts = createTransitions(db);

  return {
    /** Writes the batch's state changes, their events and counts (call inside the batch's transaction). */
    write(advances: readonly Advance[], events: readonly EventRow[], now: number): void {
      const byWrite = Map.groupBy(advances, (a) => `${a.state}\u0000${a.code ?? '\u0001'}\u0000${a.message ?? '\u0001'}\u0000${a.providerCode ?? '\u0001'}`);
      for (const group of byWrite.values()) {
        const a = group[0]!;
        update.run(a.state, a.code, a.message, a.providerCode, now, JSON.stringify(group.map((g) => g.id)));
      }
      // An advance starts from submitted or sent (unknown ones are settled one by one), never from a
      // state that counts as a hand-over, so `handed` is false here.
      counts.record(
        now,
        advances.map((a) => ({ id: a.id, campaignId: a.campaignId, accountId: a.accountId, from: a.from, to: a.state, handed: false })),
      );
      // Rounds keep each message's events in order; within a round, one INSERT per distinct event text.
      const seen = new Map<number, number>();
      const rounds: EventRow[][] = [];
      for (const e of events) {
        const round = seen.get(e.id) ?? 0;
        seen.set(e.id, round + 1);
        (rounds[round] ??= []).push(e);
      }
      for (const round of rounds) {
        for (const group of Map.groupBy(round, (e) => `${e.state}\u0000${e.source}\u0000${e.detail}`).values()) {
          const e = group[0]!;
          event.run(now, e.state, e.source, e.detail, JSON.stringify(group.map((g) => g.id)));
        }
      }
    },
  };
}
