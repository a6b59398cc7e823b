/** A row's actions: check again, edit and resubmit (only after a refusal: JSMS allows nothing else), delete. */
import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape, Result } from '../../../../shared/errors.ts';
import type { ReviewStatus } from '../../../../shared/jsms-catalog.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

interface RowActionsProps {
  status: ReviewStatus;
  onRefresh: () => Promise<Result<unknown>>;
  onEdit: () => void;
  onDelete: () => void;
}

export function RowActions({ status, onRefresh, onEdit, onDelete }: RowActionsProps) {
  const { t } = useTranslation('templates');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const refresh = async () => {
    setBusy(true);
    setError(null);
    const r = await onRefresh();
    setBusy(false);
    if (!r.ok) setError(r.error);
  };
  return (
    <>
      <Group gap={4} wrap="wrap">
        <Button size="compact-xs" variant="subtle" loading={busy} onClick={() => void refresh()} data-testid="catalog-row-refresh">
          {t('actions.refresh')}
        </Button>
        {status === 'rejected' && (
          <Button size="compact-xs" variant="light" onClick={onEdit} data-testid="catalog-row-edit">
            {t('actions.edit')}
          </Button>
        )}
        <Button size="compact-xs" variant="subtle" color="red" onClick={onDelete} data-testid="catalog-row-delete">
          {t('actions.delete')}
        </Button>
      </Group>
      {error && <ErrorAlert title={t('actionFailed')} error={error} />}
    </>
  );
}
