/**
 * Settings → opt-out keywords (inbound SMS that add the sender to the opt-out list), the low-balance
 * threshold, and how long each provider's delivery reports are waited for before a campaign is finished.
 */
import { Group, NumberInput, Paper, Stack, TagsInput, Text, Title } from '@mantine/core';
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
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('reportWindow.label')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('reportWindow.description')}
          </Text>
          <Group gap="md" wrap="wrap">
            {(['eims', 'jsms', 'gsmbox'] as const).map((kind) => (
              <NumberInput
                key={kind}
                label={t(`reportWindow.${kind}`)}
                suffix={` ${t('reportWindow.hours')}`}
                value={settings.reportWindowHours[kind]}
                min={1}
                max={720}
                w={150}
                onBlur={(e) => {
                  const v = Math.round(Number(e.currentTarget.value.replace(/[^\d]/g, '')));
                  if (Number.isFinite(v) && v >= 1 && v <= 720 && v !== settings.reportWindowHours[kind]) void save({ reportWindowHours: { ...settings.reportWindowHours, [kind]: v } });
                }}
                disabled={disabled}
                data-testid={`settings-report-window-${kind}`}
              />
            ))}
          </Group>
        </Stack>
      </Stack>
    </Paper>
  );
}
