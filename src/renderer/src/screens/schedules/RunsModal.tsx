/** A local schedule's runs, newest first: when each was due, when it was handled, what came of it. */
import { Anchor, Button, Group, Loader, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import type { ScheduleRunView, ScheduleView } from '../../../../shared/schedules.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { sentenceText } from '../../i18n/issue-text.ts';
import { useSchedulesStore } from '../../stores/schedules.ts';
import { openCampaign } from '../campaigns/campaign-route.ts';
import { useDateTime } from '../../format/date-time.ts';

export function RunsModal({ schedule, onClose }: { schedule: ScheduleView; onClose: () => void }) {
  const { t, i18n } = useTranslation('schedules');
  const dt = useDateTime();
  const [runs, setRuns] = useState<ScheduleRunView[] | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  useEffect(() => {
    let live = true;
    void useSchedulesStore
      .getState()
      .runs(schedule.id)
      .then((r) => {
        if (!live) return;
        if (r.ok) setRuns(r.value);
        else setError(r.error);
      });
    return () => {
      live = false;
    };
  }, [schedule.id]);
  return (
    <Modal opened onClose={onClose} size="xl" title={t('runs.title', { name: schedule.name })} data-testid="schedule-runs-dialog">
      <Stack gap="md">
        {!runs && !error && <Loader size="xs" />}
        {error && <ErrorAlert title={t('actionFailed')} error={error} />}
        {runs && runs.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('runs.empty')}
          </Text>
        )}
        {runs && runs.length > 0 && (
          <ScrollArea.Autosize mah={420}>
            <Table striped fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('runs.due')}</Table.Th>
                  <Table.Th>{t('runs.fired')}</Table.Th>
                  <Table.Th>{t('runs.outcome')}</Table.Th>
                  <Table.Th>{t('runs.detail')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {runs.map((r) => (
                  <Table.Tr key={r.dueAt} data-testid="schedule-run" data-outcome={r.outcome}>
                    <Table.Td>{dt.dateTime(r.dueAt)}</Table.Td>
                    <Table.Td>{dt.dateTime(r.firedAt)}</Table.Td>
                    <Table.Td>
                      {r.campaignId ? (
                        <Anchor size="sm" onClick={() => openCampaign(r.campaignId)}>
                          {t(`last.${r.outcome}`)}
                        </Anchor>
                      ) : (
                        t(`last.${r.outcome}`)
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{r.detail === '' ? '—' : sentenceText(i18n, r.detail)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('runs.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
