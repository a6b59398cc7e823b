/**
 * Create or edit a schedule: who holds it, the message (the Compose draft), and when. One the provider
 * holds (JSMS, EIMS timed send or job) is reviewed first, like Compose: the platform is called only
 * after the user confirms the summary.
 */
import { Alert, Button, Group, List, Modal, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleView } from '../../../../shared/schedules.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { toDraftInput, translateFields } from '../compose/compose-model.ts';
import { useAccountsStore } from '../../stores/accounts.ts';
import { useContactsStore } from '../../stores/contacts.ts';
import { useSchedulesStore } from '../../stores/schedules.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { EimsJobFields } from './EimsJobFields.tsx';
import { MessageFields } from './MessageFields.tsx';
import { modesFor, toCreateInput, toUpdateInput, type ScheduleForm } from './schedule-form-model.ts';
import { WhenFields } from './WhenFields.tsx';
import { ScheduleReview } from './ScheduleReview.tsx';

interface Props {
  initial: ScheduleForm;
  onClose: () => void;
  onSaved: (s: ScheduleView) => void;
}

export function ScheduleFormModal({ initial, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation('schedules');
  const accounts = useAccountsStore((s) => s.accounts);
  const lists = useContactsStore((s) => s.lists);
  const busy = useSchedulesStore((s) => (initial.id === null ? s.busy.new : s.busy[initial.id])) === true;
  const [form, setForm] = useState<ScheduleForm>(initial);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [reviewing, setReviewing] = useState(false);
  const editing = initial.id !== null;
  const account = accounts.find((a) => a.id === form.message.accountId);
  const modes = modesFor(account?.kind);
  const mode = modes.includes(form.mode) ? form.mode : 'local';

  const patch = (next: Partial<ScheduleForm>) => setForm((f) => ({ ...f, ...next }));
  const save = async () => {
    const f = { ...form, mode };
    const store = useSchedulesStore.getState();
    const update = editing ? toUpdateInput(f, account?.kind) : null;
    const r = update ? await store.update(update) : await store.create(toCreateInput(f, account?.kind));
    if (r.ok) {
      onSaved(r.value);
      return;
    }
    backToForm(r.error);
  };
  const backToForm = (err: AppErrorShape) => {
    setReviewing(false);
    setError(err);
    setFields(translateFields(err.fields, i18n));
  };
  const providerHeld = mode !== 'local';
  const review = () => {
    setError(null);
    setFields({});
    setReviewing(true);
  };

  return (
    <Modal opened onClose={onClose} size="xl" title={<Title order={3}>{reviewing ? t('review.title') : editing ? t('form.editTitle') : t('form.createTitle')}</Title>} data-testid="schedule-form">
      {reviewing ? (
        <ScheduleReview
          draft={toDraftInput(form.message, account?.kind)}
          note={t(`review.note.${mode}`)}
          hint={t('review.hint')}
          confirmLabel={editing ? t('review.confirmSave') : t('review.confirm')}
          busy={busy}
          onConfirm={() => void save()}
          onBack={() => setReviewing(false)}
          onPreviewError={(err) => err.fields && backToForm(err)}
        />
      ) : (
        <Stack gap="md">
          <MessageFields
            form={form.message}
            accounts={accounts}
            lists={lists}
            errors={fields}
            accountLocked={editing && form.mode !== 'local'}
            onChange={(next) => patch({ message: { ...form.message, ...next } })}
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('form.who')}
            </Text>
            <SegmentedControl
              fullWidth
              value={mode}
              disabled={editing}
              onChange={(v) => patch({ mode: v as ScheduleForm['mode'] })}
              data={modes.map((m) => ({ value: m, label: t(`kinds.${m}`) }))}
              data-testid="schedule-form-mode"
            />
            <Text size="xs" c="dimmed" mt={4} data-testid="schedule-form-mode-help">
              {t(`kindHelp.${mode}`)}
            </Text>
          </div>
          <Title order={4} size="h5">
            {t('form.when')}
          </Title>
          <WhenFields form={{ ...form, mode }} errors={fields} onChange={patch} />
          {mode === 'eims-job' && <EimsJobFields job={form.job} errors={fields} onChange={(next) => patch({ job: { ...form.job, ...next } })} />}
          {Object.keys(fields).length > 0 ? (
            <Alert color="red" variant="light" title={t('form.invalid')} role="alert" data-testid="schedule-form-errors">
              <List size="sm">
                {Object.entries(fields).map(([k, v]) => (
                  <List.Item key={k}>{v}</List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            error && <ErrorAlert title={t('actionFailed')} error={error} testId="schedule-form-error" />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('form.cancel')}
            </Button>
            {providerHeld ? (
              <Button onClick={review} data-testid="schedule-form-review">
                {t('review.button')}
              </Button>
            ) : (
              <Button onClick={() => void save()} loading={busy} data-testid="schedule-form-save">
                {editing ? t('form.save') : t('form.create')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
