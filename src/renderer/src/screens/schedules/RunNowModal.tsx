/** "Run now" on a local schedule: the same review as Compose, then one run by hand; the history opens after. */
import { Modal, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import type { ScheduleView } from '../../../../shared/schedules.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useSchedulesStore } from '../../stores/schedules.ts';
import { ScheduleReview } from './ScheduleReview.tsx';

export function RunNowModal({ schedule, onClose, onDone }: { schedule: ScheduleView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('schedules');
  const busy = useSchedulesStore((s) => s.busy[schedule.id]) === true;
  const [error, setError] = useState<AppErrorShape | null>(null);
  const confirm = async () => {
    const r = await useSchedulesStore.getState().runNow(schedule.id);
    if (r.ok) onDone();
    else setError(r.error);
  };
  return (
    <Modal opened onClose={onClose} size="xl" title={<Title order={3}>{t('runNow.title', { name: schedule.name })}</Title>} data-testid="schedule-run-now-dialog">
      {error && <ErrorAlert title={t('actionFailed')} error={error} testId="schedule-run-now-error" />}
      <ScheduleReview
        draft={schedule.draft}
        note={t('runNow.note')}
        hint={t('runNow.hint')}
        confirmLabel={t('runNow.confirm')}
        busy={busy}
        onConfirm={() => void confirm()}
        onBack={onClose}
      />
    </Modal>
  );
}
