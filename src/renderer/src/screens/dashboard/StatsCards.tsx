/** Today's and this week's sent / delivered / failed / expired, and the delivery funnel for the week. */
import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DashboardStats, PeriodCounts } from '../../../../shared/monitoring.ts';
import { STATE_COLORS } from '../campaigns/CampaignProgress.tsx';

/** The same colour per state as every other screen (campaigns/CampaignProgress.tsx). */
const COUNT_COLOR: Partial<Record<keyof PeriodCounts, string>> = { delivered: STATE_COLORS.delivered, failed: STATE_COLORS.failed, expired: STATE_COLORS.expired };

function Period({ label, counts, testId }: { label: string; counts: PeriodCounts; testId: string }) {
  const { t, i18n } = useTranslation('dashboard');
  const n = new Intl.NumberFormat(i18n.language);
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Group gap="xl" mt="xs">
        {(['sent', 'delivered', 'failed', 'expired'] as const).map((k) => (
          <div key={k}>
            <Text size="xl" fw={700} c={counts[k] > 0 ? COUNT_COLOR[k] : undefined} data-testid={`${testId}-${k}`} data-count={counts[k]}>
              {n.format(counts[k])}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`counts.${k}`)}
            </Text>
          </div>
        ))}
      </Group>
    </Paper>
  );
}

export function StatsCards({ stats }: { stats: DashboardStats }) {
  const { t } = useTranslation('dashboard');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <Period label={t('today')} counts={stats.today} testId="dash-today" />
      <Period label={t('week')} counts={stats.week} testId="dash-week" />
    </SimpleGrid>
  );
}

export function Funnel({ funnel }: { funnel: DashboardStats['funnel'] }) {
  const { t, i18n } = useTranslation('dashboard');
  const n = new Intl.NumberFormat(i18n.language);
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const base = Math.max(funnel.handed, 1);
  const steps = [
    { key: 'handed', value: funnel.handed, color: STATE_COLORS.submitted },
    { key: 'sent', value: funnel.sent, color: STATE_COLORS.sent },
    { key: 'delivered', value: funnel.delivered, color: STATE_COLORS.delivered },
    { key: 'failed', value: funnel.failed, color: STATE_COLORS.failed },
    { key: 'expired', value: funnel.expired, color: STATE_COLORS.expired },
  ] as const;
  return (
    <Paper withBorder p="md" data-testid="dash-funnel">
      <Title order={3} size="h5" mb="sm">
        {t('funnel.title')}
      </Title>
      {funnel.handed === 0 ? (
        <Text size="sm" c="dimmed">
          {t('funnel.empty')}
        </Text>
      ) : (
        <Stack gap="xs">
          {steps.map((s) => (
            <div key={s.key} data-testid="dash-funnel-step" data-step={s.key} data-count={s.value}>
              <Group justify="space-between" gap="xs">
                <Text size="sm">{t(`funnel.${s.key}`)}</Text>
                <Text size="sm" fw={600}>
                  {n.format(s.value)} <Text span size="xs" c="dimmed">({pct.format(s.value / base)})</Text>
                </Text>
              </Group>
              <Progress value={(s.value / base) * 100} color={s.color} size="lg" aria-label={t(`funnel.${s.key}`)} />
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
