/** The account's templates: text and parameters, type, review (with the reason of a refusal), actions. */
import { Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../format/date-time.ts';
import type { JsmsTemplateView } from '../../../../shared/jsms-catalog.ts';
import { useAccountCatalog, useJsmsCatalogStore } from '../../stores/jsms-catalog.ts';
import { CatalogToolbar } from './CatalogToolbar.tsx';
import { ConfirmDeleteModal } from './ConfirmDeleteModal.tsx';
import { ReviewStatus } from './ReviewStatus.tsx';
import { RowActions } from './RowActions.tsx';
import { TemplateFormModal } from './TemplateFormModal.tsx';

export function TemplatesTab({ accountId }: { accountId: string }) {
  const { t } = useTranslation('templates');
  const { templates } = useAccountCatalog(accountId);
  const store = useJsmsCatalogStore.getState();
  const [form, setForm] = useState<{ editing: JsmsTemplateView | null } | null>(null);
  const [deleting, setDeleting] = useState<JsmsTemplateView | null>(null);
  const dt = useDateTime();

  return (
    <Stack gap="sm" data-testid="templates-tab">
      <CatalogToolbar
        newLabel={t('actions.newTemplate')}
        onNew={() => setForm({ editing: null })}
        onAdd={(id) => store.addTemplate(accountId, id)}
        onRefreshAll={() => store.refreshTemplates(accountId)}
        canRefresh={templates.length > 0}
        testIdPrefix="templates"
      />
      {templates.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="templates-empty">
          {t('empty.templates')}
        </Text>
      ) : (
        <Paper withBorder>
          <Table verticalSpacing="sm" layout="fixed" data-testid="templates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={64}>{t('fields.id')}</Table.Th>
                <Table.Th>{t('fields.text')}</Table.Th>
                <Table.Th w={96}>{t('fields.type')}</Table.Th>
                <Table.Th w={150}>{t('fields.status')}</Table.Th>
                <Table.Th w={200}>{t('fields.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.map((x) => (
                <Table.Tr key={x.tempId} data-testid="template-row" data-temp-id={x.tempId} data-status={x.status}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {x.tempId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {x.template}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {x.checkedAt === null ? t('never') : t('checkedAt', { time: dt.dateTime(x.checkedAt) })}
                      {x.remark !== '' ? ` · ${x.remark}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`types.${x.type}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <ReviewStatus status={x.status} reason={x.refuseReason} />
                  </Table.Td>
                  <Table.Td>
                    <RowActions status={x.status} onRefresh={() => store.refreshTemplates(accountId, x.tempId)} onEdit={() => setForm({ editing: x })} onDelete={() => setDeleting(x)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {form && <TemplateFormModal accountId={accountId} editing={form.editing} onClose={() => setForm(null)} />}
      {deleting && (
        <ConfirmDeleteModal title={t('deleteModal.templateTitle', { id: deleting.tempId })} onConfirm={() => store.deleteTemplate(accountId, deleting.tempId)} onClose={() => setDeleting(null)} />
      )}
    </Stack>
  );
}
