import type Database from 'better-sqlite3';
import type { CampaignRepliesPage } from '../../../shared/monitoring.ts';

/** States of a message a provider took (or reported on): what a reply rate is counted against. */
const HANDED_STATES = `('submitted', 'sent', 'delivered', 'failed', 'expired')`;

/**
 * The inbound SMS counted as replies to one campaign (`inbound_sms.campaign_id`, set when each was
 * stored): counts, opt-outs, the reply rate and a page of the replies, newest first. Cursor:
 * "<received_at>|<id>". The counts grow with the campaign's replies, so this runs in the read worker.
 */
export function campaignRepliesPage(db: Database.Database, q: { campaignId: string; cursor?: string | undefined; limit: number }): CampaignRepliesPage {
  const totals = db
    .prepare<[string], { replies: number; numbers: number; opt_outs: number | null }>(
      `SELECT count(*) AS replies, count(DISTINCT number) AS numbers, sum(opt_out) AS opt_outs FROM inbound_sms INDEXED BY inbound_campaign WHERE campaign_id = ?`,
    )
    .get(q.campaignId)!;
  const handed = db.prepare<[string], { n: number | null }>(`SELECT sum(n) AS n FROM campaign_counts WHERE campaign_id = ? AND state IN ${HANDED_STATES}`).get(q.campaignId)!.n ?? 0;
  const [at, id] = q.cursor ? q.cursor.split('|').map(Number) : [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  const rows = db
    .prepare<[string, number, number, number, number], { id: number; number: string; text: string; received_at: number; opt_out: number }>(
      `SELECT id, number, text, received_at, opt_out FROM inbound_sms INDEXED BY inbound_campaign
       WHERE campaign_id = ? AND (received_at < ? OR (received_at = ? AND id < ?)) ORDER BY received_at DESC, id DESC LIMIT ?`,
    )
    .all(q.campaignId, at!, at!, id!, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    replies: totals.replies,
    repliedNumbers: totals.numbers,
    optOuts: totals.opt_outs ?? 0,
    handed,
    replyRate: handed === 0 ? 0 : totals.numbers / handed,
    items: page.map((r) => ({ id: r.id, number: r.number, text: r.text, at: r.received_at, optOut: r.opt_out === 1 })),
    nextCursor: rows.length > q.limit && last ? `${last.received_at}|${last.id}` : null,
  };
}
