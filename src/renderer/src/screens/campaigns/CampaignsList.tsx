/** Every campaign with its state and live progress; a row opens the campaign. */
import { Anchor, Button, Center, EmptyState, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Truncate } from '../../components/Truncate.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { hashForRoute } from '../../routes.ts';
import { useCampaignsStore } from '../../stores/campaigns.ts';
import { useRouteStore } from '../../stores/route.ts';
import { KindBadge } from '../accounts/KindBadge.tsx';
import { openCampaign } from './campaign-route.ts';
import { CampaignProgress } from './CampaignProgress.tsx';
import { StateBadge } from './StateBadge.tsx';
import { useDateTime } from '../../format/date-time.ts';

export function CampaignsList() {
  const { t } = useTranslation('campaigns');
  const campaigns = useCampaignsStore((s) => s.campaigns);
  const status = useCampaignsStore((s) => s.status);
  const error = useCampaignsStore((s) => s.error);
  const load = useCampaignsStore((s) => s.load);
  const navigate = useRouteStore((s) => s.navigate);
  const dt = useDateTime();

  return (
    <Stack gap="md">
      {status === 'error' && error && <ErrorAlert title={t('loadFailed')} error={error} onRetry={() => void load()} testId="campaigns-error" />}
      {(status === 'idle' || status === 'loading') && (
        <Center p="xl">
          <Loader size="sm" aria-label={t('common:loading')} />
        </Center>
      )}
      {status === 'ready' && campaigns.length === 0 && (
        <Paper withBorder p="xl" data-testid="campaigns-empty">
          <EmptyState
            title={t('empty.title')}
            description={t('empty.description')}
          />
          <Center mt="md">
            <Button onClick={() => navigate('compose')} data-testid="campaigns-compose">
              {t('newCampaign')}
            </Button>
          </Center>
        </Paper>
      )}
      {campaigns.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" highlightOnHover aria-label={t('table.label')} data-testid="campaigns-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('table.name')}</Table.Th>
                  <Table.Th>{t('table.account')}</Table.Th>
                  <Table.Th>{t('table.state')}</Table.Th>
                  <Table.Th w="40%">{t('table.progress')}</Table.Th>
                  <Table.Th>{t('table.created')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {campaigns.map((c) => (
                  <Table.Tr key={c.id} data-testid="campaign-row" data-campaign-id={c.id} style={{ cursor: 'pointer' }} onClick={() => openCampaign(c.id)}>
                    <Table.Td>
                      <Anchor
                        href={hashForRoute('campaigns', c.id)}
                        fw={500}
                        size="sm"
                        onClick={(e) => {
                          e.preventDefault();
                          e.stopPropagation();
                          openCampaign(c.id);
                        }}
                        aria-label={t('table.openNamed', { name: c.name })}
                        data-testid="campaign-name"
                      >
                        <Truncate size="sm" fw={500} c="inherit" maw={240}>
                          {c.name}
                        </Truncate>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Truncate size="sm" maw={160}>
                          {c.accountName}
                        </Truncate>
                        <KindBadge kind={c.provider} />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <StateBadge state={c.state} waiting={c.waitingUntil !== null} />
                    </Table.Td>
                    <Table.Td>
                      <CampaignProgress counts={c.counts} total={c.total} state={c.state} compact />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {dt.dateTime(c.createdAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
