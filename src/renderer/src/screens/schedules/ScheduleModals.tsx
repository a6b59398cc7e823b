/** Delete (what it means for each kind) and the JSMS view of what the provider holds, msg_ids included. */
import { Button, Group, Loader, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import type { ProviderScheduleDetail, ScheduleView } from '../../../../shared/schedules.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTime } from '../../format/date-time.ts';
import { useSchedulesStore } from '../../stores/schedules.ts';

const SHOWN_RECIPIENTS = 200;

export function DeleteScheduleModal({ schedule, onClose, onDone }: { schedule: ScheduleView; onClose: () => void; onDone: (stillHolds: boolean) => void }) {
  const { t } = useTranslation('schedules');
  const busy = useSchedulesStore((s) => s.busy[schedule.id]) === true;
  const [error, setError] = useState<AppErrorShape | null>(null);
  const text = schedule.kind === 'local' ? 'delete.local' : schedule.kind === 'jsms' ? 'delete.jsms' : 'delete.eims';
  const confirm = async () => {
    const r = await useSchedulesStore.getState().remove(schedule.id);
    if (r.ok) onDone(r.value.providerStillHolds);
    else setError(r.error);
  };
  return (
    <Modal opened onClose={onClose} title={t('delete.title')} data-testid="schedule-delete-dialog">
      <Stack gap="md">
        <Text size="sm">{t(text, { name: schedule.name })}</Text>
        {error && <ErrorAlert title={t('actionFailed')} error={error} testId="schedule-delete-error" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('delete.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="schedule-delete-confirm">
            {t('delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function ProviderDetailModal({ schedule, onClose }: { schedule: ScheduleView; onClose: () => void }) {
  const { t } = useTranslation('schedules');
  const dt = useDateTime();
  const [detail, setDetail] = useState<ProviderScheduleDetail | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  useEffect(() => {
    let live = true;
    void useSchedulesStore
      .getState()
      .providerDetail(schedule.id)
      .then((r) => {
        if (!live) return;
        if (r.ok) setDetail(r.value);
        else setError(r.error);
      });
    return () => {
      live = false;
    };
  }, [schedule.id]);
  return (
    <Modal opened onClose={onClose} size="xl" title={t('detail.title', { name: schedule.name })} data-testid="schedule-detail-dialog">
      <Stack gap="md">
        {!detail && !error && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t('detail.loading')}</Text>
          </Group>
        )}
        {error && <ErrorAlert title={t('actionFailed')} error={error} testId="schedule-detail-error" />}
        {detail?.parts.map((p) => (
          <Stack key={p.providerId} gap={4}>
            <Text size="sm" fw={500}>
              {t('detail.schedule', { id: p.providerId, time: dt.wall(p.sendTime), temp: p.tempId })}
            </Text>
            <ScrollArea.Autosize mah={260}>
              <Table striped withTableBorder fz="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('detail.mobile')}</Table.Th>
                    <Table.Th>{t('detail.msgId')}</Table.Th>
                    <Table.Th>{t('detail.params')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.recipients.slice(0, SHOWN_RECIPIENTS).map((r) => (
                    <Table.Tr key={r.mobile} data-testid="schedule-detail-recipient">
                      <Table.Td ff="monospace">{r.mobile}</Table.Td>
                      <Table.Td ff="monospace">{r.msgId ?? '—'}</Table.Td>
                      <Table.Td>{Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(', ')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
            {p.recipients.length > SHOWN_RECIPIENTS && (
              <Text size="xs" c="dimmed">
                {t('detail.more', { count: p.recipients.length - SHOWN_RECIPIENTS })}
              </Text>
            )}
          </Stack>
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('detail.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
