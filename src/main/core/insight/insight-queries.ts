import type Database from 'better-sqlite3';
import type { ProviderKind } from '../../../shared/accounts.ts';
import {
  INSIGHT_MAX_CAMPAIGNS,
  REPLY_WINDOW_HOURS,
  type AccountInsight,
  type CampaignInsight,
  type DayInsight,
  type HourInsight,
  type InsightRange,
  type InsightReport,
  type PortInsight,
  type SendCounts,
  type SendTotals,
} from '../../../shared/insight.ts';
import { NO_PORT } from '../store/insight-counts.ts';
import { QUARTER_HOUR_MS } from '../store/daily-counts.ts';

/**
 * The Insight screen's reads (run in the read worker, store/read-queries.ts): each chart is one
 * aggregate over `send_counts` (a row per quarter hour × account × port, migration 0012) for the
 * range, and the campaign table reads `campaign_outcomes` for the campaigns created in it. Neither
 * scans messages; only the replies look at messages, through the inbound SMS of the range and the
 * number index (`messages_e164`) — one lookup per inbound SMS.
 */

const SUMS = `sum(handed) AS handed, sum(segments) AS segments, sum(delivered) AS delivered, sum(failed) AS failed, sum(expired) AS expired, sum(refused) AS refused`;
const IN_RANGE = `bucket >= @fromBucket AND bucket < @toBucket`;

type SumsRow = SendCounts;

const totals = (r: SumsRow | undefined): SendTotals => {
  const t = { handed: r?.handed ?? 0, segments: r?.segments ?? 0, delivered: r?.delivered ?? 0, failed: r?.failed ?? 0, expired: r?.expired ?? 0, refused: r?.refused ?? 0 };
  return { ...t, deliveryRate: t.handed > 0 ? t.delivered / t.handed : null };
};

/** The range as statement parameters: whole quarter hours (every UTC offset is a multiple of 15 minutes). */
function params(q: InsightRange) {
  return {
    fromBucket: Math.floor(q.from / QUARTER_HOUR_MS),
    toBucket: Math.ceil(q.to / QUARTER_HOUR_MS),
    /** Seconds to add to a bucket's UTC start to get local time. */
    offset: q.utcOffsetMinutes * 60,
  };
}

const DAY_S = 86_400;
const localDay = (dayNumber: number) => new Date(dayNumber * DAY_S * 1000).toISOString().slice(0, 10);

/**
 * Replies: inbound SMS since the range began from a number a listed campaign messaged, within the
 * window after that message was handed over. Kept simple (no stored attribution): counted here.
 * The plan (tests/unit/insight/insight-plans.test.ts): the range's inbound SMS (inbound_recent), then
 * each one's number (messages_e164). CROSS JOIN keeps that order, and `+m.campaign_id` keeps SQLite
 * off UNIQUE (campaign_id, e164), which costs one seek per listed campaign per inbound SMS (768 ms
 * for 30 days of the 1M-message bench, bench/RESULTS.md).
 */
export const REPLIES_SQL = `SELECT m.campaign_id, count(DISTINCT i.id) AS replies, count(DISTINCT CASE WHEN i.opt_out = 1 THEN i.id END) AS opt_outs
  FROM inbound_sms i CROSS JOIN messages m ON m.e164 = i.number
  WHERE i.received_at >= ? AND +m.campaign_id IN (SELECT value FROM json_each(?))
    AND m.handed_at IS NOT NULL AND i.received_at >= m.handed_at AND i.received_at < m.handed_at + ?
  GROUP BY m.campaign_id`;

