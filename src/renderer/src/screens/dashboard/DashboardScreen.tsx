/** Dashboard: the guided start on a new install, what needs attention, today and this week, the delivery funnel, per-day sends per provider, balances, box ports and recent campaigns — live. */
import { Anchor, Grid, Skeleton, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { hashForRoute } from '../../routes.ts';
import { connectDashboardUpdates, useDashboardStore } from '../../stores/dashboard.ts';
import { AccountsPanel } from './AccountsPanel.tsx';
import { AttentionPanel } from './AttentionPanel.tsx';
import { FirstRunGuide, showsGuide } from './FirstRunGuide.tsx';
import { PerDayChart } from './PerDayChart.tsx';
import { RecentCampaigns } from './RecentCampaigns.tsx';
import { Funnel, StatsCards } from './StatsCards.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { useDateTime } from '../../format/date-time.ts';

export function DashboardScreen() {
  const { t } = useTranslation('dashboard');
  const stats = useDashboardStore((s) => s.stats);
  const status = useDashboardStore((s) => s.statsStatus);
  const error = useDashboardStore((s) => s.statsError);
  const loadStats = useDashboardStore((s) => s.loadStats);
  const dt = useDateTime();
  const health = useDashboardStore((s) => s.health);

  useEffect(() => {
    let stop: (() => void) | undefined;
    try {
      stop = connectDashboardUpdates();
    } catch {
      // No bridge: the loads below record the error to show.
    }
    const s = useDashboardStore.getState();
    void s.loadStats();
    void s.loadHealth();
    void s.loadAccounts();
    return () => stop?.();
  }, []);

  return (
    <Stack gap="md" data-testid="screen-dashboard" data-status={status}>
      <ScreenHeader title={t('title')} intro={t('intro')}>
        {stats && (
          <Stack gap={0} align="flex-end">
            {stats.inboxUnread > 0 && (
              <Anchor href={hashForRoute('inbox')} size="sm" data-testid="dash-unread" data-count={stats.inboxUnread}>
                {t('unread', { count: stats.inboxUnread })}
              </Anchor>
            )}
            <Text size="xs" c="dimmed" aria-live="polite">
              {t('updated', { time: dt.time(stats.generatedAt, { seconds: true }) })}
            </Text>
          </Stack>
        )}
      </ScreenHeader>
      {status === 'error' && error && <ErrorAlert title={t('loadFailed')} error={error} onRetry={() => void loadStats()} testId="dash-error" />}
      {health && showsGuide(health.setup) && <FirstRunGuide setup={health.setup} />}
      {health && (health.items.length > 0 || !showsGuide(health.setup)) && <AttentionPanel items={health.items} />}
      {status === 'loading' && !stats && (
        <Stack gap="sm" data-testid="dash-loading">
          <Skeleton height={90} />
          <Skeleton height={180} />
        </Stack>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            {stats && <StatsCards stats={stats} />}
            {stats && <PerDayChart stats={stats} />}
            {stats && <RecentCampaigns campaigns={stats.recentCampaigns} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            {stats && <Funnel funnel={stats.funnel} />}
            <AccountsPanel />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
