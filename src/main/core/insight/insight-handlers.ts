import type { Handlers } from '../../../shared/api.ts';
import type { insightMethods } from '../../../shared/contract/insight.ts';
import type { CoreContext } from '../context.ts';
import { readsOf } from '../store/reads.ts';

export type InsightHandlers = Pick<Handlers, keyof typeof insightMethods>;

const localDate = (ms: number, offsetMinutes: number) => new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);

/** Insight: the report in the read worker, its export in the export worker (store/read-queries.ts). */
export function createInsightHandlers(ctx: CoreContext): InsightHandlers {
  return {
    insightReport: (range) => readsOf(ctx).page('insightReport', range),
    insightExport: (range) => {
      // The last day is the one before `to` (local midnight after it).
      const baseName = `Insight ${localDate(range.from, range.utcOffsetMinutes)} to ${localDate(range.to - 1, range.utcOffsetMinutes)}`;
      return readsOf(ctx).file('exportInsight', { range, baseName });
    },
  };
}
