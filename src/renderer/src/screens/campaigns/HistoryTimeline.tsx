/**
 * A message's status history as a timeline: each change with its time, its source (app, reply, push,
 * poll, reconcile, user) and detail; with the loading, empty and error states. Used by the campaign's
 * history popover and the message log's drawer.
 */
import { Center, Loader, Stack, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MessageEventView } from '../../../../shared/campaigns.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { sentenceText } from '../../i18n/issue-text.ts';
import { STATE_COLORS } from './CampaignProgress.tsx';
import { useDateTime } from '../../format/date-time.ts';

export interface HistoryTimelineProps {
  /** null while loading. */
  events: MessageEventView[] | null;
  error: AppErrorShape | null;
  /** Test ids are `<prefix>-event` per change. */
  testIdPrefix: string;
  loaderSize?: 'xs' | 'sm';
  label?: string;
}

export function HistoryTimeline({ events, error, testIdPrefix, loaderSize = 'xs', label }: HistoryTimelineProps) {
  const { t, i18n } = useTranslation('campaigns');
  const dt = useDateTime();
  if (error) return <ErrorAlert title={t('messages.historyFailed')} error={error} />;
  if (events === null) {
    return (
      <Center p="sm">
        <Loader size={loaderSize} aria-label={t('common:loading')} />
      </Center>
    );
  }
  if (events.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('messages.historyEmpty')}
      </Text>
    );
  }
  return (
    <Timeline active={events.length - 1} bulletSize={12} lineWidth={2} aria-label={label}>
      {events.map((e, i) => (
        <Timeline.Item
          key={i}
          color={STATE_COLORS[e.state]}
          title={
            <Text size="sm" fw={600}>
              {t(`messageStates.${e.state}`)}
            </Text>
          }
          data-testid={`${testIdPrefix}-event`}
          data-state={e.state}
          data-source={e.source}
        >
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {dt.dateTime(e.at, { seconds: true })} · {t(`messages.sources.${e.source}`)}
            </Text>
            {e.detail !== '' && (
              <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                {sentenceText(i18n, e.detail)}
              </Text>
            )}
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
