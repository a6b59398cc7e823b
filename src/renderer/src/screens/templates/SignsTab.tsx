/** The account's signatures: text, whether JSMS uses it, review (with the reason of a refusal), actions. */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAccountCatalog, useJsmsCatalogStore } from '../../stores/jsms-catalog.ts';
import { CatalogTab } from './CatalogTab.tsx';
import { SignFormModal } from './SignFormModal.tsx';

export function SignsTab({ accountId }: { accountId: string }) {
  const { t } = useTranslation('templates');
  const { signs } = useAccountCatalog(accountId);
  const store = useJsmsCatalogStore.getState();
  return (
    <CatalogTab
      kind={{ tab: 'signs', row: 'sign', idAttr: 'data-sign-id' }}
      items={signs}
      idOf={(x) => x.signId}
      textOf={(x) => x.sign}
      textHeader={t('fields.signText')}
      own={{ header: t('fields.inUse'), width: 80, cell: (x) => <Text size="sm">{x.inUse === null ? '—' : x.inUse ? t('yes') : t('no')}</Text> }}
      newLabel={t('actions.newSign')}
      emptyText={t('empty.signs')}
      deleteTitle={(id) => t('deleteModal.signTitle', { id })}
      onAdd={(id) => store.addSign(accountId, id)}
      onRefresh={(id) => store.refreshSigns(accountId, id)}
      onDelete={(id) => store.deleteSign(accountId, id)}
      form={(editing, onClose) => <SignFormModal accountId={accountId} editing={editing} onClose={onClose} />}
    />
  );
}
