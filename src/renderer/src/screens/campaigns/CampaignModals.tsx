/** The two confirmations a campaign needs: cancel (stops everything not yet handed over) and resending unknown messages. */
import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmProps {
  /** Messages affected. */
  count: number;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

export function CancelCampaignModal({ count, busy, onConfirm, onClose }: ConfirmProps) {
  const { t } = useTranslation('campaigns');
  return (
    <Modal opened onClose={onClose} title={t('cancelModal.title')} data-testid="campaign-cancel-dialog">
      <Stack gap="md">
        <Text size="sm">{t('cancelModal.body', { count })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="campaign-cancel-keep">
            {t('cancelModal.keep')}
          </Button>
          <Button color="red" loading={busy} onClick={onConfirm} data-testid="campaign-cancel-confirm">
            {t('cancelModal.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Resending unknown messages (all of them, or — `probablyLost` — only those later reports show were probably never received). */
export function ResendUnknownModal({ count, busy, onConfirm, onClose, probablyLost = false }: ConfirmProps & { probablyLost?: boolean }) {
  const { t } = useTranslation('campaigns');
  const [understood, setUnderstood] = useState(false);
  const key = probablyLost ? 'lostModal' : 'unknownModal';
  return (
    <Modal opened onClose={onClose} title={t(`${key}.title`, { count })} data-testid="campaign-unknown-dialog">
      <Stack gap="md">
        <Alert color="orange" variant="light">
          <Text size="sm">{t(`${key}.body`, { count })}</Text>
        </Alert>
        <Text size="sm" c="dimmed">
          {t(`${key}.advice`)}
        </Text>
        <Checkbox label={t('unknownModal.understand')} checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} data-testid="campaign-unknown-understand" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="orange" disabled={!understood} loading={busy} onClick={onConfirm} data-testid="campaign-unknown-confirm">
            {t('unknownModal.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
