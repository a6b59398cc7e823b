import type Database from 'better-sqlite3';
import type { GsmboxClient } from '../providers/gsmbox/client.ts';
import type { OutboxEntry } from '../providers/gsmbox/rows.ts';
import type { Ledger } from './ledger.ts';

/**
 * Settles GSM-box messages left `unknown` (the app died or the call timed out mid-request) from the
 * box's own outbox: a row for the number with the same text, sent after the request started, means
 * the box took it (its status is copied: SENT/DELIVERD/FAILED); no such row once the outbox had time
 * to catch up means the request never arrived, and the message goes back to the queue.
 * Rows already matched to messages the ledger knows were handed over are not reused.
 */

export interface ReconcileResult {
  settled: number;
  requeued: number;
  campaigns: Set<string>;
}

interface UnknownRow {
  id: number;
  campaign_id: string;
  address: string;
  text: string;
  started_at: number;
}

/** Box and PC clocks are on one LAN but not in sync to the second. */
const CLOCK_SLACK_MS = 120_000;
const MAX_PAGES = 20;

const digits = (s: string) => s.replace(/\D/g, '');
const sameNumber = (a: string, b: string) => {
  const x = digits(a);
  const y = digits(b);
  return x === y || (x.length >= 7 && y.length >= 7 && (x.endsWith(y) || y.endsWith(x)));
};

export async function reconcileBoxUnknown(
  db: Database.Database,
  ledger: Ledger,
  client: GsmboxClient,
  accountId: string,
  opts: { now: number; olderThanMs: number },
): Promise<ReconcileResult> {
  const result: ReconcileResult = { settled: 0, requeued: 0, campaigns: new Set() };
  const rows = db
    .prepare<[string, number], UnknownRow>(
      `SELECT m.id, m.campaign_id, m.address, m.text, s.started_at FROM messages m JOIN submissions s ON s.id = m.submission_id
       WHERE m.account_id = ? AND m.state = 'unknown' AND s.started_at <= ? ORDER BY m.id`,
    )
    .all(accountId, opts.now - opts.olderThanMs);
  const byAddress = new Map<string, UnknownRow[]>();
  for (const r of rows) {
    const list = byAddress.get(r.address);
    if (list) list.push(r);
    else byAddress.set(r.address, [r]);
  }
  const handedOver = db.prepare<[string, string, string, number], { n: number }>(
    `SELECT count(*) AS n FROM messages WHERE account_id = ? AND address = ? AND text = ? AND handed_at >= ?
       AND state IN ('submitted','sent','delivered','failed','expired')`,
  );
  for (const [address, unknowns] of byAddress) {
    const since = Math.min(...unknowns.map((u) => u.started_at)) - CLOCK_SLACK_MS;
    const entries = await outboxFor(client, address, since);
    for (const text of new Set(unknowns.map((u) => u.text))) {
      const candidates = entries.filter((e) => e.message === text && sameNumber(e.number, address) && (e.at === undefined || e.at >= since));
      // Rows that belong to messages already settled as handed over are theirs, oldest first.
      let skip = handedOver.get(accountId, address, text, since)!.n;
      const free = candidates.sort((a, b) => (a.at ?? 0) - (b.at ?? 0)).filter(() => skip-- <= 0);
      for (const u of unknowns.filter((x) => x.text === text)) {
        const entry = free.shift();
        const changed = entry
          ? ledger.resolveUnknown(u.id, entry.state === 'delivered' || entry.state === 'failed' ? entry.state : 'sent', {
              source: 'reconcile',
              note: `Found in the box's outbox (${entry.status}, ${entry.portName})`,
              ...(entry.state === 'failed' ? { error: { code: 'GSMBOX_SEND_FAILED', message: 'The GSM box could not send this message (outbox: FAILED).' } } : {}),
            })
          : ledger.resolveUnknown(u.id, 'queued', { source: 'reconcile', note: "Not in the box's outbox: the request never arrived; queued again" });
        if (!changed) continue;
        result.campaigns.add(u.campaign_id);
        if (entry) result.settled += 1;
        else result.requeued += 1;
      }
    }
  }
  return result;
}

async function outboxFor(client: GsmboxClient, address: string, since: number): Promise<OutboxEntry[]> {
  const all: OutboxEntry[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const r = await client.outbox({ page, phoneNumber: address, from: since });
    all.push(...r.entries);
    if (r.entries.length === 0) break;
  }
  return all;
}
