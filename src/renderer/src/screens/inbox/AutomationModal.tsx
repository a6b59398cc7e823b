/** Inbox automation: keyword rules and quick-reply snippets, in one window opened from the inbox. */
import { Modal, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { KeywordRules } from './KeywordRules.tsx';
import { QuickReplies } from './QuickReplies.tsx';

export function AutomationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('inbox');
  return (
    <Modal opened={opened} onClose={onClose} title={t('automation.title')} size="xl" data-testid="automation-modal">
      <Tabs defaultValue="rules" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="rules" data-testid="automation-rules-tab">
            {t('automation.rules')}
          </Tabs.Tab>
          <Tabs.Tab value="snippets" data-testid="automation-snippets-tab">
            {t('automation.snippets')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="rules">
          <KeywordRules />
        </Tabs.Panel>
        <Tabs.Panel value="snippets">
          <QuickReplies />
        </Tabs.Panel>
      </Tabs>
    </Modal>
  );
}
