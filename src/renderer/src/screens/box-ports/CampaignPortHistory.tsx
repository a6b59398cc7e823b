/**
 * A GSM box campaign's port history (issue 19): ports of its gateway taken out of rotation while it was
 * sending, the one-message trials, and their return; SIMs changed. Loaded with the campaign and again
 * whenever the core adds a line (`campaignHistoryChanged`). Shows nothing when there is no line.
 */
import { Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignPortEvent, PortEventKind } from '../../../../shared/box-ports.ts';
import { toErrorShape, type AppErrorShape } from '../../../../shared/errors.ts';
import { getApi } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTime } from '../../format/date-time.ts';
import { joinSentences } from './PortHealth.tsx';

const COLORS: Record<PortEventKind, string> = { out: 'red', trial: 'orange', 'rest-again': 'red', back: 'teal', 'sim-changed': 'grape' };

function useCampaignPortHistory(id: string): { lines: CampaignPortEvent[]; error: AppErrorShape | null } {
  const [lines, setLines] = useState<CampaignPortEvent[]>([]);
  const [error, setError] = useState<AppErrorShape | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      getApi()
        .campaignHistory({ id })
        .then((l) => live && (setLines(l), setError(null)))
        .catch((err: unknown) => live && setError(toErrorShape(err)));
    void load();
    const stop = getApi().on('campaignHistoryChanged', (e) => {
      if (e.id === id) void load();
    });
    return () => {
      live = false;
      stop();
    };
  }, [id]);
  return { lines, error };
}

function LineText({ line }: { line: CampaignPortEvent }) {
  const { t, i18n } = useTranslation('ports');
  const dt = useDateTime();
  const parts: string[] = [];
  if (line.kind === 'out' || line.kind === 'rest-again') {
    if (line.reason && line.reason !== 'trial-sent' && line.reason !== 'available') parts.push(t(`reason.${line.reason}`, { ...line.facts }));
    if (line.kind === 'out') parts.push(t('history.messagesElsewhere'));
    parts.push(line.retryAt !== undefined ? t('retryAt', { time: dt.time(line.retryAt, { seconds: true }) }) : t('backWhenAvailable'));
  } else if (line.kind === 'back') {
    parts.push(line.reason === 'available' ? t('history.backAvailable') : t('history.backTrial'));
  } else if (line.kind === 'sim-changed') {
    parts.push(t('history.sim', { imsi: line.imsi, previous: line.previousImsi }));
  }
  return parts.length === 0 ? null : (
    <Text size="xs" data-testid="port-history-detail">
      {joinSentences(i18n.language, parts)}
    </Text>
  );
}

export function CampaignPortHistory({ id }: { id: string }) {
  const { t } = useTranslation('ports');
  const dt = useDateTime();
  const { lines, error } = useCampaignPortHistory(id);
  if (error) return <ErrorAlert title={t('history.loadFailed')} error={error} testId="port-history-error" />;
  if (lines.length === 0) return null;
  const title = (l: CampaignPortEvent) => {
    const port = l.portName ? `${l.port} (${l.portName})` : String(l.port);
    if (l.kind === 'trial') return l.number ? t('history.trialTo', { port, number: l.number }) : t('history.trial', { port });
    return t(`history.${l.kind}`, { port });
  };
  return (
    <Paper withBorder p="md" data-testid="port-history">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('history.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('history.intro')}
        </Text>
        <Timeline active={lines.length - 1} bulletSize={12} lineWidth={2} aria-label={t('history.title')}>
          {lines.map((l, i) => (
            <Timeline.Item
              key={i}
              color={COLORS[l.kind]}
              title={
                <Text size="sm" fw={600}>
                  {title(l)}
                </Text>
              }
              data-testid="port-history-line"
              data-kind={l.kind}
              data-port={l.port}
            >
              <Text size="xs" c="dimmed">
                {dt.dateTime(l.at, { seconds: true })}
              </Text>
              <LineText line={l} />
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Paper>
  );
}
