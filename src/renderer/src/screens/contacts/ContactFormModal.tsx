/**
 * One contact by hand: add a number to the list being browsed, or edit a contact's variables (the
 * values used in `{name}` placeholders) and tags. An existing contact's number is fixed.
 */
import { ActionIcon, Button, Group, Modal, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactRow } from '../../../../shared/contact-lists.ts';
import { RESERVED_VARIABLES } from '../../../../shared/contact-columns.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useResultAction } from '../../components/use-result-action.ts';
import { sentenceText } from '../../i18n/issue-text.ts';
import { useContactsStore } from '../../stores/contacts.ts';
import { useContactsError } from './contacts-error.ts';

/** `contact`: edit it; null: add a new one to the list being browsed (with the variable names the list uses). */
export function ContactFormModal({ contact, variableNames = [], onClose }: { contact: ContactRow | null; variableNames?: string[]; onClose: () => void }) {
  const { t, i18n } = useTranslation('contacts');
  const tr = useContactsError();
  const [number, setNumber] = useState('');
  const [entries, setEntries] = useState<Array<[string, string]>>(contact ? Object.entries(contact.vars) : variableNames.map((n) => [n, '']));
  const [tags, setTags] = useState<string[]>(contact?.tags ?? []);
  const { busy, error, run } = useResultAction();
  const names = entries.map(([k]) => k.trim());
  const invalid = names.some((n, i) => n === '' || names.indexOf(n) !== i);
  const reserved = names.find((n) => RESERVED_VARIABLES.includes(n.toLowerCase()));

  const save = () => {
    const vars = Object.fromEntries(entries.map(([k, v]) => [k.trim(), v]));
    const store = useContactsStore.getState();
    return run(() => (contact ? store.updateContact(contact.id, vars, tags) : store.addContact(number, vars, tags)), onClose);
  };

  const change = (i: number, at: 0 | 1, value: string) => setEntries((es) => es.map((e, j) => (j === i ? ((at === 0 ? [value, e[1]] : [e[0], value]) as [string, string]) : e)));

  return (
    <Modal
      opened
      onClose={onClose}
      title={contact ? t('edit.title', { number: contact.e164 }) : t('add.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      data-testid={contact ? 'contact-edit-dialog' : 'contact-add-dialog'}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {contact ? t('edit.intro') : t('add.intro')}
        </Text>
        {!contact && (
          <TextInput
            label={t('add.number')}
            description={t('add.numberHelp')}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            inputMode="tel"
            withAsterisk
            error={error?.fields?.number ? sentenceText(i18n, tr(error).message) : undefined}
            data-testid="contact-add-number"
          />
        )}
        {entries.map(([k, v], i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput label={t('edit.variable')} value={k} onChange={(e) => change(i, 0, e.currentTarget.value)} w={180} maxLength={64} data-testid="contact-var-name" />
            <TextInput label={t('edit.value')} value={v} onChange={(e) => change(i, 1, e.currentTarget.value)} style={{ flex: 1 }} maxLength={1000} data-testid="contact-var-value" />
            <ActionIcon variant="subtle" color="red" size="lg" onClick={() => setEntries((es) => es.filter((_, j) => j !== i))} aria-label={t('edit.removeVariable', { name: k })}>
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button size="xs" variant="light" onClick={() => setEntries((es) => [...es, ['', '']])} data-testid="contact-add-variable">
            {t('edit.addVariable')}
          </Button>
        </Group>
        {invalid && (
          <Text size="sm" c="red">
            {t('edit.namesInvalid')}
          </Text>
        )}
        {reserved !== undefined && (
          <Text size="sm" c="red" data-testid="contact-var-reserved">
            {t('edit.reserved', { name: `{${reserved}}` })}
          </Text>
        )}
        <TagsInput
          label={t('tags.label')}
          description={t('tags.help')}
          value={tags}
          onChange={(next) => setTags(next.map((x) => x.trim()).filter((x, i, all) => x !== '' && x.length <= 32 && all.findIndex((y) => y.toLowerCase() === x.toLowerCase()) === i))}
          maxTags={20}
          clearable
          data-testid="contact-tags"
        />
        {error && !(error.fields?.number && !contact) && <ErrorAlert title={contact ? t('edit.failed') : t('add.failed')} error={tr(error)} testId="contact-form-error" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button loading={busy} disabled={invalid || reserved !== undefined || (!contact && number.trim() === '')} onClick={() => void save()} data-testid="contact-save">
            {contact ? t('common:actions.save') : t('add.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
