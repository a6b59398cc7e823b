/** What happened last: a local run (sent / skipped / failed, with why) or what the provider holds. */
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { addressReach } from '../../../../shared/reachability.ts';
import type { ScheduleView } from '../../../../shared/schedules.ts';
import { Truncate } from '../../components/Truncate.tsx';
import { sentenceText } from '../../i18n/issue-text.ts';
import { openCampaign } from '../campaigns/campaign-route.ts';
import { useDateTime } from '../../format/date-time.ts';

const OUTCOME_COLOR = { created: 'teal', skipped: 'yellow', failed: 'red' } as const;
const PROVIDER_NAMES = { jsms: 'JSMS', eims: 'EIMS', gsmbox: 'GSM box' } as const;

export function LastResult({ schedule: s }: { schedule: ScheduleView }) {
  const { t, i18n } = useTranslation('schedules');
  const dt = useDateTime();
  const run = s.lastRun;
  const pending = s.parts.filter((p) => p.state !== 'deleted');
  const rejected = pending.reduce((n, p) => n + p.rejected, 0);
  return (
    <Stack gap={2} data-testid="schedule-last">
      {s.kind === 'local' &&
        (run ? (
          <>
            <Text size="sm" c={OUTCOME_COLOR[run.outcome]} fw={500} data-testid="schedule-last-outcome" data-outcome={run.outcome}>
              {t(`last.${run.outcome}`)} · {dt.dateTime(run.firedAt)}
            </Text>
            {run.detail !== '' && (
              <Text size="xs" c="dimmed">
                {sentenceText(i18n, run.detail)}
              </Text>
            )}
            {run.campaignId && (
              <Anchor size="xs" onClick={() => openCampaign(run.campaignId!)} data-testid="schedule-open-campaign">
                {t('last.openCampaign')}
              </Anchor>
            )}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('last.never')}
          </Text>
        ))}
      {s.kind !== 'local' && pending.length > 0 && (
        <Text size="sm" data-testid="schedule-parts">
          {t('last.parts', { count: s.recipients ?? pending.reduce((n, p) => n + p.recipients, 0), provider: PROVIDER_NAMES[s.provider], parts: pending.length })}
          {rejected > 0 ? ` · ${t('last.rejected', { count: rejected })}` : ''}
        </Text>
      )}
      {s.job?.numbersUrl && (
        <Stack gap={2} data-testid="schedule-file">
          <Text size="xs" c="dimmed">
            {t('file.label')}
          </Text>
          <Truncate size="xs" ff="monospace" maw={240} data-testid="schedule-file-url">
            {s.job.numbersUrl}
          </Truncate>
          {s.job.numbersUrlExpiresAt !== null && (
            <Text size="xs" c="dimmed">
              {t('file.expires', { time: dt.dateTime(s.job.numbersUrlExpiresAt) })}
            </Text>
          )}
          {s.job.numbersUrlWarning && (
            <Alert color="orange" variant="light" p={6} data-testid="schedule-file-warning">
              <Text size="xs">{addressReach(s.job.numbersUrl) === 'loopback' ? t('file.loopback') : t('file.private')}</Text>
            </Alert>
          )}
        </Stack>
      )}
      {s.lastError && (
        <Text size="xs" c="red" role="alert" data-testid="schedule-error" data-error-code={s.lastError.code}>
          {sentenceText(i18n, s.lastError.message)}
        </Text>
      )}
    </Stack>
  );
}
