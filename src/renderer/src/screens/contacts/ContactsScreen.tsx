/** Contacts: lists, the contacts in them, the opt-out list and the import wizard. */
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { connectImportProgress } from '../../stores/contacts-import.ts';
import { connectContactsUpdates, useContactsStore } from '../../stores/contacts.ts';
import { ContactsPanel } from './ContactsPanel.tsx';
import { ImportWizard } from './import/ImportWizard.tsx';
import { ListsPanel } from './ListsPanel.tsx';
import { OptOutsPanel } from './OptOutsPanel.tsx';

type Tab = 'lists' | 'contacts' | 'optOuts' | 'import';

export function ContactsScreen() {
  const { t } = useTranslation('contacts');
  const [tab, setTab] = useState<Tab>('lists');
  const browseTo = useContactsStore((s) => s.browseTo);

  useEffect(() => {
    const stops: Array<() => void> = [];
    try {
      stops.push(connectContactsUpdates(), connectImportProgress());
    } catch {
      // No bridge: the loads below record the error to show.
    }
    void useContactsStore.getState().loadLists();
    return () => stops.forEach((stop) => stop());
  }, []);

  const openList = (listId: string | null) => {
    void browseTo(listId, '');
    setTab('contacts');
  };

  return (
    <Stack gap="md" data-testid="screen-contacts">
      <div>
        <Title order={2}>{t('title')}</Title>
        <Text c="dimmed" size="sm" maw={720}>
          {t('intro')}
        </Text>
      </div>
      <Tabs value={tab} onChange={(v) => setTab((v as Tab | null) ?? 'lists')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="lists" data-testid="contacts-tab-lists">
            {t('tabs.lists')}
          </Tabs.Tab>
          <Tabs.Tab value="contacts" data-testid="contacts-tab-contacts">
            {t('tabs.contacts')}
          </Tabs.Tab>
          <Tabs.Tab value="optOuts" data-testid="contacts-tab-optouts">
            {t('tabs.optOuts')}
          </Tabs.Tab>
          <Tabs.Tab value="import" data-testid="contacts-tab-import">
            {t('tabs.import')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="lists" pt="md">
          <ListsPanel onOpen={openList} onImport={() => setTab('import')} />
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="md">
          <ContactsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="optOuts" pt="md">
          <OptOutsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="import" pt="md">
          <ImportWizard onOpenList={(id) => openList(id)} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
