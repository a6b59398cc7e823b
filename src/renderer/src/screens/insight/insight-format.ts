/** Numbers of the Insight screen in the user's language: counts, rates as percentages, delivery times. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendTotals } from '../../../../shared/insight.ts';

export interface InsightFormat {
  count(n: number): string;
  /** A 0–1 rate as a percentage with one decimal; a dash when there is none. */
  rate(r: number | null): string;
  /** Seconds as "45 s", "12 min", "2 h 10 min"; a dash when there is none. */
  duration(seconds: number | null): string;
}

export function useInsightFormat(): InsightFormat {
  const { t, i18n } = useTranslation('insight');
  return useMemo(() => {
    const n = new Intl.NumberFormat(i18n.language);
    const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
    return {
      count: (v) => n.format(v),
      rate: (r) => (r === null ? '—' : pct.format(r)),
      duration: (s) => {
        if (s === null) return '—';
        if (s < 60) return t('duration.seconds', { n: s });
        if (s < 3600) return t('duration.minutes', { n: Math.round(s / 60) });
        const h = Math.floor(s / 3600);
        const m = Math.round((s % 3600) / 60);
        return m === 0 ? t('duration.hours', { n: h }) : t('duration.hoursMinutes', { h, m });
      },
    };
  }, [t, i18n.language]);
}

/** Handed-over messages split into what became of them, for the stacked volume charts. */
export function outcomeSplit(s: SendTotals) {
  const failed = s.failed + s.refused;
  return { delivered: s.delivered, failed, expired: s.expired, waiting: Math.max(0, s.handed - s.delivered - s.failed - s.expired) };
}

/** The delivery rate as a percentage for a chart (null: no point drawn). */
export const ratePct = (s: SendTotals) => (s.deliveryRate === null ? null : Math.round(s.deliveryRate * 1000) / 10);
