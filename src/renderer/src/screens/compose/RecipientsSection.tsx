/** Who gets the message: contact lists and/or pasted numbers, plus a fresh import in a dialog. */
import { Button, Group, Modal, MultiSelect, Stack, Text, Textarea } from '@mantine/core';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { CountryCode } from 'libphonenumber-js/max';
import { useTranslation } from 'react-i18next';
import { useComposeStore } from '../../stores/compose.ts';
import { connectImportProgress } from '../../stores/contacts-import.ts';
import { useContactsStore } from '../../stores/contacts.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { ImportWizard } from '../contacts/import/ImportWizard.tsx';
import { countPastedNumbers, fieldError } from './compose-model.ts';

function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: (listId: string) => void }) {
  const { t } = useTranslation('compose');
  useEffect(() => {
    try {
      return connectImportProgress();
    } catch {
      return undefined;
    }
  }, []);
  return (
    <Modal opened onClose={onClose} title={t('recipients.importTitle')} size="xl" data-testid="compose-import-dialog">
      <ImportWizard onOpenList={onImported} />
    </Modal>
  );
}

export function RecipientsSection() {
  const { t, i18n } = useTranslation('compose');
  const lists = useContactsStore((s) => s.lists);
  const loadLists = useContactsStore((s) => s.loadLists);
  const form = useComposeStore((s) => s.form);
  const fields = useComposeStore((s) => s.fieldErrors);
  const patch = useComposeStore((s) => s.patch);
  const [importing, setImporting] = useState(false);
  const number = new Intl.NumberFormat(i18n.language);
  const region = useSettingsStore((s) => s.settings.defaultRegion) as CountryCode;
  // Counted as the summary will count them (one splitter for both); deferred: a pasted 100k lines stays responsive.
  const pastedText = useDeferredValue(form.pasted);
  const pasted = useMemo(() => countPastedNumbers(pastedText, region), [pastedText, region]);

  return (
    <Stack gap="sm">
      <MultiSelect
        label={t('recipients.lists')}
        placeholder={form.listIds.length === 0 ? t('recipients.listsPlaceholder') : undefined}
        data={lists.map((l) => ({ value: l.id, label: t('recipients.listOption', { name: l.name, size: number.format(l.size) }) }))}
        value={form.listIds}
        onChange={(ids) => patch({ listIds: ids })}
        searchable
        clearable
        nothingFoundMessage={t('recipients.listsEmpty')}
        error={fieldError(fields, 'recipients.listIds')}
        data-testid="compose-lists"
      />
      <Textarea
        label={t('recipients.pasted')}
        description={t('recipients.pastedDescription')}
        value={form.pasted}
        onChange={(e) => patch({ pasted: e.currentTarget.value })}
        rows={3}
        resize="vertical"
        error={fieldError(fields, 'recipients.pasted')}
        data-testid="compose-pasted"
      />
      <Group justify="space-between">
        <Text size="xs" c="dimmed" data-testid="compose-pasted-count" data-valid={pasted.valid} data-invalid={pasted.invalid}>
          {pasted.valid + pasted.invalid === 0
            ? ''
            : pasted.invalid === 0
              ? t('recipients.pastedCount', { count: pasted.valid })
              : t('recipients.pastedCountInvalid', { count: pasted.valid, invalid: pasted.invalid })}
        </Text>
        <Button size="xs" variant="default" onClick={() => setImporting(true)} data-testid="compose-import">
          {t('recipients.import')}
        </Button>
      </Group>
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImported={(listId) => {
            setImporting(false);
            void loadLists();
            if (!form.listIds.includes(listId)) patch({ listIds: [...useComposeStore.getState().form.listIds, listId] });
          }}
        />
      )}
    </Stack>
  );
}
