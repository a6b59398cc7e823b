/**
 * One message's details and status history (each change with its time and source: push, poll, reply,
 * reconcile…), in a drawer loaded when opened. One drawer serves the whole table (rows stay light).
 */
import { Badge, Drawer, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageEventView } from '../../../../shared/campaigns.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import type { MessageLogRow } from '../../../../shared/monitoring.ts';
import { sentenceText } from '../../i18n/issue-text.ts';
import { SentText, singleKindLabel } from '../../components/SentText.tsx';
import { hashForRoute } from '../../routes.ts';
import { useMessagesLogStore } from '../../stores/messages.ts';
import { STATE_COLORS } from '../campaigns/CampaignProgress.tsx';
import { HistoryTimeline } from '../campaigns/HistoryTimeline.tsx';

export function LogHistory({ row, onClose }: { row: MessageLogRow | null; onClose: () => void }) {
  const { t, i18n } = useTranslation(['messages', 'campaigns']);
  const history = useMessagesLogStore((s) => s.history);
  const [events, setEvents] = useState<MessageEventView[] | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
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
                {row.campaignKind === 'campaign' ? <a href={hashForRoute('campaigns', row.campaignId)}>{row.campaignName}</a> : singleKindLabel(t, row.campaignKind)}
              </Text>
            </Group>
            {row.name && (
              <Text size="sm" fw={500} data-testid="log-history-name">
                {row.name}
              </Text>
            )}
            <SentText message={row} testId="log-history-text" />
            {row.errorMessage && (
              <Text size="sm" c="red">
                {sentenceText(i18n, row.errorMessage)}
              </Text>
            )}
          </Stack>
          <HistoryTimeline events={events} error={error} testIdPrefix="log-history" loaderSize="sm" label={t('history.label')} />
        </Stack>
      )}
    </Drawer>
  );
}
