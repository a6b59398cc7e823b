/** Asks before deleting a template or signature (at JSMS too), and shows JSMS's refusal if any. */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useResultAction } from '../../components/use-result-action.ts';

export function ConfirmDeleteModal({ title, onConfirm, onClose }: { title: string; onConfirm: () => Promise<Result<unknown>>; onClose: () => void }) {
  const { t } = useTranslation('templates');
  const { busy, error, run } = useResultAction();
  const confirm = () => run(onConfirm, onClose);
  return (
    <Modal opened onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('common:actions.close') }} data-testid="catalog-delete-dialog">
      <Stack gap="md">
        <Text size="sm">{t('deleteModal.text')}</Text>
        {error && <ErrorAlert title={t('actionFailed')} error={error} testId="catalog-delete-error" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="catalog-delete-confirm">
            {t('actions.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
