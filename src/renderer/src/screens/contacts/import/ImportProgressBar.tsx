/** What main is doing with the file right now, with a cancel button while it can still be stopped. */
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportProgressView } from '../../../stores/contacts-import.ts';

interface ImportProgressBarProps {
  progress: ImportProgressView | null;
  onCancel?: () => void;
}

export function ImportProgressBar({ progress, onCancel }: ImportProgressBarProps) {
  const { t, i18n } = useTranslation('contacts');
  const phase = progress?.phase ?? 'read';
  const known = progress?.total !== undefined && progress.total > 0 && phase !== 'read' && phase !== 'upload';
  const pct = known ? Math.min(100, Math.round((progress.done / progress.total!) * 100)) : 100;
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <Stack gap={6} data-testid="import-progress" data-phase={phase}>
      <Group justify="space-between">
        <Text size="sm">
          {t(`wizard.phases.${phase}`)}
          {known && ` — ${number.format(progress.done)} / ${number.format(progress.total!)}`}
        </Text>
        {onCancel && (
          <Button size="compact-sm" variant="subtle" color="red" onClick={onCancel} data-testid="import-cancel">
            {t('wizard.cancel')}
          </Button>
        )}
      </Group>
      <Progress value={pct} striped={!known} animated={!known} aria-label={t(`wizard.phases.${phase}`)} />
    </Stack>
  );
}
