/** The opt-out list: numbers that are never sent to. Add, remove, import from a file, export. */
import { Alert, Badge, Button, Group, Menu, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, VisuallyHidden } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '../../../../shared/contact-lists.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useContactsStore } from '../../stores/contacts.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { useContactsError } from './contacts-error.ts';
import { FilePicker, IMPORT_ACCEPT } from './FilePicker.tsx';
import { useDateTime } from '../../format/date-time.ts';

export function OptOutsPanel() {
  const { t } = useTranslation('contacts');
  const optOuts = useContactsStore((s) => s.optOuts);
  const load = useContactsStore((s) => s.loadOptOuts);
  const add = useContactsStore((s) => s.addOptOuts);
  const remove = useContactsStore((s) => s.removeOptOuts);
  const importFile = useContactsStore((s) => s.importOptOuts);
  const exportAll = useContactsStore((s) => s.exportOptOuts);
  const region = useSettingsStore((s) => s.settings.defaultRegion);
  const tr = useContactsError();
  const [numbers, setNumbers] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'add' | 'import' | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [query, setQuery] = useState(optOuts.query);
  const search = useDebouncedCallback((q: string) => void load(q), 250);
  const dt = useDateTime();

  useEffect(() => {
    void load();
  }, [load]);

  const submit = async () => {
    const list = numbers.split(/[\n,;，；]+/).map((n) => n.trim()).filter((n) => n !== '');
    if (list.length === 0) return;
    setBusy('add');
    setError(null);
    setDone(null);
    const r = await add(list, note, region);
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setNumbers('');
    setDone(t('optOuts.added', { added: r.value.added, already: r.value.alreadyListed }));
  };

  const upload = async (file: File) => {
    setBusy('import');
    setError(null);
    setDone(null);
    const r = await importFile(file, region);
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setDone(t('optOuts.imported', { added: r.value.added, already: r.value.alreadyListed, invalid: r.value.invalid }));
  };

  const doExport = async (format: ExportFormat) => {
    setError(null);
    const r = await exportAll(format);
    if (!r.ok) setError(r.error);
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={720}>
        {t('optOuts.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Stack gap="sm">
              <Textarea
                label={t('optOuts.numbers')}
                description={t('optOuts.numbersHint')}
                value={numbers}
                onChange={(e) => setNumbers(e.currentTarget.value)}
                autosize
                minRows={2}
                maxRows={6}
                data-testid="optout-numbers"
              />
              <TextInput label={t('optOuts.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={200} />
              <Group>
                <Button type="submit" loading={busy === 'add'} disabled={numbers.trim() === ''} data-testid="optout-add">
                  {t('optOuts.add')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <FilePicker label={t('optOuts.importLabel')} description={t('optOuts.importHint')} accept={IMPORT_ACCEPT} disabled={busy !== null} testId="optout-import-file" onFile={(f) => void upload(f)} />
            <Menu position="bottom-start">
              <Menu.Target>
                <Button variant="default" w="fit-content" disabled={optOuts.total === 0} data-testid="optout-export">
                  {t('optOuts.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => void doExport('xlsx')}>{t('formats.xlsx')}</Menu.Item>
                <Menu.Item onClick={() => void doExport('csv')}>{t('formats.csv')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Stack>
        </Paper>
      </SimpleGrid>
      {error && <ErrorAlert title={t('optOuts.failed')} error={tr(error)} testId="optout-error" />}
      {done && (
        <Alert color="teal" variant="light" data-testid="optout-done" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      {optOuts.status === 'error' && optOuts.error && <ErrorAlert title={t('optOuts.loadFailed')} error={tr(optOuts.error)} onRetry={() => void load()} />}
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={t('optOuts.search')}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            search(e.currentTarget.value);
          }}
          w={320}
        />
        <Text size="sm" c="dimmed" data-testid="optout-total">
          {t('optOuts.total', { count: optOuts.total })}
        </Text>
      </Group>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={600} maxHeight={480}>
          <Table verticalSpacing="xs" stickyHeader aria-label={t('optOuts.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('optOuts.number')}</Table.Th>
                <Table.Th>{t('optOuts.source')}</Table.Th>
                <Table.Th>{t('optOuts.note')}</Table.Th>
                <Table.Th>{t('optOuts.addedAt')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('lists.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {optOuts.rows.map((row) => (
                <Table.Tr key={row.e164} data-testid="optout-row" data-e164={row.e164}>
                  <Table.Td ff="monospace">{row.e164}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" size="sm" color="gray">
                      {t(`optOuts.sources.${row.source}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={260}>
                      {row.note}
                    </Text>
                  </Table.Td>
                  <Table.Td>{dt.date(row.createdAt)}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => void remove([row.e164])} aria-label={t('optOuts.removeNamed', { number: row.e164 })} data-testid="optout-remove">
                      {t('optOuts.remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {optOuts.total > optOuts.rows.length && (
          <Text size="xs" c="dimmed" p="sm">
            {t('optOuts.more', { shown: optOuts.rows.length, total: optOuts.total })}
          </Text>
        )}
      </Paper>
    </Stack>
  );
}
