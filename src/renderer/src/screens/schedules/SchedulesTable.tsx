/** One list of local and provider-side schedules: what, when, next run, last result, state and actions. */
import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { Truncate } from '../../components/Truncate.tsx';
import { useTranslation } from 'react-i18next';
import type { ScheduleState, ScheduleView } from '../../../../shared/schedules.ts';
import { useSchedulesStore } from '../../stores/schedules.ts';
import { canEdit } from './schedule-form-model.ts';
import { useDateTime } from '../../format/date-time.ts';
import { describeWhen } from './schedule-text.ts';
import { LastResult } from './LastResult.tsx';
import { NextRun } from './NextRun.tsx';

const STATE_COLOR: Record<ScheduleState, string> = { active: 'teal', paused: 'yellow', done: 'gray', failed: 'red', deleted: 'gray' };
const KIND_COLOR = { local: 'blue', jsms: 'violet', 'eims-timed': 'orange', 'eims-job': 'orange' } as const;

interface Props {
  schedules: ScheduleView[];
  onEdit: (s: ScheduleView) => void;
  onDelete: (s: ScheduleView) => void;
  onDetail: (s: ScheduleView) => void;
  onRuns: (s: ScheduleView) => void;
  onRunNow: (s: ScheduleView) => void;
  onResult: (ok: boolean, error?: { code: string; message: string }) => void;
}

export function SchedulesTable({ schedules, onEdit, onDelete, onDetail, onRuns, onRunNow, onResult }: Props) {
  const { t } = useTranslation('schedules');
  const dt = useDateTime();
  const busy = useSchedulesStore((s) => s.busy);
  const { pause, resume } = useSchedulesStore.getState();
  const act = async (fn: () => Promise<{ ok: boolean; error?: { code: string; message: string } }>) => {
    const r = await fn();
    onResult(r.ok, r.ok ? undefined : r.error);
  };
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" striped highlightOnHover aria-label={t('table.label')} data-testid="schedules-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('table.name')}</Table.Th>
            <Table.Th>{t('table.when')}</Table.Th>
            <Table.Th>{t('table.nextRun')}</Table.Th>
            <Table.Th>{t('table.lastResult')}</Table.Th>
            <Table.Th>{t('table.state')}</Table.Th>
            <Table.Th>{t('table.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {schedules.map((s) => (
            <Table.Tr key={s.id} data-testid="schedule-row" data-id={s.id} data-kind={s.kind}>
              <Table.Td>
                <Stack gap={4} maw={180}>
                  <Truncate size="sm" fw={600} data-testid="schedule-name">
                    {s.name}
                  </Truncate>
                  <Badge size="xs" variant="light" color={KIND_COLOR[s.kind]} style={{ alignSelf: 'flex-start', flexShrink: 0, minWidth: 'max-content' }} data-testid="schedule-kind">
                    {t(`kinds.${s.kind}`)}
                  </Badge>
                  <Truncate size="xs" c="dimmed">
                    {s.accountName}
                  </Truncate>
                </Stack>
              </Table.Td>
              <Table.Td maw={200}>
                <Stack gap={2}>
                  <Text size="sm" style={{ wordBreak: 'keep-all' }} data-testid="schedule-when">
                    {s.when ? describeWhen(s.when, t, dt) : s.job ? t(`jobTypes.${s.job.jobType}`) : ''}
                  </Text>
                  {s.when && (
                    <Text size="xs" c="dimmed">
                      {s.kind === 'eims-job' ? t('repeat.zone', { zone: 'UTC+8' }) : t('repeat.zone', { zone: s.when.zone })}
                    </Text>
                  )}
                  {s.kind === 'local' && (
                    <Text size="xs" c="dimmed" data-testid="schedule-missed">
                      {t(`missed.short.${s.missedPolicy}`)}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <NextRun schedule={s} />
              </Table.Td>
              <Table.Td maw={260}>
                <LastResult schedule={s} />
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATE_COLOR[s.state]} data-testid="schedule-state" data-state={s.state} style={{ minWidth: 'max-content' }}>
                  {t(`states.${s.state}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Stack gap={6} align="stretch">
                  {s.kind === 'local' && s.state === 'active' && (
                    <Button size="xs" variant="default" loading={busy[s.id]} onClick={() => void act(() => pause(s.id))} data-testid="schedule-pause">
                      {t('actions.pause')}
                    </Button>
                  )}
                  {s.kind === 'local' && s.state === 'paused' && (
                    <Button size="xs" variant="light" loading={busy[s.id]} onClick={() => void act(() => resume(s.id))} data-testid="schedule-resume">
                      {t('actions.resume')}
                    </Button>
                  )}
                  {canEdit(s) && (
                    <Button size="xs" variant="default" onClick={() => onEdit(s)} data-testid="schedule-edit">
                      {t('actions.edit')}
                    </Button>
                  )}
                  {s.kind === 'local' && (
                    <Button size="xs" variant="light" loading={busy[s.id]} onClick={() => onRunNow(s)} data-testid="schedule-run-now">
                      {t('actions.runNow')}
                    </Button>
                  )}
                  {s.kind === 'local' && (
                    <Button size="xs" variant="subtle" onClick={() => onRuns(s)} data-testid="schedule-history">
                      {t('actions.history')}
                    </Button>
                  )}
                  {s.kind === 'jsms' && s.state === 'active' && (
                    <Button size="xs" variant="subtle" onClick={() => onDetail(s)} data-testid="schedule-detail">
                      {t('actions.view')}
                    </Button>
                  )}
                  <Button size="xs" variant="subtle" color="red" onClick={() => onDelete(s)} data-testid="schedule-delete">
                    {t('actions.delete')}
                  </Button>
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
