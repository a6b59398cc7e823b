/** Submits a signature (with pictures for the reviewer), or changes one JSMS rejected and submits it again. */
import { Button, FileInput, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsmsSignView } from '../../../../shared/jsms-catalog.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useResultAction } from '../../components/use-result-action.ts';
import { readFileBase64 } from '../../files/read-file.ts';
import { useJsmsCatalogStore } from '../../stores/jsms-catalog.ts';

const MAX_PICTURES = 4;
const MAX_BYTES = 2 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png'] as const;

export function SignFormModal({ accountId, editing, onClose }: { accountId: string; editing: JsmsSignView | null; onClose: () => void }) {
  const { t } = useTranslation('templates');
  const [sign, setSign] = useState(editing?.sign ?? '');
  const [files, setFiles] = useState<File[]>([]);
  const { busy, error, run } = useResultAction();
  const problem =
    files.length > MAX_PICTURES
      ? t('form.tooManyPictures')
      : (files.map((f) => (!(TYPES as readonly string[]).includes(f.type) ? t('form.pictureType', { name: f.name }) : f.size > MAX_BYTES ? t('form.pictureTooBig', { name: f.name }) : null)).find((p) => p !== null) ?? null);

  const submit = () =>
    run(async () => {
      const images = await Promise.all(files.map(async (f) => ({ fileName: f.name, mime: f.type as (typeof TYPES)[number], base64: await readFileBase64(f) })));
      const store = useJsmsCatalogStore.getState();
      return editing ? store.updateSign(accountId, editing.signId, { sign, images }) : store.createSign(accountId, { sign, images });
    }, onClose);

  return (
    <Modal
      opened
      onClose={onClose}
      title={editing ? t('form.editSign', { id: editing.signId }) : t('form.newSign')}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      data-testid="sign-form"
    >
      <Stack gap="sm">
        {editing && (
          <Text size="xs" c="dimmed">
            {t('form.editHint')}
          </Text>
        )}
        <TextInput label={t('fields.signText')} description={t('form.signHelp')} value={sign} onChange={(e) => setSign(e.currentTarget.value)} maxLength={20} withAsterisk data-testid="sign-form-text" />
        <FileInput
          label={t('fields.pictures')}
          description={t('form.picturesHelp')}
          multiple
          clearable
          accept="image/png,image/jpeg"
          value={files}
          onChange={setFiles}
          error={problem ?? undefined}
          data-testid="sign-form-pictures"
        />
        {error && <ErrorAlert title={t('actionFailed')} error={error} testId="sign-form-error" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button loading={busy} disabled={sign.trim() === '' || problem !== null} onClick={() => void submit()} data-testid="sign-form-submit">
            {editing ? t('actions.resubmit') : t('actions.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
