/** The account's templates: text and parameters, type, review (with the reason of a refusal), actions. */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAccountCatalog, useJsmsCatalogStore } from '../../stores/jsms-catalog.ts';
import { CatalogTab } from './CatalogTab.tsx';
import { TemplateFormModal } from './TemplateFormModal.tsx';

export function TemplatesTab({ accountId }: { accountId: string }) {
  const { t } = useTranslation('templates');
  const { templates } = useAccountCatalog(accountId);
  const store = useJsmsCatalogStore.getState();
  return (
    <CatalogTab
      kind={{ tab: 'templates', row: 'template', idAttr: 'data-temp-id' }}
      items={templates}
      idOf={(x) => x.tempId}
      textOf={(x) => x.template}
      noteOf={(x) => x.remark}
      textHeader={t('fields.text')}
      own={{ header: t('fields.type'), width: 96, cell: (x) => <Text size="sm">{t(`types.${x.type}`)}</Text> }}
      newLabel={t('actions.newTemplate')}
      emptyText={t('empty.templates')}
      deleteTitle={(id) => t('deleteModal.templateTitle', { id })}
      onAdd={(id) => store.addTemplate(accountId, id)}
      onRefresh={(id) => store.refreshTemplates(accountId, id)}
      onDelete={(id) => store.deleteTemplate(accountId, id)}
      form={(editing, onClose) => <TemplateFormModal accountId={accountId} editing={editing} onClose={onClose} />}
    />
  );
}
