import type Database from 'better-sqlite3';
import type { ProviderKind } from '../../../shared/accounts.ts';
import { moveAddress } from './move-summary.ts';
import type { Clock } from '../ports.ts';
import { createTransitions } from '../store/transitions.ts';
import type { CampaignsRepository, NewCampaign } from './campaigns-repository.ts';

/**
 * Account failover (issue 19 part 5): the messages a paused campaign never handed over move to a new
 * campaign on another account. Each step is ONE transaction that takes up to `limit` of the source's
 * queued messages (they become `cancelled`, code MOVED, with a history line) and writes the same
 * messages, as they were rendered, into the new campaign. So at any crash point every message is in
 * exactly one of the two — never sent twice, never lost — and a move interrupted by a crash simply
 * continues at the next start (campaign-writer.ts). A message claimed by the source meanwhile (the
 * user resumed it) is no longer queued and stays with the source. Numbers now opted out, or that the
 * new account cannot take (JSMS sends to mainland mobiles only), stay queued in the source too: the
 * user sees them there and decides (cancel, or resume on the first account).
 */

export const MOVED = 'MOVED';
/** The history line and error sentence of a moved message (core.json has its Chinese). */
export const MOVED_SENTENCE = 'Moved to another account: a new campaign sends it.';

interface QueuedRow {
  id: number;
  campaign_id: string;
  account_id: string;
  e164: string;
  address: string;
  text: string;
  params: string | null;
  segments: number;
  opted_out: number;
}

export function createMoveStep(db: Database.Database, repo: CampaignsRepository, clock: Clock) {
  const counts = createTransitions(db);
  const queued = db.prepare<[string, number, number], QueuedRow>(
    `SELECT m.id, m.campaign_id, m.account_id, m.e164, m.address, m.text, m.params, m.segments,
            EXISTS (SELECT 1 FROM opt_outs o WHERE o.e164 = m.e164) AS opted_out
       FROM messages m WHERE m.campaign_id = ? AND m.state = 'queued' AND m.id > ? ORDER BY m.id LIMIT ?`,
  );
  const take = db.prepare<[string, string, number, string]>(
    `UPDATE messages SET state = 'cancelled', error_code = ?, error_message = ?, updated_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND +state = 'queued'`,
  );
  const events = db.prepare<[number, string, string]>(`INSERT INTO message_events (message_id, at, state, source, detail) SELECT value, ?, 'cancelled', 'user', ? FROM json_each(?)`);

  return {
    /**
     * Moves the queued messages of `from` after id `after` (up to `limit` read) into `into`, a
     * preparing campaign on an account of `kind`: each gets that provider's address form. Returns how
     * many were read (fewer than `limit`: none left) and the last id read (the next step's `after`).
     */
    step(from: string, into: NewCampaign, target: { kind: ProviderKind; region: string }, after: number, limit: number): { read: number; last: number } {
      return db.transaction(() => {
        const rows = queued.all(from, after, limit);
        if (rows.length === 0) return { read: 0, last: after };
        const moved: { row: QueuedRow; address: string }[] = [];
        for (const row of rows) {
          const address = moveAddress(row.e164, row.opted_out !== 0, target);
          if (address !== 'opted-out' && address !== 'invalid') moved.push({ row, address });
        }
        if (moved.length > 0) {
          const now = clock.now();
          const ids = JSON.stringify(moved.map((m) => m.row.id));
          take.run(MOVED, MOVED_SENTENCE, now, ids);
          events.run(now, MOVED_SENTENCE, ids);
          counts.record(
            now,
            moved.map(({ row }) => ({ id: row.id, campaignId: row.campaign_id, accountId: row.account_id, from: 'queued', to: 'cancelled', handed: false })),
          );
          repo.appendMessages(
            into,
            moved.map(({ row, address }) => ({
              e164: row.e164,
              address,
              text: row.text,
              params: row.params === null ? null : (JSON.parse(row.params) as Record<string, string>),
              segments: row.segments,
            })),
          );
        }
        return { read: rows.length, last: rows[rows.length - 1]!.id };
      })();
    },
  };
}

export type MoveStep = ReturnType<typeof createMoveStep>;
