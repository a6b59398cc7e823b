import type Database from 'better-sqlite3';
import type { ProviderKind } from '../../../shared/accounts.ts';
import type { CampaignState } from '../../../shared/campaigns.ts';
import type { DashboardStats, PeriodCounts } from '../../../shared/monitoring.ts';
import { createSimSends } from '../dispatch/sim-sends.ts';

/** Dashboard numbers from `daily_counts` (kept by triggers) and the campaign counts: no ledger scans. */

const QUARTER_HOUR = 900_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** Local calendar day, as SQLite's date(…, 'localtime') writes it. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function startOfLocalDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function createDashboard(db: Database.Database) {
  const simSends = createSimSends(db);
  const s = {
    buckets: db.prepare<[number], { bucket: number; kind: string; provider: ProviderKind | null; n: number }>(
      `SELECT d.bucket, d.kind, a.kind AS provider, sum(d.n) AS n FROM daily_counts d LEFT JOIN accounts a ON a.id = d.account_id
       WHERE d.bucket >= ? GROUP BY d.bucket, d.kind, a.kind`,
    ),
    recent: db.prepare<[], { id: string; name: string; provider: ProviderKind; state: CampaignState; total: number; created_at: number }>(
      `SELECT id, name, provider, state, total, created_at FROM campaigns WHERE kind = 'campaign' ORDER BY created_at DESC, rowid DESC LIMIT 8`,
    ),
    counts: db.prepare<[string], { state: string; n: number }>(`SELECT state, count(*) AS n FROM messages WHERE campaign_id = ? GROUP BY state`),
    unread: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM inbound_sms WHERE read = 0`),
  };

  return {
    stats(now: number): DashboardStats {
      const today = localDay(now);
      const weekStart = localDay(startOfLocalDay(now) - 6 * 86_400_000 + 3_600_000);
      const sinceMs = startOfLocalDay(startOfLocalDay(now) - 13 * 86_400_000 + 3_600_000);
      const empty = (): PeriodCounts => ({ sent: 0, delivered: 0, failed: 0, expired: 0 });
      const todayCounts = empty();
      const week = empty();
      const funnel = { handed: 0, sent: 0, delivered: 0, failed: 0, expired: 0 };
      const perDayMap = new Map<string, DashboardStats['perDay'][number]>();
      const rows = new Map<string, { day: string; kind: string; provider: ProviderKind | null; n: number }>();
      for (const b of s.buckets.all(Math.floor(sinceMs / QUARTER_HOUR))) {
        const day = localDay(b.bucket * QUARTER_HOUR);
        const key = `${day}|${b.kind}|${b.provider ?? ''}`;
        const row = rows.get(key) ?? { day, kind: b.kind, provider: b.provider, n: 0 };
        row.n += b.n;
        rows.set(key, row);
      }
      for (const r of rows.values()) {
        const provider = r.provider ?? 'eims';
        const key = `${r.day}|${provider}`;
        const d = perDayMap.get(key) ?? { day: r.day, provider, sent: 0, delivered: 0, failed: 0, expired: 0 };
        perDayMap.set(key, d);
        // Failed and expired stay apart: an expired SMS may still have reached the phone.
        const field = r.kind === 'handed' ? 'sent' : r.kind === 'delivered' || r.kind === 'failed' || r.kind === 'expired' ? r.kind : null;
        if (field) d[field] += r.n;
        if (r.day >= weekStart) {
          if (field) week[field] += r.n;
          if (r.kind === 'handed') funnel.handed += r.n;
          else if (r.kind === 'sent') funnel.sent += r.n;
          else if (r.kind === 'delivered' || r.kind === 'failed' || r.kind === 'expired') funnel[r.kind] += r.n;
        }
        if (r.day === today && field) todayCounts[field] += r.n;
      }
      return {
        generatedAt: now,
        today: todayCounts,
        week,
        funnel,
        perDay: [...perDayMap.values()].sort((a, b) => (a.day === b.day ? a.provider.localeCompare(b.provider) : a.day.localeCompare(b.day))),
        recentCampaigns: s.recent.all().map((c) => {
          const counts = Object.fromEntries(s.counts.all(c.id).map((r) => [r.state, r.n]));
          const n = (k: string) => (counts[k] as number | undefined) ?? 0;
          return {
            id: c.id,
            name: c.name,
            provider: c.provider,
            state: c.state,
            total: c.total,
            delivered: n('delivered'),
            failed: n('failed'),
            expired: n('expired'),
            pending: n('queued') + n('submitting') + n('submitted') + n('sent') + n('unknown'),
            createdAt: c.created_at,
          };
        }),
        inboxUnread: s.unread.get()!.n,
      };
    },
    /** What each SIM of the box took today, as its daily cap counts (dispatch/sim-sends.ts). */
    sentTodayByPort(accountId: string, now: number): Map<number, number> {
      return simSends(accountId, startOfLocalDay(now));
    },
  };
}

export type Dashboard = ReturnType<typeof createDashboard>;
