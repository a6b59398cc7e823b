import type Database from 'better-sqlite3';
import { countedKinds, QUARTER_HOUR_MS } from './daily-counts.ts';
import { createInsightCounts } from './insight-counts.ts';

/**
 * The counts kept beside the ledger, written by the code that changes a message's state in the same
 * transaction, one upsert per distinct key of a batch (no triggers: with any trigger on `messages`
 * SQLite decodes every updated row, migration 8):
 * - `daily_counts`: the dashboard's per-quarter-hour counts (rules in daily-counts.ts);
 * - `campaign_counts`: messages per campaign and state, so a campaign's progress never scans its messages;
 * - `send_counts` and `campaign_outcomes`: the Insight screen's counts (rules in insight-counts.ts).
 * On a schema older than a table (tests run the ingest on old schemas) that part is not kept.
 */

export interface StateChange {
  campaignId: string;
  accountId: string;
  from: string;
  to: string;
  /** The message has been handed to the provider (handed_at is set). */
  handed: boolean;
  /** The message's id (the insight counts read its hand-over time, port, segments and error code back). */
  id: number;
}

export interface Transitions {
  /** Counts a batch of state changes made at `at`. Call inside the transaction that made them. */
  record(at: number, changes: Iterable<StateChange>): void;
  /** `n` messages of a campaign were written (n > 0) or deleted (n < 0) in `state`. */
  added(campaignId: string, state: string, n: number): void;
}

const hasTable = (db: Database.Database, name: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type IN ('table','trigger') AND name = ?`).get(name) !== undefined;

export function createTransitions(db: Database.Database): Transitions {
  // Before migration 8 the triggers of migrations 4/7 count daily; recording as well would count twice.
  const daily = hasTable(db, 'messages_daily_handed')
    ? null
    : db.prepare<[number, string, string, number]>(
        `INSERT INTO daily_counts (bucket, account_id, kind, n) VALUES (?, ?, ?, ?)
         ON CONFLICT (bucket, account_id, kind) DO UPDATE SET n = n + excluded.n`,
      );
  const perCampaign = hasTable(db, 'campaign_counts')
    ? db.prepare<[string, string, number]>(
        `INSERT INTO campaign_counts (campaign_id, state, n) VALUES (?, ?, ?)
         ON CONFLICT (campaign_id, state) DO UPDATE SET n = n + excluded.n`,
      )
    : null;
  const insight = createInsightCounts(db);
  return {
    record(at, changes) {
      const counted: { change: StateChange; kinds: string[] }[] = [];
      const days = new Map<string, { accountId: string; kind: string; n: number }>();
      const camps = new Map<string, number>();
      const bump = (campaignId: string, state: string, d: number) => {
        const key = `${campaignId}\u0000${state}`;
        camps.set(key, (camps.get(key) ?? 0) + d);
      };
      for (const c of changes) {
        const kinds = countedKinds(c);
        if (insight && kinds.length > 0) counted.push({ change: c, kinds });
        if (daily) {
          for (const kind of kinds) {
            const key = `${c.accountId}\u0000${kind}`;
            const t = days.get(key);
            if (t) t.n += 1;
            else days.set(key, { accountId: c.accountId, kind, n: 1 });
          }
        }
        if (perCampaign && c.from !== c.to) {
          bump(c.campaignId, c.from, -1);
          bump(c.campaignId, c.to, 1);
        }
      }
      const bucket = Math.floor(at / QUARTER_HOUR_MS);
      if (daily) for (const t of days.values()) daily.run(bucket, t.accountId, t.kind, t.n);
      insight?.(counted);
      if (perCampaign) {
        for (const [key, n] of camps) {
          if (n === 0) continue;
          const [campaignId, state] = key.split('\u0000') as [string, string];
          perCampaign.run(campaignId, state, n);
        }
      }
    },
    added(campaignId, state, n) {
      if (perCampaign && n !== 0) perCampaign.run(campaignId, state, n);
    },
  };
}
