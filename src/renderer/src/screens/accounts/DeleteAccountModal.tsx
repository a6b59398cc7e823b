/** Asks before deleting an account; shows main's error if the delete is refused. */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/accounts.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAccountsStore } from '../../stores/accounts.ts';

interface DeleteAccountModalProps {
  account: AccountView;
  onClose: () => void;
}

export function DeleteAccountModal({ account, onClose }: DeleteAccountModalProps) {
  const { t } = useTranslation('accounts');
  const remove = useAccountsStore((s) => s.remove);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  const confirm = async () => {
    setBusy(true);
    const result = await remove(account.id);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Modal opened onClose={onClose} title={t('delete.title')} closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <Stack gap="md" data-testid="account-delete-dialog">
        <Text size="sm">{t('delete.body', { name: account.name })}</Text>
        {error && <ErrorAlert title={t('delete.failed')} error={error} testId="account-delete-error" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-testid="account-delete-cancel">
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="account-delete-confirm">
            {t('delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
