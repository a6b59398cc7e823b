/** An EIMS job (smsjob): its type and the fields that type uses; hours and minutes are the platform's clock (UTC+8). */
import { Checkbox, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EIMS_JOB_KINDS, type EimsJobKind } from '../../../../shared/schedules.ts';
import type { ScheduleForm } from './schedule-form-model.ts';

interface Props {
  job: ScheduleForm['job'];
  errors: Record<string, string>;
  onChange: (next: Partial<ScheduleForm['job']>) => void;
}

export function EimsJobFields({ job, errors, onChange }: Props) {
  const { t } = useTranslation('schedules');
  const e = (p: string) => errors[`eims.job.${p}`] ?? errors[`job.${p}`] ?? errors[p];
  const periodic = job.jobType !== 'now' && job.jobType !== 'timed';
  const num = (v: string | number) => (typeof v === 'number' ? v : Number(v) || 0);
  return (
    <Stack gap="sm" data-testid="schedule-form-job">
      <Group grow align="flex-start">
        <TextInput label={t('form.job.name')} value={job.jobName} maxLength={64} onChange={(ev) => onChange({ jobName: ev.currentTarget.value })} error={e('jobName') ?? e('name')} data-testid="schedule-form-job-name" />
        <Select
          label={t('form.job.type')}
          data={EIMS_JOB_KINDS.map((k) => ({ value: k, label: t(`jobTypes.${k}`) }))}
          value={job.jobType}
          allowDeselect={false}
          onChange={(v) => v && onChange({ jobType: v as EimsJobKind })}
          data-testid="schedule-form-job-type"
        />
      </Group>
      {periodic && (
        <Group grow align="flex-start">
          <NumberInput label={t('form.job.hour')} min={0} max={23} value={job.hour} onChange={(v) => onChange({ hour: num(v) })} error={e('hour')} />
          <NumberInput label={t('form.job.min')} min={0} max={59} value={job.min} onChange={(v) => onChange({ min: num(v) })} error={e('min')} />
          {job.jobType === 'interval' && <NumberInput label={t('form.job.interval')} min={1} value={job.interval} onChange={(v) => onChange({ interval: num(v) })} error={e('interval')} />}
          {job.jobType === 'weekly' && (
            <Select
              label={t('form.job.week')}
              data={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(`weekdays.${d}`) }))}
              value={String(job.week)}
              allowDeselect={false}
              onChange={(v) => v && onChange({ week: Number(v) })}
            />
          )}
          {job.jobType === 'monthly' && <NumberInput label={t('form.job.day')} min={1} max={31} value={job.day} onChange={(v) => onChange({ day: num(v) })} error={e('day')} />}
          {job.jobType === 'monthly' && <NumberInput label={t('form.job.mon')} min={1} max={12} value={job.mon} onChange={(v) => onChange({ mon: num(v) })} error={e('mon')} />}
        </Group>
      )}
      {job.jobType !== 'now' && (
        <Group grow align="flex-start">
          <TextInput type="datetime-local" label={t('form.job.planStart')} value={job.planStart} onChange={(ev) => onChange({ planStart: ev.currentTarget.value })} error={e('planStart')} />
          {periodic && <TextInput type="datetime-local" label={t('form.job.planEnd')} value={job.planEnd} onChange={(ev) => onChange({ planEnd: ev.currentTarget.value })} error={e('planEnd')} />}
        </Group>
      )}
      <Group grow align="flex-end">
        {periodic && <TextInput label={t('form.job.period')} value={job.period} onChange={(ev) => onChange({ period: ev.currentTarget.value })} error={e('period')} />}
        <TextInput label={t('form.job.retry')} value={job.retry} onChange={(ev) => onChange({ retry: ev.currentTarget.value })} error={e('retry')} />
        <Checkbox label={t('form.job.flash')} checked={job.flash} onChange={(ev) => onChange({ flash: ev.currentTarget.checked })} mb={8} />
      </Group>
      <Text size="xs" c="dimmed">
        {t('form.numbersFile')}
      </Text>
    </Stack>
  );
}
