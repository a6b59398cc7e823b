/** JSMS templates and signatures per account: submit, follow the review, edit after a refusal, delete. */
import { Anchor, Center, Loader, Paper, Select, Stack, Tabs, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { useAccountsStore } from '../../stores/accounts.ts';
import { connectCatalogUpdates, useAccountCatalog, useJsmsCatalogStore } from '../../stores/jsms-catalog.ts';
import { useRouteStore } from '../../stores/route.ts';
import { SignsTab } from './SignsTab.tsx';
import { TemplatesTab } from './TemplatesTab.tsx';

export function TemplatesScreen() {
  const { t } = useTranslation('templates');
  const accounts = useAccountsStore((s) => s.accounts).filter((a) => a.kind === 'jsms');
  const accountsStatus = useAccountsStore((s) => s.status);
  const navigate = useRouteStore((s) => s.navigate);
  const [chosen, setChosen] = useState<string | null>(null);
  const accountId = chosen ?? accounts[0]?.id ?? null;
  const catalog = useAccountCatalog(accountId);

  useEffect(() => {
    void useAccountsStore.getState().load();
    let stop: (() => void) | undefined;
    try {
      stop = connectCatalogUpdates();
    } catch {
      // No bridge: the loads record the error to show.
    }
    return () => stop?.();
  }, []);
  useEffect(() => {
    if (accountId) void useJsmsCatalogStore.getState().load(accountId);
  }, [accountId]);

  return (
    <Stack gap="md" data-testid="screen-templates">
      <ScreenHeader title={t('title')} intro={t('intro')} />
      {accountsStatus === 'ready' && accounts.length === 0 ? (
        <Paper withBorder p="lg" data-testid="templates-no-accounts">
          <Text size="sm">{t('noAccounts')}</Text>
          <Anchor component="button" type="button" size="sm" onClick={() => navigate('accounts')}>
            {t('openAccounts')}
          </Anchor>
        </Paper>
      ) : accountId === null ? (
        <Center p="xl">
          <Loader size="sm" aria-label={t('common:loading')} />
        </Center>
      ) : (
        <>
          <Select
            label={t('account')}
            data={accounts.map((a) => ({ value: a.id, label: a.name }))}
            value={accountId}
            onChange={(v) => v && setChosen(v)}
            allowDeselect={false}
            w={320}
            maw="100%"
            data-testid="templates-account"
          />
          {catalog.status === 'error' && catalog.error && (
            <ErrorAlert title={t('loadFailed')} error={catalog.error} onRetry={() => void useJsmsCatalogStore.getState().load(accountId)} testId="templates-load-error" />
          )}
          <Tabs defaultValue="templates" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="templates" data-testid="templates-tab-templates">
                {t('tabs.templates', { count: catalog.templates.length })}
              </Tabs.Tab>
              <Tabs.Tab value="signs" data-testid="templates-tab-signs">
                {t('tabs.signs', { count: catalog.signs.length })}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="templates" pt="md">
              <TemplatesTab accountId={accountId} />
            </Tabs.Panel>
            <Tabs.Panel value="signs" pt="md">
              <SignsTab accountId={accountId} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}
