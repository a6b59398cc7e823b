/**
 * Cache of the Insight screen: the report for the chosen range of local days (read from main's kept
 * counts; cheap, so it is read again on open and whenever the range changes), and its .xlsx export.
 */
import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors.ts';
import type { InsightRange, InsightReport } from '../../../shared/insight.ts';
import { getApi } from '../api.ts';
import { saveDownload } from '../files/save-download.ts';
import { toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './load-status.ts';

/** First and last local day shown, YYYY-MM-DD (both included). */
export type DayRange = [string, string];

const DEFAULT_DAYS = 7;

export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The last `days` local days, today included. */
export function lastDays(days: number, now = new Date()): DayRange {
  return [isoDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1))), isoDay(now)];
}

const midnight = (day: string, plusDays = 0) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays);
};

/** Local days → what main asks for: local midnight of the first day to local midnight after the last. */
export function toRange([first, last]: DayRange): InsightRange {
  const from = midnight(first);
  return { from: from.getTime(), to: midnight(last, 1).getTime(), utcOffsetMinutes: -from.getTimezoneOffset() };
}

interface InsightState {
  days: DayRange;
  report: InsightReport | null;
  status: LoadStatus;
  error: AppErrorShape | null;
  exporting: boolean;
  exportError: AppErrorShape | null;
  setDays: (days: DayRange) => void;
  load: () => Promise<void>;
  exportXlsx: () => Promise<void>;
}

let seq = 0;

export const useInsightStore = create<InsightState>()((set, get) => ({
  days: lastDays(DEFAULT_DAYS),
  report: null,
  status: 'idle',
  error: null,
  exporting: false,
  exportError: null,
  setDays: (days) => {
    set({ days });
    void get().load();
  },
  load: async () => {
    const mine = ++seq;
    set({ status: 'loading' });
    try {
      const report = await getApi().insightReport(toRange(get().days));
      if (mine === seq) set({ report, status: 'ready', error: null });
    } catch (err) {
      if (mine === seq) set({ status: 'error', error: toErrorShape(err) });
    }
  },
  exportXlsx: async () => {
    set({ exporting: true, exportError: null });
    try {
      saveDownload(await getApi().insightExport(toRange(get().days)));
      set({ exporting: false });
    } catch (err) {
      set({ exporting: false, exportError: toErrorShape(err) });
    }
  },
}));
