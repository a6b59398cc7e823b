/** One message's history (every state change with where it came from), in a popover loaded on open. */
import { Button, Popover, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageEventView, MessageRow } from '../../../../shared/campaigns.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { useCampaignsStore } from '../../stores/campaigns.ts';
import { HistoryTimeline } from './HistoryTimeline.tsx';

export function MessageHistory({ row }: { row: MessageRow }) {
  const { t } = useTranslation('campaigns');
  const history = useCampaignsStore((s) => s.history);
  const [opened, setOpened] = useState(false);
  const [events, setEvents] = useState<MessageEventView[] | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);

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
        <HistoryTimeline events={events} error={error} testIdPrefix="message-history" />
      </Popover.Dropdown>
    </Popover>
  );
}
