/** The latest campaigns with their outcome so far; each opens its campaign. */
import { Anchor, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Truncate } from '../../components/Truncate.tsx';
import type { DashboardStats } from '../../../../shared/monitoring.ts';
import { hashForRoute } from '../../routes.ts';
import { StateBadge } from '../campaigns/StateBadge.tsx';
import { useDateTime } from '../../format/date-time.ts';

export function RecentCampaigns({ campaigns }: { campaigns: DashboardStats['recentCampaigns'] }) {
  const { t, i18n } = useTranslation(['dashboard', 'accounts']);
  const n = new Intl.NumberFormat(i18n.language);
  const dt = useDateTime();
  return (
    <Paper withBorder p="md" data-testid="dash-recent">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {t('recent.title')}
        </Title>
        <Anchor href={hashForRoute('campaigns')} size="sm">
          {t('recent.all')}
        </Anchor>
      </Group>
      {campaigns.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('recent.empty')}
        </Text>
      ) : (
        <Table verticalSpacing={6} aria-label={t('recent.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('recent.name')}</Table.Th>
              {(['delivered', 'failed', 'expired', 'pendingHeader'] as const).map((k) => (
                <Table.Th key={k} ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {t(`recent.${k}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {campaigns.map((c) => (
              <Table.Tr key={c.id} data-testid="dash-campaign" data-id={c.id}>
                <Table.Td>
                  <Anchor href={hashForRoute('campaigns', c.id)} size="sm" fw={500}>
                    <Truncate size="sm" fw={500} c="inherit" maw={220}>
                      {c.name}
                    </Truncate>
                  </Anchor>
                  {/* The state sits under the name: the half-width card has room for the counts only. */}
                  <Group gap={6} mt={2}>
                    <StateBadge state={c.state} waiting={false} />
                    <Text size="xs" c="dimmed">
                      {t(`accounts:kinds.${c.provider}`)} · {dt.dateTime(c.createdAt)} · {t('recent.total', { count: c.total, formatted: n.format(c.total) })}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{n.format(c.delivered)}</Table.Td>
                <Table.Td ta="right" c={c.failed > 0 ? 'red' : undefined}>
                  {n.format(c.failed)}
                </Table.Td>
                <Table.Td ta="right" c={c.expired > 0 ? 'orange' : undefined} data-testid="dash-campaign-expired">
                  {n.format(c.expired)}
                </Table.Td>
                <Table.Td ta="right">{n.format(c.pending)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
