/**
 * How passwords and keys are kept, when that is worse than the system keychain: kept only until the app
 * quits (Linux without a keyring, or no encryption at all), or stored with weak protection because the
 * user agreed to it. The agreement is given in a dialog that states the risk (WeakStorageModal).
 */
import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAccountsStore } from '../../stores/accounts.ts';

export function SecretsProtectionNotice() {
  const { t } = useTranslation('accounts');
  const protection = useAccountsStore((s) => s.protection);
  const loadProtection = useAccountsStore((s) => s.loadProtection);
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    void loadProtection();
  }, [loadProtection]);

  if (!protection || (protection.mode !== 'session' && protection.mode !== 'weak')) return null;
  if (protection.mode === 'weak') {
    return (
      <Alert color="yellow" variant="light" title={t('protection.weak.title')} data-testid="secrets-protection" data-mode="weak">
        {t('protection.weak.body')}
      </Alert>
    );
  }
  return (
    <Alert color="orange" variant="light" title={t('protection.session.title')} data-testid="secrets-protection" data-mode="session">
      <Stack gap="xs">
        <Text size="sm">{t(protection.canStoreWeakly ? 'protection.session.noKeyring' : 'protection.session.noEncryption')}</Text>
        {protection.canStoreWeakly && (
          <Group>
            <Button size="xs" variant="default" onClick={() => setAsking(true)} data-testid="secrets-allow-weak">
              {t('protection.session.storeAnyway')}
            </Button>
          </Group>
        )}
      </Stack>
      {asking && <WeakStorageModal onClose={() => setAsking(false)} />}
    </Alert>
  );
}

function WeakStorageModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('accounts');
  const allowWeakStorage = useAccountsStore((s) => s.allowWeakStorage);
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  const agree = async () => {
    setBusy(true);
    const r = await allowWeakStorage();
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error);
  };

  return (
    <Modal opened onClose={onClose} title={t('protection.dialog.title')} size="lg" data-testid="secrets-weak-dialog">
      <Stack>
        <Text size="sm">{t('protection.dialog.what')}</Text>
        <Alert color="red" variant="light" title={t('protection.dialog.riskTitle')}>
          {t('protection.dialog.risk')}
        </Alert>
        <Text size="sm">{t('protection.dialog.better')}</Text>
        <Checkbox checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} label={t('protection.dialog.understood')} data-testid="secrets-weak-understood" />
        {error && <ErrorAlert title={t('protection.dialog.failed')} error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="secrets-weak-cancel">
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" disabled={!understood} loading={busy} onClick={() => void agree()} data-testid="secrets-weak-agree">
            {t('protection.dialog.agree')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
