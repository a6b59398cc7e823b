/** Browse contacts: pick a list (or all), search (numbers, values, tags), add one by hand, edit variables and tags, remove from the list. */
import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactRow } from '../../../../shared/contact-lists.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useContactsStore } from '../../stores/contacts.ts';
import { useContactsError } from './contacts-error.ts';
import { ContactsTable } from './ContactsTable.tsx';
import { ContactFormModal } from './ContactFormModal.tsx';

const ALL = '__all__';

/** The variable names the list's loaded rows use: a contact added by hand gets the same fields. */
function listVariableNames(rows: Record<number, ContactRow>): string[] {
  const names: string[] = [];
  for (const row of Object.values(rows).slice(0, 200)) for (const k of Object.keys(row.vars)) if (!names.includes(k)) names.push(k);
  return names;
}

export function ContactsPanel() {
  const { t, i18n } = useTranslation('contacts');
  const lists = useContactsStore((s) => s.lists);
  const browse = useContactsStore((s) => s.browse);
  const browseTo = useContactsStore((s) => s.browseTo);
  const refreshBrowse = useContactsStore((s) => s.refreshBrowse);
  const removeFromList = useContactsStore((s) => s.removeFromList);
  const tr = useContactsError();
  const [query, setQuery] = useState(browse.query);
  const [editing, setEditing] = useState<ContactRow | null>(null);
  const [adding, setAdding] = useState(false);
  const [actionError, setActionError] = useState<AppErrorShape | null>(null);
  const search = useDebouncedCallback((q: string) => void browseTo(useContactsStore.getState().browse.listId, q), 250);

  useEffect(() => {
    if (useContactsStore.getState().browse.status === 'idle') void browseTo(null, '');
  }, [browseTo]);

  const listOptions = [{ value: ALL, label: t('contacts.allContacts') }, ...lists.map((l) => ({ value: l.id, label: l.name }))];
  const inList = browse.listId !== null;

  const remove = async (row: ContactRow) => {
    setActionError(null);
    const r = await removeFromList([row.id]);
    if (!r.ok) setActionError(r.error);
  };

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="md">
        <Select
          label={t('contacts.list')}
          data={listOptions}
          value={browse.listId ?? ALL}
          onChange={(v) => void browseTo(v === null || v === ALL ? null : v, query)}
          allowDeselect={false}
          searchable
          w={260}
          data-testid="contacts-list-select"
        />
        <TextInput
          label={t('contacts.search')}
          placeholder={t('contacts.searchPlaceholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            search(e.currentTarget.value);
          }}
          w={320}
          data-testid="contacts-search"
        />
        <Text size="sm" c="dimmed" data-testid="contacts-total">
          {t('contacts.total', { count: browse.total, formatted: new Intl.NumberFormat(i18n.language).format(browse.total) })}
        </Text>
        <Button variant="light" disabled={!inList} title={inList ? undefined : t('add.pickList')} onClick={() => setAdding(true)} data-testid="contacts-add">
          {t('add.button')}
        </Button>
      </Group>
      {browse.status === 'error' && browse.error && (
        <ErrorAlert title={t('contacts.loadFailed')} error={tr(browse.error)} onRetry={() => void refreshBrowse()} testId="contacts-error" />
      )}
      {actionError && <ErrorAlert title={t('contacts.removeFailed')} error={tr(actionError)} />}
      <ContactsTable inList={inList} onEdit={setEditing} onRemove={(row) => void remove(row)} />
      {inList && browse.total === 0 && browse.status === 'ready' && browse.query === '' && (
        <Group>
          <Text size="sm" c="dimmed">
            {t('contacts.emptyList')}
          </Text>
          <Button size="xs" variant="light" onClick={() => setAdding(true)} data-testid="contacts-add-first">
            {t('add.button')}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => void browseTo(null, '')}>
            {t('contacts.allContacts')}
          </Button>
        </Group>
      )}
      {editing && <ContactFormModal contact={editing} onClose={() => setEditing(null)} />}
      {adding && <ContactFormModal contact={null} variableNames={listVariableNames(browse.rows)} onClose={() => setAdding(false)} />}
    </Stack>
  );
}
