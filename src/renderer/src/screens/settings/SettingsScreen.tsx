/** Settings: language, theme, region, notifications and start at login (saved as soon as they change); data care and the audit log. */
import { Box, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import type { Settings } from '../../../../shared/settings.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { MonitoringSettings } from './MonitoringSettings.tsx';
import { ReceiverPanel } from './ReceiverPanel.tsx';
import { LANGUAGES, localeOf, type Language } from '../../i18n/index.ts';
import { useDataCareStore } from '../../stores/data-care.ts';
import { useSettingsStore } from '../../stores/settings.ts';
import { AuditLogSection } from './AuditLogSection.tsx';
import { DataCareSection } from './DataCareSection.tsx';
import { NotificationsSection } from './NotificationsSection.tsx';
import { regionOptions } from './region-options.ts';

const THEMES = ['light', 'dark', 'auto'] as const;

export function SettingsScreen() {
  const { t } = useTranslation('settings');
  const settings = useSettingsStore((s) => s.settings);
  const status = useSettingsStore((s) => s.status);
  const loadError = useSettingsStore((s) => s.error);
  const load = useSettingsStore((s) => s.load);
  const update = useSettingsStore((s) => s.update);
  const [saveError, setSaveError] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState(false);
  const regions = useMemo(() => regionOptions(localeOf(settings.language), (name, detail) => t('common:nameAndDetail', { name, detail })), [settings.language, t]);
  const disabled = status !== 'ready';
  const desktop = useDataCareStore((s) => s.mode === 'desktop');

  const save = async (patch: Partial<Settings>) => {
    setSaved(false);
    const result = await update(patch);
    setSaveError(result.ok ? null : result.error);
    setSaved(result.ok);
  };

  return (
    <Stack gap="md" maw={880} data-testid="screen-settings" data-status={status}>
      <div>
        <Title order={2}>{t('title')}</Title>
        <Text c="dimmed" size="sm">
          {t('intro')}
        </Text>
      </div>
      {status === 'error' && loadError && <ErrorAlert title={t('loadFailed')} error={loadError} onRetry={() => void load()} />}
      {saveError && <ErrorAlert title={t('saveFailed')} error={saveError} testId="settings-save-error" />}
      <Paper withBorder p="lg">
        <Stack gap="lg">
          <Select
            label={t('language.label')}
            description={t('language.description')}
            data={LANGUAGES.map((lang) => ({ value: lang, label: t(`languages.${lang}`) }))}
            value={settings.language}
            onChange={(value) => value && void save({ language: value as Language })}
            allowDeselect={false}
            disabled={disabled}
            data-testid="settings-language"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="settings-theme-label">
              {t('theme.label')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('theme.description')}
            </Text>
            <SegmentedControl
              aria-labelledby="settings-theme-label"
              data={THEMES.map((value) => ({ value, label: t(`theme.${value}`) }))}
              value={settings.theme}
              onChange={(value) => void save({ theme: value as Settings['theme'] })}
              disabled={disabled}
              data-testid="settings-theme"
            />
          </Stack>
          <Select
            label={t('region.label')}
            description={t('region.description')}
            data={regions}
            value={settings.defaultRegion}
            onChange={(value) => value && void save({ defaultRegion: value })}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('region.nothingFound')}
            disabled={disabled}
            data-testid="settings-region"
          />
        </Stack>
      </Paper>
      <Text size="sm" c="teal" aria-live="polite" data-testid="settings-saved">
        {saved ? t('saved') : ''}
      </Text>
      <NotificationsSection settings={settings} desktop={desktop} disabled={disabled} save={(patch) => void save(patch)} />
      <DataCareSection />
      <AuditLogSection />
      <MonitoringSettings save={save} />
      <Box w="min(880px, calc(100vw - 290px))">
        <ReceiverPanel />
      </Box>
    </Stack>
  );
}
