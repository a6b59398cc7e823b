/**
 * When a schedule runs: its time zone (default the PC's), once / every N / daily / weekly / monthly,
 * the optional end date and run count, and what happens to runs missed while the app was closed.
 * One-off provider schedules show the time the provider will be told.
 */
import { Chip, Group, NumberInput, Radio, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RepeatKind } from '../../../../shared/schedules.ts';
import { instantOf, offsetLabel, parseLocalDateTime, systemTimeZone } from '../../../../shared/zoned-time.ts';
import { upcomingRuns } from '../../../../shared/recurrence.ts';
import { whenSchema } from '../../../../shared/schedules.ts';
import { toCreateInput, type ScheduleForm } from './schedule-form-model.ts';
import { useDateTime } from '../../format/date-time.ts';

const REPEATS: RepeatKind[] = ['once', 'every', 'daily', 'weekly', 'monthly'];
const LOCAL_DT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function zones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const list = intl.supportedValuesOf?.('timeZone') ?? [];
  const pc = systemTimeZone();
  return [...new Set([pc, 'UTC', 'Asia/Shanghai', ...list])];
}

/** The providers' clock: China time, a fixed UTC+8 (IANA's Etc/GMT-8). */
const PROVIDER_ZONE = 'Etc/GMT-8';

interface Props {
  form: ScheduleForm;
  errors: Record<string, string>;
  onChange: (next: Partial<ScheduleForm>) => void;
  /** Which repeats to offer (Compose: "at a time" is once only); default all. */
  repeatChoices?: RepeatKind[];
}

export function WhenFields({ form, errors, onChange, repeatChoices = REPEATS }: Props) {
  const { t } = useTranslation('schedules');
  const dt = useDateTime();
  const zoneOptions = useMemo(zones, []);
  const local = form.mode === 'local';
  const repeat = local ? form.repeat : 'once';
  const e = (p: string) => Object.entries(errors).find(([k]) => k === p || k.startsWith(`${p}.`))?.[1];
  const atInstant = LOCAL_DT.test(form.at) ? instantOf(parseLocalDateTime(form.at), form.zone) : null;
  /** The next runs as the scheduler will compute them (shared recurrence code), in this PC's time. */
  const upcoming = useMemo(() => {
    if (!local) return null;
    const input = toCreateInput({ ...form, mode: 'local' }, undefined);
    const when = input.kind === 'local' ? whenSchema.safeParse(input.when) : null;
    return when?.success ? upcomingRuns(when.data, Date.now(), 3) : null;
  }, [form, local]);

  return (
    <Stack gap="sm">
      <Select
        label={t('form.zone')}
        description={t('form.zoneHint')}
        data={zoneOptions}
        value={form.zone}
        searchable
        allowDeselect={false}
        onChange={(v) => v && onChange({ zone: v })}
        error={e('when.zone') ?? e('zone')}
        data-testid="schedule-form-zone"
      />
      {local && repeatChoices.length > 1 && (
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('form.repeat')}
          </Text>
          <SegmentedControl
            fullWidth
            value={form.repeat}
            onChange={(v) => onChange({ repeat: v as RepeatKind })}
            data={repeatChoices.map((r) => ({ value: r, label: t(`form.repeatKinds.${r}`) }))}
            data-testid="schedule-form-repeat"
          />
        </div>
      )}
      {(repeat === 'once' || repeat === 'every') && (
        <Stack gap={4}>
          <TextInput
            type="datetime-local"
            label={repeat === 'every' ? t('form.from') : t('form.at')}
            value={form.at}
            onChange={(ev) => onChange({ at: ev.currentTarget.value })}
            error={e('when.repeat') ?? e('at')}
            data-testid="schedule-form-at"
          />
          {atInstant !== null && form.zone !== systemTimeZone() && (
            <Text size="xs" c="dimmed" data-testid="schedule-form-pc-time">
              {t('form.pcTime', { time: dt.dateTime(atInstant) })}
            </Text>
          )}
          {atInstant !== null && (form.mode === 'jsms' || form.mode === 'eims-timed') && (
            <Text size="xs" c="dimmed" data-testid="schedule-form-provider-time">
              {t('form.providerTime', { provider: form.mode === 'jsms' ? 'JSMS' : 'EIMS', wall: dt.dateTime(atInstant, { zone: PROVIDER_ZONE }), zone: offsetLabel(480) })}
            </Text>
          )}
        </Stack>
      )}
      {repeat === 'every' && (
        <Group grow>
          <NumberInput label={t('form.every')} min={1} value={form.every} onChange={(v) => onChange({ every: Number(v) || 1 })} data-testid="schedule-form-every" />
          <Select
            label=" "
            data={[
              { value: 'minutes', label: t('form.minutes') },
              { value: 'hours', label: t('form.hours') },
            ]}
            value={form.unit}
            allowDeselect={false}
            onChange={(v) => v && onChange({ unit: v as 'minutes' | 'hours' })}
          />
        </Group>
      )}
      {(repeat === 'daily' || repeat === 'weekly' || repeat === 'monthly') && (
        <Group grow align="flex-start">
          <TextInput type="time" label={t('form.time')} value={form.time} onChange={(ev) => onChange({ time: ev.currentTarget.value })} error={e('when.repeat.time')} data-testid="schedule-form-time" />
          <TextInput type="date" label={t('form.startDate')} value={form.startDate} onChange={(ev) => onChange({ startDate: ev.currentTarget.value })} />
        </Group>
      )}
      {repeat === 'weekly' && (
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('form.days')}
          </Text>
          <Chip.Group multiple value={form.days.map(String)} onChange={(v) => onChange({ days: v.map(Number).sort() })}>
            <Group gap={6}>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <Chip key={d} value={String(d)} size="xs" data-testid="schedule-form-day">
                  {t(`weekdays.${d}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {e('when.repeat.days') && (
            <Text size="xs" c="red">
              {e('when.repeat.days')}
            </Text>
          )}
        </div>
      )}
      {repeat === 'monthly' && (
        <NumberInput label={t('form.day')} description={t('form.dayHint')} min={1} max={31} value={form.day} onChange={(v) => onChange({ day: Number(v) || 1 })} data-testid="schedule-form-monthday" />
      )}
      {local && repeat !== 'once' && (
        <Group grow align="flex-start">
          <TextInput type="date" label={t('form.endDate')} value={form.endDate} onChange={(ev) => onChange({ endDate: ev.currentTarget.value })} error={e('when.endDate')} />
          <TextInput label={t('form.maxRuns')} value={form.maxRuns} onChange={(ev) => onChange({ maxRuns: ev.currentTarget.value })} error={e('when.maxRuns')} />
        </Group>
      )}
      {upcoming && (
        <Text size="xs" c={upcoming.length === 0 ? 'orange' : 'dimmed'} data-testid="schedule-form-upcoming">
          {upcoming.length === 0 ? t('form.previewNone') : t('form.preview', { times: upcoming.map((at) => dt.dateTime(at)).join(' · ') })}
        </Text>
      )}
      {local && (
        <Radio.Group label={t('missed.label')} value={form.missedPolicy} onChange={(v) => onChange({ missedPolicy: v as ScheduleForm['missedPolicy'] })} data-testid="schedule-form-missed">
          <Group gap="lg" mt={4}>
            <Radio value="run-once" label={t('missed.run-once')} />
            <Radio value="skip" label={t('missed.skip')} />
          </Group>
        </Radio.Group>
      )}
    </Stack>
  );
}
