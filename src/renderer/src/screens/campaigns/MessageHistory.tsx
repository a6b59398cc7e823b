/** One message's history (every state change with where it came from), in a popover loaded on open. */
import { Button, Center, Loader, Popover, Stack, Text, Timeline } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageEventView, MessageRow } from '../../../../shared/campaigns.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCampaignsStore } from '../../stores/campaigns.ts';
import { STATE_COLORS } from './CampaignProgress.tsx';

export function MessageHistory({ row }: { row: MessageRow }) {
  const { t, i18n } = useTranslation('campaigns');
  const history = useCampaignsStore((s) => s.history);
  const [opened, setOpened] = useState(false);
  const [events, setEvents] = useState<MessageEventView[] | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });

  const open = async () => {
    setOpened(true);
    setEvents(null);
    setError(null);
    const r = await history(row.id);
    if (r.ok) setEvents(r.value);
    else setError(r.error);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="left" width={380} shadow="md" withArrow>
      <Popover.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => (opened ? setOpened(false) : void open())}
          aria-label={t('messages.historyNamed', { number: row.e164 })}
          data-testid="message-history"
        >
          {t('messages.history')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="message-history-dropdown">
        <Text size="sm" fw={600} mb="xs">
          {t('messages.historyTitle', { number: row.e164 })}
        </Text>
        {error && <ErrorAlert title={t('messages.historyFailed')} error={error} />}
        {!error && events === null && (
          <Center p="sm">
            <Loader size="xs" aria-label={t('common:loading')} />
          </Center>
        )}
        {events?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('messages.historyEmpty')}
          </Text>
        )}
        {events && events.length > 0 && (
          <Timeline active={events.length - 1} bulletSize={12} lineWidth={2}>
            {events.map((e, i) => (
              <Timeline.Item key={i} color={STATE_COLORS[e.state]} title={<Text size="sm" fw={600}>{t(`messageStates.${e.state}`)}</Text>} data-testid="message-history-event" data-state={e.state}>
                <Stack gap={0}>
                  <Text size="xs" c="dimmed">
                    {time.format(e.at)} · {t(`messages.sources.${e.source}`)}
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
      </Popover.Dropdown>
    </Popover>
  );
}
