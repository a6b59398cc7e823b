/** Accounts: the provider accounts, with add / edit / delete, connection tests and the verification-code tool. */
import { Button, Center, EmptyState, Loader, Paper, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/accounts.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAccountsList } from '../../stores/accounts.ts';
import { AccountFormModal } from './AccountFormModal.tsx';
import { AccountsTable } from './AccountsTable.tsx';
import { DeleteAccountModal } from './DeleteAccountModal.tsx';
import { SecretsProtectionNotice } from './SecretsProtectionNotice.tsx';
import { VerificationModal } from './verification/VerificationModal.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';

type Editor = { mode: 'add' } | { mode: 'edit'; account: AccountView } | null;

export function AccountsScreen() {
  const { t } = useTranslation('accounts');
  const { accounts, status, error, reload } = useAccountsList();
  const [editor, setEditor] = useState<Editor>(null);
  const [deleting, setDeleting] = useState<AccountView | null>(null);
  const [verifying, setVerifying] = useState<AccountView | null>(null);

  const addButton = (
    <Button onClick={() => setEditor({ mode: 'add' })} data-testid="account-add">
      {t('add')}
    </Button>
  );

  return (
    <Stack gap="md" data-testid="screen-accounts" data-status={status}>
      <ScreenHeader title={t('title')} intro={t('intro')} maw={640}>
        {addButton}
      </ScreenHeader>

      <SecretsProtectionNotice />

      {status === 'error' && error && <ErrorAlert title={t('loadFailed')} error={error} onRetry={() => void reload()} testId="accounts-error" />}

      {(status === 'idle' || status === 'loading') && (
        <Center p="xl">
          <Loader size="sm" aria-label={t('common:loading')} />
        </Center>
      )}

      {status === 'ready' && accounts.length === 0 && (
        <Paper withBorder p="xl" data-testid="accounts-empty">
          <EmptyState title={t('empty.title')} description={t('empty.description')} />
        </Paper>
      )}

      {accounts.length > 0 && (
        <Paper withBorder>
          <AccountsTable accounts={accounts} onEdit={(account) => setEditor({ mode: 'edit', account })} onDelete={setDeleting} onVerify={setVerifying} />
        </Paper>
      )}

      {editor && (
        <AccountFormModal
          key={editor.mode === 'edit' ? editor.account.id : 'new'}
          account={editor.mode === 'edit' ? editor.account : undefined}
          onClose={() => setEditor(null)}
        />
      )}
      {deleting && <DeleteAccountModal account={deleting} onClose={() => setDeleting(null)} />}
      {verifying && <VerificationModal key={verifying.id} account={verifying} onClose={() => setVerifying(null)} />}
    </Stack>
  );
}
