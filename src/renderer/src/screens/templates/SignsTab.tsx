/** The account's signatures: text, review (with the reason of a refusal), whether JSMS uses it, actions. */
import { Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../format/date-time.ts';
import type { JsmsSignView } from '../../../../shared/jsms-catalog.ts';
import { useAccountCatalog, useJsmsCatalogStore } from '../../stores/jsms-catalog.ts';
import { CatalogToolbar } from './CatalogToolbar.tsx';
import { ConfirmDeleteModal } from './ConfirmDeleteModal.tsx';
import { ReviewStatus } from './ReviewStatus.tsx';
import { RowActions } from './RowActions.tsx';
import { SignFormModal } from './SignFormModal.tsx';

export function SignsTab({ accountId }: { accountId: string }) {
  const { t } = useTranslation('templates');
  const { signs } = useAccountCatalog(accountId);
  const store = useJsmsCatalogStore.getState();
  const [form, setForm] = useState<{ editing: JsmsSignView | null } | null>(null);
  const [deleting, setDeleting] = useState<JsmsSignView | null>(null);
  const dt = useDateTime();

  return (
    <Stack gap="sm" data-testid="signs-tab">
      <CatalogToolbar
        newLabel={t('actions.newSign')}
        onNew={() => setForm({ editing: null })}
        onAdd={(id) => store.addSign(accountId, id)}
        onRefreshAll={() => store.refreshSigns(accountId)}
        canRefresh={signs.length > 0}
        testIdPrefix="signs"
      />
      {signs.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="signs-empty">
          {t('empty.signs')}
        </Text>
      ) : (
        <Paper withBorder>
          <Table verticalSpacing="sm" layout="fixed" data-testid="signs-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={64}>{t('fields.id')}</Table.Th>
                <Table.Th>{t('fields.signText')}</Table.Th>
                <Table.Th w={150}>{t('fields.status')}</Table.Th>
                <Table.Th w={80}>{t('fields.inUse')}</Table.Th>
                <Table.Th w={200}>{t('fields.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {signs.map((x) => (
                <Table.Tr key={x.signId} data-testid="sign-row" data-sign-id={x.signId} data-status={x.status}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {x.signId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {x.sign}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {x.checkedAt === null ? t('never') : t('checkedAt', { time: dt.dateTime(x.checkedAt) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ReviewStatus status={x.status} reason={x.refuseReason} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{x.inUse === null ? '—' : x.inUse ? t('yes') : t('no')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <RowActions status={x.status} onRefresh={() => store.refreshSigns(accountId, x.signId)} onEdit={() => setForm({ editing: x })} onDelete={() => setDeleting(x)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {form && <SignFormModal accountId={accountId} editing={form.editing} onClose={() => setForm(null)} />}
      {deleting && <ConfirmDeleteModal title={t('deleteModal.signTitle', { id: deleting.signId })} onConfirm={() => store.deleteSign(accountId, deleting.signId)} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}
