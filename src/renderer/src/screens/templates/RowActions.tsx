/** A row's actions: check again, edit and resubmit (only after a refusal: JSMS allows nothing else), delete. */
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../../shared/errors.ts';
import type { ReviewStatus } from '../../../../shared/jsms-catalog.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useResultAction } from '../../components/use-result-action.ts';

interface RowActionsProps {
  status: ReviewStatus;
  onRefresh: () => Promise<Result<unknown>>;
  onEdit: () => void;
  onDelete: () => void;
}

export function RowActions({ status, onRefresh, onEdit, onDelete }: RowActionsProps) {
  const { t } = useTranslation('templates');
  const { busy, error, run } = useResultAction();
  const refresh = () => run(onRefresh);
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
