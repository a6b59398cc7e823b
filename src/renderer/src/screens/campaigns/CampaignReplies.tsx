/**
 * Replies counted on a campaign (issue 19): SMS from a number the campaign messaged within the reply
 * window (Settings), on the newest campaign that messaged it. Counts, reply rate, opt-outs, the newest
 * replies, and a link to the inbox filtered to them.
 */
import { Anchor, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTime } from '../../format/date-time.ts';
import { connectCampaignReplies, useCampaignRepliesStore } from '../../stores/campaign-replies.ts';
import { useInboxStore } from '../../stores/inbox.ts';
import { useRouteStore } from '../../stores/route.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { Figure } from '../../components/Figure.tsx';

export function CampaignReplies({ campaignId }: { campaignId: string }) {
  const { t, i18n } = useTranslation('campaigns');
  const { page, status, error, load, loadMore } = useCampaignRepliesStore();
  const windowHours = useSettingsStore((s) => s.settings.replyWindowHours);
  const dt = useDateTime();
  const number = new Intl.NumberFormat(i18n.language);
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });

  useEffect(() => {
    void load(campaignId);
    let stop: (() => void) | undefined;
    try {
      stop = connectCampaignReplies(campaignId);
    } catch {
      // No bridge: the load above records the error to show.
    }
    return () => stop?.();
  }, [campaignId, load]);

  const showInInbox = () => {
    void useInboxStore.getState().setFilter({ campaignId, view: 'all' });
    useRouteStore.getState().navigate('inbox');
  };
  const current = useCampaignRepliesStore.getState().campaignId === campaignId ? page : null;

  return (
    <Paper withBorder p="md" data-testid="campaign-replies" data-status={status}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h4">
              {t('replies.title')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('replies.window', { count: windowHours })}
            </Text>
          </div>
          <Button variant="default" size="xs" onClick={showInInbox} disabled={!current || current.replies === 0} data-testid="campaign-replies-inbox">
            {t('replies.showInInbox')}
          </Button>
        </Group>
        {status === 'error' && error && <ErrorAlert title={t('replies.loadFailed')} error={error} onRetry={() => void load(campaignId)} testId="campaign-replies-error" />}
        {!current && status !== 'error' && <Skeleton height={48} />}
        {current && (
          <>
            <SimpleGrid cols={{ base: 3 }} spacing="md">
              <Figure label={t('replies.count')} value={number.format(current.replies)} testId="campaign-reply-count" size="lg" />
              <Figure label={t('replies.rate')} value={pct.format(current.replyRate)} testId="campaign-reply-rate" size="lg" />
              <Figure label={t('replies.optOuts')} value={number.format(current.optOuts)} testId="campaign-reply-optouts" size="lg" />
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              {t('replies.rateOf', { numbers: number.format(current.repliedNumbers), handed: number.format(current.handed) })}
            </Text>
            {current.items.length === 0 ? (
              <Text size="sm" c="dimmed" data-testid="campaign-replies-empty">
                {t('replies.none')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={480}>
                <Table verticalSpacing={4} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={150}>{t('replies.number')}</Table.Th>
                      <Table.Th>{t('replies.text')}</Table.Th>
                      <Table.Th w={190}>{t('replies.at')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {current.items.map((r) => (
                      <Table.Tr key={r.id} data-testid="campaign-reply" data-number={r.number}>
                        <Table.Td ff="monospace">{r.number}</Table.Td>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>
                          {r.text}
                          {r.optOut && (
                            <Text span size="xs" c="orange" ml={6}>
                              {t('replies.optedOut')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{dt.dateTime(r.at)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {current.nextCursor !== null && (
              <Anchor component="button" type="button" size="sm" onClick={() => void loadMore()} data-testid="campaign-replies-more">
                {t('replies.more')}
              </Anchor>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
