/** Merge lists: pick the lists to fold in and the list that receives them. */
import { Button, Checkbox, Group, Modal, MultiSelect, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListView } from '../../../../shared/contact-lists.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useContactsStore } from '../../stores/contacts.ts';
import { useContactsError } from './contacts-error.ts';

export function MergeListsModal({ lists, onClose }: { lists: ListView[]; onClose: () => void }) {
  const { t } = useTranslation('contacts');
  const mergeLists = useContactsStore((s) => s.mergeLists);
  const tr = useContactsError();
  const f = useFormat();
  const [targetId, setTargetId] = useState<string | null>(null);
  const [sourceIds, setSourceIds] = useState<string[]>([]);
  const [deleteSources, setDeleteSources] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const options = lists.map((l) => ({ value: l.id, label: t('common:nameAndDetail', { name: l.name, detail: f.number(l.size) }) }));
  const ready = targetId !== null && sourceIds.length > 0 && !sourceIds.includes(targetId);

  const merge = async () => {
    if (!ready) return;
    setBusy(true);
    const r = await mergeLists(sourceIds, targetId, deleteSources);
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error);
  };

  return (
    <Modal opened onClose={onClose} title={t('merge.title')} closeButtonProps={{ 'aria-label': t('common:actions.close') }} data-testid="list-merge-dialog">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('merge.intro')}
        </Text>
        <MultiSelect
          label={t('merge.sources')}
          data={options.filter((o) => o.value !== targetId)}
          value={sourceIds}
          onChange={setSourceIds}
          searchable
          data-testid="merge-sources"
        />
        <Select label={t('merge.target')} data={options.filter((o) => !sourceIds.includes(o.value))} value={targetId} onChange={setTargetId} searchable data-testid="merge-target" />
        <Checkbox label={t('merge.deleteSources')} checked={deleteSources} onChange={(e) => setDeleteSources(e.currentTarget.checked)} />
        {error && <ErrorAlert title={t('merge.failed')} error={tr(error)} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button loading={busy} disabled={!ready} onClick={() => void merge()} data-testid="merge-confirm">
            {t('merge.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
