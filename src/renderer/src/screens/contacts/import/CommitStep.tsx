/** Step 5: into a new or an existing list, then import — one transaction in main, all or nothing. */
import { Alert, Button, Checkbox, Group, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContactsStore } from '../../../stores/contacts.ts';
import { useImportStore } from '../../../stores/contacts-import.ts';

interface CommitStepProps {
  onOpenList: (listId: string) => void;
  onAnother: () => void;
}

export function CommitStep({ onOpenList, onAnother }: CommitStepProps) {
  const { t, i18n } = useTranslation('contacts');
  const lists = useContactsStore((s) => s.lists);
  const preview = useImportStore((s) => s.preview);
  const fileName = useImportStore((s) => s.fileName);
  const busy = useImportStore((s) => s.busy);
  const summary = useImportStore((s) => s.summary);
  const commit = useImportStore((s) => s.commit);
  const [mode, setMode] = useState<'new' | 'existing'>(lists.length > 0 ? 'new' : 'new');
  const [name, setName] = useState(() => (fileName ?? '').replace(/\.[^.]+$/, '').slice(0, 80));
  const [listId, setListId] = useState<string | null>(null);
  const [skipOptedOut, setSkipOptedOut] = useState(false);
  const number = new Intl.NumberFormat(i18n.language);

  if (summary) {
    return (
      <Stack gap="md">
        <Alert color="teal" variant="light" title={t('wizard.commit.doneTitle', { name: summary.listName })} data-testid="import-summary">
          <Text size="sm">
            {t('wizard.commit.doneBody', {
              added: number.format(summary.added),
              updated: number.format(summary.updated),
              invalid: number.format(summary.invalid),
              duplicate: number.format(summary.duplicate),
            })}
          </Text>
          {summary.optedOut > 0 && <Text size="sm">{t('wizard.commit.doneOptedOut', { count: summary.optedOut })}</Text>}
          {summary.skippedOptedOut > 0 && <Text size="sm">{t('wizard.commit.doneSkipped', { count: summary.skippedOptedOut })}</Text>}
        </Alert>
        <Group>
          <Button onClick={() => onOpenList(summary.listId)} data-testid="import-open-list">
            {t('wizard.commit.openList')}
          </Button>
          <Button variant="default" onClick={onAnother} data-testid="import-another">
            {t('wizard.commit.another')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const ready = preview !== null && preview.counts.valid > 0 && (mode === 'new' ? name.trim() !== '' : listId !== null);
  const go = () => {
    if (!ready) return;
    void commit(mode === 'new' ? { newListName: name.trim() } : { listId: listId! }, skipOptedOut);
  };

  return (
    <Stack gap="md">
      <Radio.Group label={t('wizard.commit.target')} value={mode} onChange={(v) => setMode(v as 'new' | 'existing')}>
        <Group mt="xs">
          <Radio value="new" label={t('wizard.commit.newList')} data-testid="import-target-new" />
          <Radio value="existing" label={t('wizard.commit.existingList')} disabled={lists.length === 0} data-testid="import-target-existing" />
        </Group>
      </Radio.Group>
      {mode === 'new' ? (
        <TextInput label={t('wizard.commit.listName')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={80} w={360} data-testid="import-list-name" />
      ) : (
        <Select
          label={t('wizard.commit.chooseList')}
          data={lists.map((l) => ({ value: l.id, label: t('common:nameAndDetail', { name: l.name, detail: number.format(l.size) }) }))}
          value={listId}
          onChange={setListId}
          searchable
          w={360}
          data-testid="import-list-select"
        />
      )}
      {preview && preview.counts.optedOut > 0 && (
        <Checkbox
          label={t('wizard.commit.skipOptedOut', { count: preview.counts.optedOut })}
          description={t('wizard.commit.skipOptedOutHint')}
          checked={skipOptedOut}
          onChange={(e) => setSkipOptedOut(e.currentTarget.checked)}
        />
      )}
      {preview && preview.counts.valid === 0 && (
        <Text size="sm" c="red">
          {t('wizard.commit.nothing')}
        </Text>
      )}
      <Group>
        <Button onClick={go} disabled={!ready} loading={busy === 'commit'} data-testid="import-commit">
          {t('wizard.commit.import', { count: preview?.counts.valid ?? 0, formatted: number.format(preview?.counts.valid ?? 0) })}
        </Button>
      </Group>
    </Stack>
  );
}