export function createInsightQueries(db: Database.Database) {
  const s = {
    total: db.prepare<[object], SumsRow>(`SELECT ${SUMS} FROM send_counts WHERE ${IN_RANGE}`),
    byAccount: db.prepare<[object], SumsRow & { account_id: string; name: string | null; kind: ProviderKind | null }>(
      `WITH t AS (SELECT account_id, ${SUMS} FROM send_counts WHERE ${IN_RANGE} GROUP BY account_id)
       SELECT t.*, a.name, a.kind FROM t LEFT JOIN accounts a ON a.id = t.account_id ORDER BY t.handed DESC, t.account_id`,
    ),
    byPort: db.prepare<[object], SumsRow & { account_id: string; port: number; name: string | null; kind: ProviderKind | null }>(
      `WITH t AS (SELECT account_id, port, ${SUMS} FROM send_counts WHERE ${IN_RANGE} AND port <> ${NO_PORT} GROUP BY account_id, port)
       SELECT t.*, a.name, a.kind FROM t LEFT JOIN accounts a ON a.id = t.account_id ORDER BY a.name, t.account_id, t.port`,
    ),
    byDay: db.prepare<[object], SumsRow & { day: number }>(
      `SELECT (bucket * 900 + CAST(@offset AS INTEGER)) / ${DAY_S} AS day, ${SUMS} FROM send_counts WHERE ${IN_RANGE} GROUP BY 1`,
    ),
    byHour: db.prepare<[object], SumsRow & { hour: number }>(
      `SELECT ((bucket * 900 + CAST(@offset AS INTEGER)) / 3600) % 24 AS hour, ${SUMS} FROM send_counts WHERE ${IN_RANGE} GROUP BY 1`,
    ),
    campaigns: db.prepare<[number, number, number], { id: string; name: string; account_name: string | null; created_at: number; total: number }>(
      `SELECT c.id, c.name, a.name AS account_name, c.created_at, c.total FROM campaigns c LEFT JOIN accounts a ON a.id = c.account_id
       WHERE c.created_at >= ? AND c.created_at < ? AND c.state <> 'preparing' ORDER BY c.created_at DESC, c.rowid DESC LIMIT ?`,
    ),
    outcomes: db.prepare<[string], { campaign_id: string; kind: string; key: string; n: number }>(
      `SELECT campaign_id, kind, key, n FROM campaign_outcomes WHERE campaign_id IN (SELECT value FROM json_each(?)) AND n <> 0`,
    ),
    replies: db.prepare<[number, string, number], { campaign_id: string; replies: number; opt_outs: number }>(REPLIES_SQL),
  };

  const rows = <R extends SumsRow>(list: R[]) => list.map((r) => ({ r, t: totals(r) }));

  return {
    totals: (q: InsightRange): SendTotals => totals(s.total.get(params(q))),

    byAccount: (q: InsightRange): AccountInsight[] =>
      rows(s.byAccount.all(params(q))).map(({ r, t }) => ({ accountId: r.account_id, accountName: r.name, kind: r.kind, ...t })),

    byPort: (q: InsightRange): PortInsight[] =>
      rows(s.byPort.all(params(q))).map(({ r, t }) => ({ accountId: r.account_id, accountName: r.name, kind: r.kind, port: r.port, ...t })),

    /** Every day of the range, days without sends as zeros. */
    byDay: (q: InsightRange): DayInsight[] => {
      const p = params(q);
      const got = new Map(s.byDay.all(p).map((r) => [r.day, r]));
      const first = Math.floor((p.fromBucket * 900 + p.offset) / DAY_S);
      const last = Math.floor(((p.toBucket - 1) * 900 + p.offset) / DAY_S);
      const out: DayInsight[] = [];
      for (let d = first; d <= last; d++) out.push({ day: localDay(d), ...totals(got.get(d)) });
      return out;
    },

    /** Hours 0–23 of the local day, over the whole range. */
    byHour: (q: InsightRange): HourInsight[] => {
      const got = new Map(s.byHour.all(params(q)).map((r) => [r.hour, r]));
      return Array.from({ length: 24 }, (_, hour) => ({ hour, ...totals(got.get(hour)) }));
    },

    campaigns: (q: InsightRange): CampaignInsight[] => {
      const list = s.campaigns.all(q.from, q.to, INSIGHT_MAX_CAMPAIGNS);
      if (list.length === 0) return [];
      const ids = JSON.stringify(list.map((c) => c.id));
      const outcomes = Map.groupBy(s.outcomes.all(ids), (o) => o.campaign_id);
      const replies = new Map(s.replies.all(q.from, ids, REPLY_WINDOW_HOURS * 3_600_000).map((r) => [r.campaign_id, r]));
      return list.map((c) => {
        const own = outcomes.get(c.id) ?? [];
        const handed = own.find((o) => o.kind === 'handed')?.n ?? 0;
        const failures = own.filter((o) => o.kind === 'failed').map((o) => ({ code: o.key, n: o.n }));
        failures.sort((a, b) => b.n - a.n || a.code.localeCompare(b.code));
        const bins = own.filter((o) => o.kind === 'delivered').map((o) => ({ seconds: Number(o.key), n: o.n }));
        const delivered = bins.reduce((n, b) => n + b.n, 0);
        const failed = failures.reduce((n, f) => n + f.n, 0);
        const r = replies.get(c.id);
        return {
          id: c.id,
          name: c.name,
          accountName: c.account_name,
          createdAt: c.created_at,
          total: c.total,
          handed,
          delivered,
          failed,
          deliveredRate: c.total > 0 ? delivered / c.total : null,
          failedRate: c.total > 0 ? failed / c.total : null,
          failedByReason: failures,
          medianDeliverySeconds: medianOfBins(bins),
          replies: r?.replies ?? 0,
          optOuts: r?.opt_outs ?? 0,
        };
      });
    },
  };
}

/** The median of binned values: the bin holding the middle item (the lower middle for an even count). */
export function medianOfBins(bins: readonly { seconds: number; n: number }[]): number | null {
  const total = bins.reduce((n, b) => n + b.n, 0);
  if (total === 0) return null;
  const middle = Math.ceil(total / 2);
  let seen = 0;
  for (const b of [...bins].sort((a, z) => a.seconds - z.seconds)) {
    seen += b.n;
    if (seen >= middle) return b.seconds;
  }
  return null;
}

export type InsightQueries = ReturnType<typeof createInsightQueries>;

/** The whole report: what the screen shows and the export writes. */
export function insightReport(q: ReturnType<typeof createInsightQueries>, range: InsightRange): InsightReport {
  return {
    range,
    totals: q.totals(range),
    byAccount: q.byAccount(range),
    byPort: q.byPort(range),
    byDay: q.byDay(range),
    byHour: q.byHour(range),
    campaigns: q.campaigns(range),
  };
}
