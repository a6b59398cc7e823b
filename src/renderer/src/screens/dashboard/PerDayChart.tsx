/** Messages handed to each provider per day over the last 14 days: stacked SVG columns, with delivered, failed and expired in each tooltip. */
import { Group, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProviderKind } from '../../../../shared/accounts.ts';
import type { DashboardStats } from '../../../../shared/monitoring.ts';
import { useDateTime } from '../../format/date-time.ts';

const DAYS = 14;
const PROVIDERS: ProviderKind[] = ['eims', 'gsmbox', 'jsms'];
const COLORS: Record<ProviderKind, string> = { eims: 'var(--mantine-color-blue-6)', gsmbox: 'var(--mantine-color-teal-6)', jsms: 'var(--mantine-color-grape-6)' };

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function PerDayChart({ stats }: { stats: DashboardStats }) {
  const { t, i18n } = useTranslation(['dashboard', 'accounts']);
  const n = new Intl.NumberFormat(i18n.language);
  const dt = useDateTime();
  const end = new Date(stats.generatedAt);
  const days = Array.from({ length: DAYS }, (_, i) => new Date(end.getFullYear(), end.getMonth(), end.getDate() - (DAYS - 1 - i)));
  const byDay = new Map<string, DashboardStats['perDay']>();
  for (const row of stats.perDay) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  const totals = days.map((d) => (byDay.get(localDay(d)) ?? []).reduce((a, r) => a + r.sent, 0));
  const max = Math.max(1, ...totals);
  const W = 700;
  const H = 180;
  const colW = W / DAYS;
  const used = PROVIDERS.filter((p) => stats.perDay.some((r) => r.provider === p));
  // Day labels ("Dec 6", "12月6日") wider than a column go on every other day, always ending on today.
  const labels = days.map((d) => dt.dayMonth(d.getTime()));
  const labelWidth = Math.max(...labels.map((l) => [...l].reduce((w, ch) => w + (/[\u3000-\u9fff]/.test(ch) ? 11 : 6.5), 0)));
  const labelEvery = labelWidth > colW - 6 ? 2 : 1;

  return (
    <Paper withBorder p="md" data-testid="dash-chart">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {t('chart.title')}
        </Title>
        <Group gap="md" aria-hidden>
          {used.map((p) => (
            <Group key={p} gap={4}>
              <span style={{ width: 10, height: 10, borderRadius: 2, background: COLORS[p], display: 'inline-block' }} />
              <Text size="xs">{t(`accounts:kinds.${p}`)}</Text>
            </Group>
          ))}
        </Group>
      </Group>
      {stats.perDay.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('chart.empty')}
        </Text>
      ) : (
        <svg viewBox={`0 0 ${W} ${H + 22}`} width="100%" role="img" aria-label={t('chart.label')} data-testid="dash-chart-svg" style={{ maxHeight: 240 }}>
          {days.map((d, i) => {
            const rows = byDay.get(localDay(d)) ?? [];
            let y = H;
            return (
              <g key={i}>
                {PROVIDERS.map((p) => {
                  const r = rows.find((x) => x.provider === p);
                  if (!r || r.sent === 0) return null;
                  const h = (r.sent / max) * (H - 16);
                  y -= h;
                  return (
                    <rect key={p} x={i * colW + colW * 0.18} y={y} width={colW * 0.64} height={h} fill={COLORS[p]} rx={2} data-testid="dash-chart-bar" data-day={r.day} data-provider={p} data-sent={r.sent}>
                      <title>{t('chart.tooltip', { day: labels[i], provider: t(`accounts:kinds.${p}`), sent: n.format(r.sent), delivered: n.format(r.delivered), failed: n.format(r.failed), expired: n.format(r.expired) })}</title>
                    </rect>
                  );
                })}
                {totals[i]! > 0 && (
                  <text x={i * colW + colW / 2} y={y - 4} textAnchor="middle" fontSize={11} fill="var(--mantine-color-dimmed)">
                    {n.format(totals[i]!)}
                  </text>
                )}
                {(DAYS - 1 - i) % labelEvery === 0 && (
                  <text x={i * colW + colW / 2} y={H + 16} textAnchor="middle" fontSize={11} fill="var(--mantine-color-dimmed)">
                    {labels[i]}
                  </text>
                )}
              </g>
            );
          })}
          <line x1={0} x2={W} y1={H} y2={H} stroke="var(--mantine-color-default-border)" />
        </svg>
      )}
    </Paper>
  );
}
