import type { InsightReport, SendTotals } from '../../../shared/insight.ts';
import type { ReportSheet } from '../contacts/export/xlsx-writer.ts';

/**
 * The Insight report as workbook sheets: one per table the screen shows. Counts stay numbers and rates
 * are fractions (0–1) so a spreadsheet can sum and format them. Headers are English, like every export.
 */

const TOTAL_HEADERS = ['handed over', 'segments', 'delivered', 'failed', 'expired', 'refused', 'delivery rate'];
const totalCells = (t: SendTotals): (string | number)[] => [t.handed, t.segments, t.delivered, t.failed, t.expired, t.refused, t.deliveryRate ?? ''];
const iso = (ms: number) => new Date(ms).toISOString();

export function insightSheets(r: InsightReport): ReportSheet[] {
  return [
    {
      name: 'Summary',
      headers: ['from', 'to', 'UTC offset (minutes)', ...TOTAL_HEADERS],
      rows: [[iso(r.range.from), iso(r.range.to), r.range.utcOffsetMinutes, ...totalCells(r.totals)]],
    },
    {
      name: 'Accounts',
      headers: ['account', 'kind', ...TOTAL_HEADERS],
      rows: r.byAccount.map((a) => [a.accountName ?? a.accountId, a.kind ?? '', ...totalCells(a)]),
    },
    {
      name: 'Ports',
      headers: ['account', 'port', ...TOTAL_HEADERS],
      rows: r.byPort.map((p) => [p.accountName ?? p.accountId, p.port, ...totalCells(p)]),
    },
    { name: 'Days', headers: ['day', ...TOTAL_HEADERS], rows: r.byDay.map((d) => [d.day, ...totalCells(d)]) },
    { name: 'Hours', headers: ['hour of day', ...TOTAL_HEADERS], rows: r.byHour.map((h) => [h.hour, ...totalCells(h)]) },
    {
      name: 'Campaigns',
      headers: ['campaign', 'account', 'created', 'messages', 'handed over', 'delivered', 'delivered rate', 'failed', 'failed rate', 'failures by reason', 'median seconds to delivery', 'replies', 'opt-outs'],
      rows: r.campaigns.map((c) => [
        c.name,
        c.accountName ?? '',
        iso(c.createdAt),
        c.total,
        c.handed,
        c.delivered,
        c.deliveredRate ?? '',
        c.failed,
        c.failedRate ?? '',
        c.failedByReason.map((f) => `${f.code || 'no code'}: ${f.n}`).join('; '),
        c.medianDeliverySeconds ?? '',
        c.replies,
        c.optOuts,
      ]),
    },
  ];
}
