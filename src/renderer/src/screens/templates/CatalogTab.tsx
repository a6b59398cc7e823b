/**
 * One tab of the Templates screen — templates or signatures: the toolbar, a table of the items (id,
 * text with when it was last checked, one column of their own, review with the reason of a refusal,
 * actions), the form to submit or resubmit one, and the delete confirmation.
 */
import { Paper, Stack, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../../shared/errors.ts';
import type { ReviewStatus as Status } from '../../../../shared/jsms-catalog.ts';
import { useDateTime } from '../../format/date-time.ts';
import { CatalogToolbar } from './CatalogToolbar.tsx';
import { ConfirmDeleteModal } from './ConfirmDeleteModal.tsx';
import { ReviewStatus } from './ReviewStatus.tsx';
import { RowActions } from './RowActions.tsx';

interface CatalogItem {
  status: Status;
  refuseReason: string | null;
  checkedAt: number | null;
}

export interface CatalogTabProps<T extends CatalogItem> {
  /** Names the test ids (`templates-table`, `template-row`…) and the row's id attribute. */
  kind: { tab: 'templates' | 'signs'; row: 'template' | 'sign'; idAttr: 'data-temp-id' | 'data-sign-id' };
  items: readonly T[];
  idOf: (x: T) => number;
  textOf: (x: T) => string;
  /** What follows "checked …" under the text (e.g. the reviewer's note), when anything. */
  noteOf?: (x: T) => string;
  textHeader: string;
  /** The column this kind has of its own: its header, width and cell. */
  own: { header: string; width: number; cell: (x: T) => ReactNode };
  newLabel: string;
  emptyText: string;
  deleteTitle: (id: number) => string;
  onAdd: (id: number) => Promise<Result<unknown>>;
  onRefresh: (id?: number) => Promise<Result<unknown>>;
  onDelete: (id: number) => Promise<Result<unknown>>;
  form: (editing: T | null, onClose: () => void) => ReactNode;
}

export function CatalogTab<T extends CatalogItem>(p: CatalogTabProps<T>) {
  const { t } = useTranslation('templates');
  const dt = useDateTime();
  const [form, setForm] = useState<{ editing: T | null } | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const { tab, row, idAttr } = p.kind;

  return (
    <Stack gap="sm" data-testid={`${tab}-tab`}>
      <CatalogToolbar newLabel={p.newLabel} onNew={() => setForm({ editing: null })} onAdd={p.onAdd} onRefreshAll={() => p.onRefresh()} canRefresh={p.items.length > 0} testIdPrefix={tab} />
      {p.items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid={`${tab}-empty`}>
          {p.emptyText}
        </Text>
      ) : (
        <Paper withBorder>
          <Table verticalSpacing="sm" layout="fixed" data-testid={`${tab}-table`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={64}>{t('fields.id')}</Table.Th>
                <Table.Th>{p.textHeader}</Table.Th>
                <Table.Th w={p.own.width}>{p.own.header}</Table.Th>
                <Table.Th w={150}>{t('fields.status')}</Table.Th>
                <Table.Th w={200}>{t('fields.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.items.map((x) => {
                const id = p.idOf(x);
                const note = p.noteOf?.(x) ?? '';
                return (
                  <Table.Tr key={id} data-testid={`${row}-row`} {...{ [idAttr]: id }} data-status={x.status}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {id}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {p.textOf(x)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {x.checkedAt === null ? t('never') : t('checkedAt', { time: dt.dateTime(x.checkedAt) })}
                        {note !== '' ? ` · ${note}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>{p.own.cell(x)}</Table.Td>
                    <Table.Td>
                      <ReviewStatus status={x.status} reason={x.refuseReason} />
                    </Table.Td>
                    <Table.Td>
                      <RowActions status={x.status} onRefresh={() => p.onRefresh(id)} onEdit={() => setForm({ editing: x })} onDelete={() => setDeleting(id)} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {form && p.form(form.editing, () => setForm(null))}
      {deleting !== null && <ConfirmDeleteModal title={p.deleteTitle(deleting)} onConfirm={() => p.onDelete(deleting)} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}
