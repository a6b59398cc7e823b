/** A tab's actions: submit a new one, add one made in the JSMS console by its id, check all again. */
import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape, Result } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

interface CatalogToolbarProps {
  newLabel: string;
  onNew: () => void;
  onAdd: (id: number) => Promise<Result<unknown>>;
  onRefreshAll: () => Promise<Result<unknown>>;
  canRefresh: boolean;
  testIdPrefix: string;
}

export function CatalogToolbar({ newLabel, onNew, onAdd, onRefreshAll, canRefresh, testIdPrefix }: CatalogToolbarProps) {
  const { t } = useTranslation('templates');
  const [id, setId] = useState('');
  const [busy, setBusy] = useState<'add' | 'refresh' | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const run = async (which: 'add' | 'refresh', fn: () => Promise<Result<unknown>>) => {
    setBusy(which);
    setError(null);
    const r = await fn();
    setBusy(null);
    if (!r.ok) setError(r.error);
    else if (which === 'add') setId('');
  };
  const valid = /^\d{1,12}$/.test(id.trim()) && Number(id) > 0;
  return (
    <>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="xs" wrap="nowrap">
          <Button onClick={onNew} data-testid={`${testIdPrefix}-new`}>
            {newLabel}
          </Button>
          <Button variant="default" disabled={!canRefresh} loading={busy === 'refresh'} onClick={() => void run('refresh', onRefreshAll)} data-testid={`${testIdPrefix}-refresh-all`}>
            {t('actions.refreshAll')}
          </Button>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            aria-label={t('actions.idPlaceholder')}
            placeholder={t('actions.idPlaceholder')}
            value={id}
            onChange={(e) => setId(e.currentTarget.value)}
            inputMode="numeric"
            w={190}
            data-testid={`${testIdPrefix}-add-id`}
          />
          <Button variant="default" disabled={!valid} loading={busy === 'add'} onClick={() => void run('add', () => onAdd(Number(id)))} data-testid={`${testIdPrefix}-add`}>
            {t('actions.addById')}
          </Button>
        </Group>
      </Group>
      {error && <ErrorAlert title={t('actionFailed')} error={error} testId={`${testIdPrefix}-error`} />}
    </>
  );
}
