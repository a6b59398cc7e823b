/** Optional quiet hours: no sending from start to end (local time; may wrap midnight). */
import { Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useComposeStore } from '../../stores/compose.ts';
import { fieldError } from './compose-model.ts';

export function QuietHoursSection() {
  const { t } = useTranslation('compose');
  const form = useComposeStore((s) => s.form);
  const fields = useComposeStore((s) => s.fieldErrors);
  const patch = useComposeStore((s) => s.patch);
  return (
    <Stack gap="xs">
      <Switch
        label={t('quiet.enable')}
        checked={form.quietEnabled}
        onChange={(e) => patch({ quietEnabled: e.currentTarget.checked })}
        data-testid="compose-quiet"
      />
      <Text size="xs" c="dimmed">
        {t('quiet.description')}
      </Text>
      {form.quietEnabled && (
        <Group grow align="flex-start" maw={360}>
          <TextInput
            type="time"
            label={t('quiet.start')}
            value={form.quietStart}
            onChange={(e) => patch({ quietStart: e.currentTarget.value })}
            error={fieldError(fields, 'quietHours.start')}
            data-testid="compose-quiet-start"
          />
          <TextInput
            type="time"
            label={t('quiet.end')}
            value={form.quietEnd}
            onChange={(e) => patch({ quietEnd: e.currentTarget.value })}
            error={fieldError(fields, 'quietHours.end')}
            data-testid="compose-quiet-end"
          />
        </Group>
      )}
    </Stack>
  );
}
