/** Step 1: choose the file. It is uploaded to main and read with everything detected. */
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useImportStore } from '../../../stores/contacts-import.ts';
import { useSettingsStore } from '../../../stores/settings.ts';
import { FilePicker, IMPORT_ACCEPT } from '../FilePicker.tsx';

export function FileStep() {
  const { t, i18n } = useTranslation('contacts');
  const chooseFile = useImportStore((s) => s.chooseFile);
  const fileName = useImportStore((s) => s.fileName);
  const fileSize = useImportStore((s) => s.fileSize);
  const preview = useImportStore((s) => s.preview);
  const busy = useImportStore((s) => s.busy);
  const region = useSettingsStore((s) => s.settings.defaultRegion);
  const number = new Intl.NumberFormat(i18n.language);
  const size = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(fileSize / 1024);

  return (
    <Stack gap="md">
      <FilePicker
        label={t('wizard.file.label')}
        description={t('wizard.file.hint')}
        accept={IMPORT_ACCEPT}
        disabled={busy === 'commit'}
        testId="import-file"
        chosen={fileName}
        onFile={(file) => void chooseFile(file, region)}
      />
      {fileName && (
        <Group gap="sm" data-testid="import-file-info">
          <Text size="sm" c="dimmed">
            {t('wizard.file.size', { size })}
          </Text>
          {preview && (
            <Badge variant="light" data-testid="import-format">
              {t(`wizard.formats.${preview.source.format}`)}
            </Badge>
          )}
        </Group>
      )}
      {preview && (
        <Text size="sm" data-testid="import-found">
          {t('wizard.file.found', { valid: number.format(preview.counts.valid), total: number.format(preview.counts.total), count: preview.counts.total })}
        </Text>
      )}
    </Stack>
  );
}
