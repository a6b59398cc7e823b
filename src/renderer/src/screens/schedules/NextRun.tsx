/** The next run: this PC's time first, then the schedule's zone and the provider's clock where they differ. */
import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ScheduleView } from '../../../../shared/schedules.ts';
import { useDateTime } from '../../format/date-time.ts';
import { parseOffsetLabel, providerDiffers, zoneDiffers } from './schedule-text.ts';

const PROVIDER_NAMES = { jsms: 'JSMS', eims: 'EIMS', gsmbox: 'GSM box' } as const;
/** Dates break at their spaces, never inside "2026年12月11日". */
const KEEP_DATES = { wordBreak: 'keep-all' } as const;

export function NextRun({ schedule }: { schedule: ScheduleView }) {
  const { t } = useTranslation('schedules');
  const dt = useDateTime();
  const at = schedule.nextRunAt;
  if (at === null) {
    return (
      <Text size="sm" c="dimmed" data-testid="schedule-next-none">
        {t('next.none')}
      </Text>
    );
  }
  const pt = schedule.providerTime;
  return (
    <Stack gap={0} data-testid="schedule-next" data-at={at} style={KEEP_DATES}>
      <Text size="sm" data-testid="schedule-next-local">
        {t('next.local', { time: dt.dateTime(at) })}
      </Text>
      {schedule.when && schedule.kind !== 'eims-job' && zoneDiffers(schedule, at) && (
        <Text size="xs" c="dimmed" data-testid="schedule-next-zone">
          {t('next.zone', { zone: schedule.when.zone, time: dt.dateTime(at, { zone: schedule.when.zone }) })}
        </Text>
      )}
      {pt && providerDiffers(at, parseOffsetLabel(pt.zoneLabel)) && (
        <Text size="xs" c="dimmed" data-testid="schedule-next-provider">
          {t('next.provider', { provider: PROVIDER_NAMES[schedule.provider], zone: pt.zoneLabel, wall: dt.wall(pt.wall) })}
        </Text>
      )}
    </Stack>
  );
}
