/** Volume (stacked by outcome) and delivery rate per day and per hour of day: @mantine/charts. */
import { BarChart, LineChart } from '@mantine/charts';
import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DayInsight, HourInsight, SendTotals } from '../../../../shared/insight.ts';
import { useDateTime } from '../../format/date-time.ts';
import { InsightPanel } from './InsightPanel.tsx';
import { outcomeSplit, ratePct, useInsightFormat } from './insight-format.ts';

const OUTCOMES = [
  { name: 'delivered', color: 'teal.6' },
  { name: 'failed', color: 'red.6' },
  { name: 'expired', color: 'orange.5' },
  { name: 'waiting', color: 'gray.4' },
] as const;

function VolumeAndRate({ title, rows, testId }: { title: string; rows: ({ label: string } & SendTotals)[]; testId: string }) {
  const { t } = useTranslation('insight');
  const f = useInsightFormat();
  const data = rows.map((r) => ({ label: r.label, ...outcomeSplit(r), rate: ratePct(r) }));
  const any = rows.some((r) => r.handed > 0 || r.refused > 0);
  return (
    <InsightPanel title={title} empty={any ? null : t('empty')} data-testid={testId} data-points={rows.length} data-handed={rows.reduce((n, r) => n + r.handed, 0)}>
      <Stack gap="xs">
          <BarChart
            h={180}
            data={data}
            dataKey="label"
            type="stacked"
            withLegend
            legendProps={{ verticalAlign: 'top', height: 28 }}
            series={OUTCOMES.map((o) => ({ name: o.name, color: o.color, label: t(`outcome.${o.name}`) }))}
            valueFormatter={f.count}
            aria-label={t('chart.volume', { title })}
          />
          <LineChart
            h={120}
            data={data}
            dataKey="label"
            series={[{ name: 'rate', color: 'blue.6', label: t('deliveryRate') }]}
            yAxisProps={{ domain: [0, 100], width: 40 }}
            unit="%"
            connectNulls
            curveType="linear"
            aria-label={t('chart.rate', { title })}
          />
      </Stack>
    </InsightPanel>
  );
}

export function VolumeCharts({ byDay, byHour }: { byDay: DayInsight[]; byHour: HourInsight[] }) {
  const { t } = useTranslation('insight');
  const dt = useDateTime();
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <VolumeAndRate title={t('perDay')} testId="insight-days" rows={byDay.map((d) => ({ ...d, label: dt.dayMonth(new Date(`${d.day}T00:00`).getTime()) }))} />
      <VolumeAndRate title={t('perHour')} testId="insight-hours" rows={byHour.map((h) => ({ ...h, label: dt.timeOfDay(`${h.hour}:00`) }))} />
    </SimpleGrid>
  );
}
