import { PORT_STATS_DAYS, type BoxPortHealth } from '../../../shared/box-ports.ts';
import type { CoreContext } from '../context.ts';
import { startOfLocalDay } from '../monitoring/dashboard.ts';
import { readsOf } from '../store/reads.ts';
import type { PortWatch } from './port-watch.ts';

/**
 * What the Accounts screen and the dashboard show per port of a box: its rotation (port-watch.ts, in
 * memory) with the week's success figures and today's sends (read worker, port-stats.ts).
 */
export async function portHealthOf(ctx: Pick<CoreContext, 'db' | 'reads' | 'clock'>, watch: PortWatch, accountId: string, ports: readonly number[]): Promise<Map<number, BoxPortHealth>> {
  const now = ctx.clock.now();
  const records = new Map(watch.records(accountId).map((r) => [r.port, r]));
  const all = [...new Set([...ports, ...records.keys()])].sort((a, b) => a - b);
  const dayStart = startOfLocalDay(now);
  const stats = await readsOf(ctx).page('boxPortStats', { accountId, ports: all, since: startOfLocalDay(now - (PORT_STATS_DAYS - 1) * 86_400_000), dayStart });
  const out = new Map<number, BoxPortHealth>();
  for (const s of stats) {
    const r = records.get(s.port);
    out.set(s.port, {
      rotation: r?.rotation ?? 'in',
      reason: r?.reason ?? null,
      facts: r?.facts ?? {},
      outSince: r?.outSince ?? null,
      retryAt: r?.retryAt ?? null,
      sent: s.sent,
      failed: s.failed,
      sentToday: s.sentToday,
      imsi: r?.imsi ?? null,
      previousImsi: r?.previousImsi ?? null,
      imsiChangedAt: r?.imsiChangedAt ?? null,
    });
  }
  return out;
}
