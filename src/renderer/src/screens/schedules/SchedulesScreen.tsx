/** Schedules: local and provider-side schedules in one list, with create (provider-side ones reviewed first), edit, pause/resume, run now, history and delete. */
import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import type { ScheduleView } from '../../../../shared/schedules.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { dateTimeFormat } from '../../format/date-time.ts';
import { useAccountsStore } from '../../stores/accounts.ts';
import { useContactsStore } from '../../stores/contacts.ts';
import { connectSchedulesUpdates, useSchedulesStore } from '../../stores/schedules.ts';
import { emptyScheduleForm, formFromView, type ScheduleForm } from './schedule-form-model.ts';
import { ScheduleFormModal } from './ScheduleFormModal.tsx';
import { DeleteScheduleModal, ProviderDetailModal } from './ScheduleModals.tsx';
import { RunsModal } from './RunsModal.tsx';
import { RunNowModal } from './RunNowModal.tsx';
import { SchedulesTable } from './SchedulesTable.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';

type Dialog = { kind: 'form'; form: ScheduleForm } | { kind: 'delete' | 'detail' | 'runs' | 'runNow'; schedule: ScheduleView } | null;

export function SchedulesScreen() {
  const { t, i18n } = useTranslation('schedules');
  const schedules = useSchedulesStore((s) => s.schedules);
  const status = useSchedulesStore((s) => s.status);
  const error = useSchedulesStore((s) => s.error);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    void useSchedulesStore.getState().load();
    void useAccountsStore.getState().load();
    void useContactsStore.getState().loadLists();
    let stop: (() => void) | undefined;
    try {
      stop = connectSchedulesUpdates();
    } catch {
      // No bridge: the load above records the error to show.
    }
    return () => stop?.();
  }, []);

  /** A new form with a name the user can keep, like Compose gives a fresh draft. */
  const freshForm = (): ScheduleForm => {
    const form = emptyScheduleForm(Date.now());
    const date = dateTimeFormat(i18n.language).dateTime(Date.now());
    return { ...form, message: { ...form.message, name: t('form.defaultName', { date }) } };
  };
  const onResult = (ok: boolean, err?: AppErrorShape) => setActionError(ok ? null : (err ?? null));

  return (
    <Stack gap="md" data-testid="screen-schedules">
      <ScreenHeader title={t('title')} intro={t('intro')} maw={760}>
        <Button onClick={() => setDialog({ kind: 'form', form: freshForm() })} data-testid="schedules-new">
          {t('newSchedule')}
        </Button>
      </ScreenHeader>
      {error && <ErrorAlert title={t('loadFailed')} error={error} onRetry={() => void useSchedulesStore.getState().load()} testId="schedules-error" />}
      {actionError && <ErrorAlert title={t('actionFailed')} error={actionError} testId="schedules-action-error" />}
      {notice && (
        <Alert color="orange" variant="light" withCloseButton onClose={() => setNotice(null)} data-testid="schedules-notice">
          {notice}
        </Alert>
      )}
      {status === 'ready' && schedules.length === 0 ? (
        <Paper withBorder p="xl" data-testid="schedules-empty">
          <Stack gap={4} align="center">
            <Title order={3} size="h4">
              {t('empty.title')}
            </Title>
            <Text c="dimmed" size="sm" ta="center" maw={520}>
              {t('empty.description')}
            </Text>
          </Stack>
        </Paper>
      ) : (
        schedules.length > 0 && (
          <Paper withBorder>
            <SchedulesTable
              schedules={schedules}
              onEdit={(s) => setDialog({ kind: 'form', form: formFromView(s, Date.now()) })}
              onDelete={(s) => setDialog({ kind: 'delete', schedule: s })}
              onDetail={(s) => setDialog({ kind: 'detail', schedule: s })}
              onRuns={(s) => setDialog({ kind: 'runs', schedule: s })}
              onRunNow={(s) => setDialog({ kind: 'runNow', schedule: s })}
              onResult={onResult}
            />
          </Paper>
        )
      )}
      {dialog?.kind === 'form' && <ScheduleFormModal initial={dialog.form} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />}
      {dialog?.kind === 'delete' && (
        <DeleteScheduleModal
          schedule={dialog.schedule}
          onClose={() => setDialog(null)}
          onDone={(stillHolds) => {
            setDialog(null);
            setNotice(stillHolds ? t('delete.stillHolds') : null);
          }}
        />
      )}
      {dialog?.kind === 'detail' && <ProviderDetailModal schedule={dialog.schedule} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'runs' && <RunsModal schedule={dialog.schedule} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'runNow' && (
        // After the run, its history shows it (and opens its campaign).
        <RunNowModal schedule={dialog.schedule} onClose={() => setDialog(null)} onDone={() => setDialog({ kind: 'runs', schedule: dialog.schedule })} />
      )}
    </Stack>
  );
}
