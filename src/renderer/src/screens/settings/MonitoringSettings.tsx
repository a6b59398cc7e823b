/** Settings → opt-out keywords (inbound SMS that add the sender to the opt-out list) and the low-balance threshold. */
import { NumberInput, Paper, Stack, TagsInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings.ts';
import { useSettingsStore } from '../../stores/settings.ts';

export function MonitoringSettings({ save }: { save: (patch: Partial<Settings>) => Promise<void> }) {
  const { t } = useTranslation('receiver');
  const settings = useSettingsStore((s) => s.settings);
  const disabled = useSettingsStore((s) => s.status) !== 'ready';
  return (
    <Paper withBorder p="lg">
      <Stack gap="lg">
        <Title order={3} size="h4">
          {t('optOut.title')}
        </Title>
        <TagsInput
          label={t('optOut.label')}
          description={t('optOut.description')}
          value={settings.optOutKeywords}
          onChange={(v) => void save({ optOutKeywords: v.map((k) => k.trim()).filter((k) => k !== '' && k.length <= 20).slice(0, 50) })}
          maxTags={50}
          clearable
          disabled={disabled}
          data-testid="settings-optout-keywords"
        />
        <NumberInput
          label={t('lowBalance.label')}
          description={t('lowBalance.description')}
          value={settings.lowBalanceThreshold}
          min={0}
          max={1e9}
          onBlur={(e) => {
            const v = Number(e.currentTarget.value.replace(/[^\d.]/g, ''));
            if (Number.isFinite(v) && v !== settings.lowBalanceThreshold) void save({ lowBalanceThreshold: v });
          }}
          disabled={disabled}
          data-testid="settings-low-balance"
        />
      </Stack>
    </Paper>
  );
}
