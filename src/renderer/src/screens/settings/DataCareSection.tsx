/**
 * Pause all sending, the logs folder, backup and restore. Restore asks first and says what happens; a
 * backup whose receiver settings listen wider than now asks again (RestoreReceiverModal).
 */
import { Alert, Button, FileButton, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestoreResult } from '../../../../shared/desktop.ts';
import type { AppErrorShape, Result } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTime } from '../../format/date-time.ts';
import { useFormat } from '../../i18n/format.ts';
import { useDataCareStore } from '../../stores/data-care.ts';
import { RestoreReceiverModal } from './RestoreReceiverModal.tsx';

export function DataCareSection() {
  const { t } = useTranslation('settings');
  const f = useFormat();
  const dt = useDateTime();
  const { mode, sending, busy, load, toggleSending, openLogs, backup, restore } = useDataCareStore();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<File | null>(null);
  const [wider, setWider] = useState<{ file: File; receiver: Extract<RestoreResult, { status: 'confirm' }>['receiver'] } | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const done = <T,>(r: { ok: true; value: T } | { ok: false; error: AppErrorShape }, message: (v: T) => string) => {
    if (r.ok) {
      setError(null);
      setNotice(message(r.value));
    } else {
      setNotice(null);
      setError(r.error);
    }
  };

  const restored = (file: File, r: Result<RestoreResult>) => {
    if (r.ok && r.value.status === 'confirm') return setWider({ file, receiver: r.value.receiver });
    done(r, (v) => t(mode === 'desktop' ? 'data.restore.restarting' : 'data.restore.staged', { date: dt.dateTime(v.info.createdAt) }));
  };

  return (
    <Paper withBorder p="lg" data-testid="settings-data">
      <Stack gap="md">
        <Title order={3} size="h4">
          {t('data.title')}
        </Title>
        {error && <ErrorAlert title={t('data.failed')} error={error} testId="settings-data-error" />}
        <Text size="sm" aria-live="polite" data-testid="settings-data-notice">
          {notice ?? ''}
        </Text>
        <Group justify="space-between" wrap="nowrap">
          <div>
            <Text fw={500}>{t('data.sending.title')}</Text>
            <Text size="sm" c="dimmed" data-testid="settings-sending-status">
              {sending ? t(sending.pausedAll ? 'data.sending.pausedAll' : 'data.sending.status', { running: f.number(sending.running), paused: f.number(sending.paused) }) : t('data.sending.unknown')}
            </Text>
          </div>
          <Button
            variant="light"
            color={sending?.pausedAll ? 'teal' : 'orange'}
            loading={busy === 'pause'}
            disabled={!sending || (!sending.pausedAll && sending.running === 0)}
            onClick={() => void toggleSending().then((r) => done(r, (s) => t(s.pausedAll ? 'data.sending.pausedNotice' : 'data.sending.resumedNotice')))}
            data-testid="settings-toggle-sending"
          >
            {sending?.pausedAll ? t('data.sending.resume') : t('data.sending.pause')}
          </Button>
        </Group>
        <Group justify="space-between" wrap="nowrap">
          <div>
            <Text fw={500}>{t('data.logs.title')}</Text>
            <Text size="sm" c="dimmed">
              {t('data.logs.intro')}
            </Text>
          </div>
          <Button variant="default" loading={busy === 'logs'} onClick={() => void openLogs().then((r) => done(r, (v) => (v.opened ? t('data.logs.opened') : t('data.logs.path', { path: v.path }))))} data-testid="settings-open-logs">
            {mode === 'desktop' ? t('data.logs.open') : t('data.logs.show')}
          </Button>
        </Group>
        <Stack gap={4}>
          <Text fw={500}>{t('data.backup.title')}</Text>
          <Text size="sm" c="dimmed">
            {t('data.backup.intro')}
          </Text>
          <Alert color="yellow" variant="light" data-testid="settings-backup-secrets-note">
            {t('data.backup.noSecrets')}
          </Alert>
          <Group>
            <Button loading={busy === 'backup'} onClick={() => void backup().then((r) => done(r, (name) => t('data.backup.saved', { name })))} data-testid="settings-backup">
              {t('data.backup.create')}
            </Button>
            <FileButton onChange={setPending} accept=".smsbackup,application/octet-stream">
              {(props) => (
                <Button {...props} variant="default" loading={busy === 'restore'} data-testid="settings-restore">
                  {t('data.backup.restore')}
                </Button>
              )}
            </FileButton>
          </Group>
        </Stack>
      </Stack>
      <Modal opened={pending !== null} onClose={() => setPending(null)} title={t('data.restore.title')} data-testid="settings-restore-confirm">
        <Stack>
          <Text size="sm">{t('data.restore.body', { name: pending?.name ?? '' })}</Text>
          <Text size="sm" c="dimmed">
            {t('data.backup.noSecrets')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(null)}>
              {t('data.restore.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                const file = pending;
                setPending(null);
                if (file) void restore(file).then((r) => restored(file, r));
              }}
              data-testid="settings-restore-go"
            >
              {t('data.restore.go')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <RestoreReceiverModal
        fileName={wider?.file.name ?? ''}
        receiver={wider?.receiver ?? null}
        onCancel={() => setWider(null)}
        onChoose={(choice) => {
          const file = wider?.file;
          setWider(null);
          if (file) void restore(file, choice).then((r) => restored(file, r));
        }}
      />
    </Paper>
  );
}
