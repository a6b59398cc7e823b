/** Messages handed to each provider per day over the last 14 days: a stacked @mantine/charts bar chart, with a table of the same numbers (delivered, failed, expired too) for screen readers and tests. */
import { BarChart } from '@mantine/charts';
import { Group, Paper, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProviderKind } from '../../../../shared/accounts.ts';
import type { DashboardStats } from '../../../../shared/monitoring.ts';
import { useDateTime } from '../../format/date-time.ts';

const DAYS = 14;
const PROVIDERS: ProviderKind[] = ['eims', 'gsmbox', 'jsms'];
const COLORS: Record<ProviderKind, string> = { eims: 'blue.6', gsmbox: 'teal.6', jsms: 'grape.6' };

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function PerDayChart({ stats }: { stats: DashboardStats }) {
  const { t, i18n } = useTranslation(['dashboard', 'accounts']);
  const n = new Intl.NumberFormat(i18n.language);
  const dt = useDateTime();
  const end = new Date(stats.generatedAt);
  const days = Array.from({ length: DAYS }, (_, i) => new Date(end.getFullYear(), end.getMonth(), end.getDate() - (DAYS - 1 - i)));
  const used = PROVIDERS.filter((p) => stats.perDay.some((r) => r.provider === p));
  const data = days.map((d) => {
    const row: Record<string, string | number> = { day: dt.dayMonth(d.getTime()) };
    for (const p of used) row[p] = stats.perDay.find((r) => r.day === localDay(d) && r.provider === p)?.sent ?? 0;
    return row;
  });

  return (
    <Paper withBorder p="md" data-testid="dash-chart">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {t('chart.title')}
        </Title>
      </Group>
      {stats.perDay.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('chart.empty')}
        </Text>
      ) : (
        <>
          <BarChart
            h={200}
            data={data}
            dataKey="day"
            type="stacked"
            withLegend
            legendProps={{ verticalAlign: 'top', height: 28 }}
            series={used.map((p) => ({ name: p, label: t(`accounts:kinds.${p}`), color: COLORS[p] }))}
            valueFormatter={(v) => n.format(v)}
            aria-label={t('chart.label')}
            data-testid="dash-chart-bars"
          />
          <VisuallyHidden>
            <table>
              <caption>{t('chart.label')}</caption>
              <tbody>
                {stats.perDay.map((r) => (
                  <tr key={`${r.day}/${r.provider}`} data-testid="dash-chart-cell" data-day={r.day} data-provider={r.provider} data-sent={r.sent}>
                    <td>
                      {t('chart.tooltip', {
                        day: dt.dayMonth(new Date(`${r.day}T00:00`).getTime()),
                        provider: t(`accounts:kinds.${r.provider}`),
                        sent: n.format(r.sent),
                        delivered: n.format(r.delivered),
                        failed: n.format(r.failed),
                        expired: n.format(r.expired),
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </VisuallyHidden>
        </>
      )}
    </Paper>
  );
}
