/** Create a list, or rename one. Main checks that the name is free. */
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListView } from '../../../../shared/contact-lists.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useContactsStore } from '../../stores/contacts.ts';
import { useContactsError } from './contacts-error.ts';

interface ListNameModalProps {
  list?: ListView;
  onClose: () => void;
}

export function ListNameModal({ list, onClose }: ListNameModalProps) {
  const { t } = useTranslation('contacts');
  const createList = useContactsStore((s) => s.createList);
  const renameList = useContactsStore((s) => s.renameList);
  const tr = useContactsError();
  const [name, setName] = useState(list?.name ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const empty = name.trim() === '';

  const save = async () => {
    if (empty) return;
    setBusy(true);
    const r = list ? await renameList(list.id, name.trim()) : await createList(name.trim());
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error);
  };

  return (
    <Modal opened onClose={onClose} title={list ? t('lists.renameTitle', { name: list.name }) : t('lists.createTitle')} closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          <TextInput
            label={t('lists.nameLabel')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={80}
            data-autofocus
            error={error?.fields?.name ? tr(error).message : undefined}
            data-testid="list-name-input"
          />
          {error && !error.fields?.name && <ErrorAlert title={t('lists.saveFailed')} error={tr(error)} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={empty} data-testid="list-name-save">
              {list ? t('lists.renameSave') : t('lists.createSave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
