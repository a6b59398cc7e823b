/**
 * One message's details and status history (each change with its time and source: push, poll, reply,
 * reconcile…), in a drawer loaded when opened. One drawer serves the whole table (rows stay light).
 */
import { Badge, Center, Drawer, Group, Loader, Stack, Text, Timeline } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageEventView } from '../../../../shared/campaigns.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import type { MessageLogRow } from '../../../../shared/monitoring.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { hashForRoute } from '../../routes.ts';
import { useMessagesLogStore } from '../../stores/messages.ts';
import { STATE_COLORS } from '../campaigns/CampaignProgress.tsx';

export function LogHistory({ row, onClose }: { row: MessageLogRow | null; onClose: () => void }) {
  const { t, i18n } = useTranslation(['messages', 'campaigns']);
  const history = useMessagesLogStore((s) => s.history);
  const [events, setEvents] = useState<MessageEventView[] | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  const id = row?.id ?? null;

  useEffect(() => {
    if (id === null) return;
    let live = true;
    setEvents(null);
    setError(null);
    void history(id).then((r) => {
      if (!live) return;
      if (r.ok) setEvents(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [id, history]);

  return (
    <Drawer opened={row !== null} onClose={onClose} position="right" size="md" title={row ? t('history.title', { number: row.e164 }) : ''} data-testid="log-history-drawer">
      {row && (
        <Stack gap="md">
          <Stack gap={4}>
            <Group gap="xs">
              <Badge variant="light" color={STATE_COLORS[row.state].split('.')[0]} data-testid="log-history-state">
                {t(`campaigns:messageStates.${row.state}`)}
              </Badge>
              <Text size="sm">
                <a href={hashForRoute('campaigns', row.campaignId)}>{row.campaignName}</a>
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="log-history-text">
              {row.text}
            </Text>
            {row.errorMessage && (
              <Text size="sm" c="red">
                {row.errorMessage}
              </Text>
            )}
          </Stack>
          {error && <ErrorAlert title={t('campaigns:messages.historyFailed')} error={error} />}
          {!error && events === null && (
            <Center p="sm">
              <Loader size="sm" aria-label={t('common:loading')} />
            </Center>
          )}
          {events?.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('campaigns:messages.historyEmpty')}
            </Text>
          )}
          {events && events.length > 0 && (
            <Timeline active={events.length - 1} bulletSize={12} lineWidth={2} aria-label={t('history.label')}>
              {events.map((e, i) => (
                <Timeline.Item key={i} color={STATE_COLORS[e.state]} title={<Text size="sm" fw={600}>{t(`campaigns:messageStates.${e.state}`)}</Text>} data-testid="log-history-event" data-state={e.state} data-source={e.source}>
                  <Stack gap={0}>
                    <Text size="xs" c="dimmed">
                      {time.format(e.at)} · {t(`campaigns:messages.sources.${e.source}`)}
                    </Text>
                    {e.detail !== '' && (
                      <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                        {e.detail}
                      </Text>
                    )}
                  </Stack>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
