/** Saved compose drafts: open one in Compose to finish and send it, or delete it. */
import { Button, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftView } from '../../../../shared/drafts.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTime } from '../../format/date-time.ts';
import { useDraftsStore } from '../../stores/drafts.ts';
import { openInCompose } from '../compose/open-in-compose.ts';

export function DraftsList() {
  const { t } = useTranslation('campaigns');
  const drafts = useDraftsStore((s) => s.drafts);
  const status = useDraftsStore((s) => s.status);
  const loadError = useDraftsStore((s) => s.error);
  const [error, setError] = useState<{ title: string; error: AppErrorShape } | null>(null);
  const [deleting, setDeleting] = useState<DraftView | null>(null);
  const dt = useDateTime();
  useEffect(() => {
    void useDraftsStore.getState().load();
  }, []);

  const open = async (d: DraftView) => {
    setError(null);
    const r = await useDraftsStore.getState().get(d.id);
    if (r.ok) openInCompose(r.value.form, r.value.id);
    else setError({ title: t('drafts.openFailed'), error: r.error });
  };
  const remove = async (d: DraftView) => {
    const r = await useDraftsStore.getState().remove(d.id);
    setDeleting(null);
    if (!r.ok) setError({ title: t('drafts.deleteFailed'), error: r.error });
  };

  return (
    <Stack gap="sm" data-testid="drafts-list">
      {status === 'error' && loadError && <ErrorAlert title={t('drafts.loadFailed')} error={loadError} onRetry={() => void useDraftsStore.getState().load()} />}
      {error && <ErrorAlert title={error.title} error={error.error} testId="drafts-error" />}
      {status === 'ready' && drafts.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="drafts-empty">
          {t('drafts.empty')}
        </Text>
      ) : (
        <Paper withBorder>
          <Table verticalSpacing="sm" layout="fixed" data-testid="drafts-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('drafts.name')}</Table.Th>
                <Table.Th w={140}>{t('drafts.account')}</Table.Th>
                <Table.Th>{t('drafts.message')}</Table.Th>
                <Table.Th w={150}>{t('drafts.updated')}</Table.Th>
                <Table.Th w={170}>{t('drafts.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {drafts.map((d) => (
                <Table.Tr key={d.id} data-testid="draft-row" data-draft-id={d.id}>
                  <Table.Td>
                    <Text size="sm" fw={500} truncate="end" title={d.name}>
                      {d.name === '' ? t('drafts.untitled') : d.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={d.accountName ? undefined : 'dimmed'} truncate="end">
                      {d.accountName ?? t('drafts.noAccount')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" truncate="end" title={d.text}>
                      {d.tempId !== '' ? t('drafts.template', { tempId: d.tempId }) : d.text}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{dt.dateTime(d.updatedAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => void open(d)} data-testid="draft-open">
                        {t('drafts.open')}
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(d)} data-testid="draft-delete">
                        {t('drafts.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {deleting && (
        <Modal opened onClose={() => setDeleting(null)} title={t('drafts.deleteTitle')} closeButtonProps={{ 'aria-label': t('common:actions.close') }} data-testid="draft-delete-dialog">
          <Stack gap="md">
            <Text size="sm">{t('drafts.deleteBody', { name: deleting.name === '' ? t('drafts.untitled') : deleting.name })}</Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setDeleting(null)}>
                {t('common:actions.cancel')}
              </Button>
              <Button color="red" onClick={() => void remove(deleting)} data-testid="draft-delete-confirm">
                {t('drafts.delete')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
