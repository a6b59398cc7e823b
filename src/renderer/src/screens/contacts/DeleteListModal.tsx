/** Asks before deleting a list; its contacts stay if other lists hold them. */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListView } from '../../../../shared/contact-lists.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useContactsStore } from '../../stores/contacts.ts';
import { useContactsError } from './contacts-error.ts';

export function DeleteListModal({ list, onClose }: { list: ListView; onClose: () => void }) {
  const { t } = useTranslation('contacts');
  const deleteList = useContactsStore((s) => s.deleteList);
  const tr = useContactsError();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  const confirm = async () => {
    setBusy(true);
    const r = await deleteList(list.id);
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error);
  };

  return (
    <Modal opened onClose={onClose} title={t('lists.deleteTitle')} closeButtonProps={{ 'aria-label': t('common:actions.close') }} data-testid="list-delete-dialog">
      <Stack gap="md">
        <Text size="sm">{t('lists.deleteBody', { name: list.name, count: list.size })}</Text>
        {error && <ErrorAlert title={t('lists.deleteFailed')} error={tr(error)} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="list-delete-confirm">
            {t('lists.deleteConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
