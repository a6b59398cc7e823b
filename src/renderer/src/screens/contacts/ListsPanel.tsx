/** The lists: create, open, rename, export, delete (with confirm) and merge. */
import { Badge, Button, Center, EmptyState, Group, Loader, Menu, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, ListView } from '../../../../shared/contact-lists.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useContactsStore } from '../../stores/contacts.ts';
import { useContactsError } from './contacts-error.ts';
import { DeleteListModal } from './DeleteListModal.tsx';
import { ListNameModal } from './ListNameModal.tsx';
import { MergeListsModal } from './MergeListsModal.tsx';
import { useDateTime } from '../../format/date-time.ts';

interface ListsPanelProps {
  onOpen: (listId: string | null) => void;
  onImport: () => void;
}

type Dialog = { kind: 'create' } | { kind: 'rename'; list: ListView } | { kind: 'delete'; list: ListView } | { kind: 'merge' } | null;

export function ListsPanel({ onOpen, onImport }: ListsPanelProps) {
  const { t, i18n } = useTranslation('contacts');
  const lists = useContactsStore((s) => s.lists);
  const status = useContactsStore((s) => s.listsStatus);
  const error = useContactsStore((s) => s.listsError);
  const loadLists = useContactsStore((s) => s.loadLists);
  const exportList = useContactsStore((s) => s.exportList);
  const tr = useContactsError();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [exportError, setExportError] = useState<AppErrorShape | null>(null);
  const number = new Intl.NumberFormat(i18n.language);
  const dt = useDateTime();

  const doExport = async (list: ListView, format: ExportFormat) => {
    setExportError(null);
    const r = await exportList(list.id, format);
    if (!r.ok) setExportError(r.error);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="sm">
          <Button onClick={onImport} data-testid="lists-import">
            {t('lists.import')}
          </Button>
          <Button variant="default" onClick={() => setDialog({ kind: 'create' })} data-testid="list-create">
            {t('lists.create')}
          </Button>
          <Button variant="default" disabled={lists.length < 2} onClick={() => setDialog({ kind: 'merge' })} data-testid="list-merge">
            {t('lists.merge')}
          </Button>
        </Group>
        <Button variant="subtle" onClick={() => onOpen(null)} data-testid="lists-all-contacts">
          {t('lists.allContacts')}
        </Button>
      </Group>

      {status === 'error' && error && <ErrorAlert title={t('lists.loadFailed')} error={tr(error)} onRetry={() => void loadLists()} testId="lists-error" />}
      {exportError && <ErrorAlert title={t('exportFailed')} error={tr(exportError)} testId="list-export-error" />}
      {(status === 'idle' || status === 'loading') && (
        <Center p="xl">
          <Loader size="sm" aria-label={t('common:loading')} />
        </Center>
      )}
      {status === 'ready' && lists.length === 0 && (
        <Paper withBorder p="xl" data-testid="lists-empty">
          <EmptyState title={t('lists.empty.title')} description={t('lists.empty.description')} />
        </Paper>
      )}
      {lists.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" highlightOnHover aria-label={t('lists.tableLabel')} data-testid="lists-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('lists.name')}</Table.Th>
                  <Table.Th ta="right">{t('lists.size')}</Table.Th>
                  <Table.Th ta="right">{t('lists.optedOut')}</Table.Th>
                  <Table.Th>{t('lists.updated')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('lists.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lists.map((list) => (
                  <Table.Tr key={list.id} data-testid="list-row" data-list-id={list.id}>
                    <Table.Td>
                      <Text fw={500} size="sm" data-testid="list-name">
                        {list.name}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" data-testid="list-size">
                      {number.format(list.size)}
                    </Table.Td>
                    <Table.Td ta="right">
                      {list.optedOut > 0 ? (
                        <Badge color="orange" variant="light" size="sm">
                          {number.format(list.optedOut)}
                        </Badge>
                      ) : (
                        <Text size="sm" c="dimmed">
                          0
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {dt.dateTime(list.updatedAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="light" onClick={() => onOpen(list.id)} aria-label={t('lists.openNamed', { name: list.name })} data-testid="list-open">
                          {t('lists.open')}
                        </Button>
                        <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'rename', list })} aria-label={t('lists.renameNamed', { name: list.name })} data-testid="list-rename">
                          {t('lists.rename')}
                        </Button>
                        <Menu position="bottom-end">
                          <Menu.Target>
                            <Button size="xs" variant="default" aria-label={t('lists.exportNamed', { name: list.name })} data-testid="list-export">
                              {t('lists.export')}
                            </Button>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item onClick={() => void doExport(list, 'xlsx')} data-testid="list-export-xlsx">
                              {t('formats.xlsx')}
                            </Menu.Item>
                            <Menu.Item onClick={() => void doExport(list, 'csv')} data-testid="list-export-csv">
                              {t('formats.csv')}
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                        <Button size="xs" variant="subtle" color="red" onClick={() => setDialog({ kind: 'delete', list })} aria-label={t('lists.deleteNamed', { name: list.name })} data-testid="list-delete">
                          {t('common:actions.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      {(dialog?.kind === 'create' || dialog?.kind === 'rename') && (
        <ListNameModal list={dialog.kind === 'rename' ? dialog.list : undefined} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'delete' && <DeleteListModal list={dialog.list} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'merge' && <MergeListsModal lists={lists} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
