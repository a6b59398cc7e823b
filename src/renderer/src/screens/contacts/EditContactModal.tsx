/** Edit a contact's variables (the values used in `{name}` placeholders). The number itself is fixed. */
import { ActionIcon, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactRow } from '../../../../shared/contact-lists.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useContactsStore } from '../../stores/contacts.ts';
import { useContactsError } from './contacts-error.ts';

export function EditContactModal({ contact, onClose }: { contact: ContactRow; onClose: () => void }) {
  const { t } = useTranslation('contacts');
  const updateContact = useContactsStore((s) => s.updateContact);
  const tr = useContactsError();
  const [entries, setEntries] = useState<Array<[string, string]>>(Object.entries(contact.vars));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const names = entries.map(([k]) => k.trim());
  const invalid = names.some((n, i) => n === '' || names.indexOf(n) !== i);

  const save = async () => {
    setBusy(true);
    const r = await updateContact(contact.id, Object.fromEntries(entries.map(([k, v]) => [k.trim(), v])));
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error);
  };

  const change = (i: number, at: 0 | 1, value: string) => setEntries((es) => es.map((e, j) => (j === i ? ((at === 0 ? [value, e[1]] : [e[0], value]) as [string, string]) : e)));

  return (
    <Modal opened onClose={onClose} title={t('edit.title', { number: contact.e164 })} size="lg" closeButtonProps={{ 'aria-label': t('common:actions.close') }} data-testid="contact-edit-dialog">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('edit.intro')}
        </Text>
        {entries.map(([k, v], i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput label={t('edit.variable')} value={k} onChange={(e) => change(i, 0, e.currentTarget.value)} w={180} maxLength={64} />
            <TextInput label={t('edit.value')} value={v} onChange={(e) => change(i, 1, e.currentTarget.value)} style={{ flex: 1 }} maxLength={1000} data-testid="contact-var-value" />
            <ActionIcon variant="subtle" color="red" size="lg" onClick={() => setEntries((es) => es.filter((_, j) => j !== i))} aria-label={t('edit.removeVariable', { name: k })}>
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button size="xs" variant="light" onClick={() => setEntries((es) => [...es, ['', '']])}>
            {t('edit.addVariable')}
          </Button>
        </Group>
        {invalid && (
          <Text size="sm" c="red">
            {t('edit.namesInvalid')}
          </Text>
        )}
        {error && <ErrorAlert title={t('edit.failed')} error={tr(error)} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button loading={busy} disabled={invalid} onClick={() => void save()} data-testid="contact-save">
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
