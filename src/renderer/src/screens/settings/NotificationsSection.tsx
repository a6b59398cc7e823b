/** System notifications on/off per kind, and start at login (desktop app only). */
import { Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NOTIFY_KINDS } from '../../../../shared/notifications.ts';
import type { Settings } from '../../../../shared/settings.ts';

interface Props {
  settings: Settings;
  desktop: boolean;
  disabled: boolean;
  save: (patch: Partial<Settings>) => void;
}

export function NotificationsSection({ settings, desktop, disabled, save }: Props) {
  const { t } = useTranslation('settings');
  return (
    <Paper withBorder p="lg" data-testid="settings-notifications">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('notifications.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('notifications.intro')}
        </Text>
        {NOTIFY_KINDS.map((kind) => (
          <Switch
            key={kind}
            label={t(`notifications.kinds.${kind}`)}
            checked={settings.notifications[kind]}
            disabled={disabled}
            onChange={(e) => save({ notifications: { ...settings.notifications, [kind]: e.currentTarget.checked } })}
            data-testid={`settings-notify-${kind}`}
          />
        ))}
        <Title order={3} size="h4" mt="sm">
          {t('background.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('background.intro')}
        </Text>
        <Switch
          label={t('background.startAtLogin')}
          description={desktop ? t('background.startAtLoginHint') : t('background.desktopOnly')}
          checked={settings.startAtLogin}
          disabled={disabled || !desktop}
          onChange={(e) => save({ startAtLogin: e.currentTarget.checked })}
          data-testid="settings-start-at-login"
        />
      </Stack>
    </Paper>
  );
}
