/** The honest placeholder for a screen that is not built yet: what it will do, and that it is not there yet. */
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type ComingArea = 'dashboard' | 'compose' | 'campaigns' | 'messages' | 'inbox' | 'contacts' | 'schedules';

export function ComingScreen({ area }: { area: ComingArea }) {
  const { t } = useTranslation(['coming', 'nav']);
  return (
    <Stack gap="md" maw={720} data-testid={`screen-${area}`} data-state="coming">
      <Group gap="sm" align="center">
        <Title order={2}>{t(`nav:${area}`)}</Title>
        <Badge variant="light" color="gray">
          {t('coming:badge')}
        </Badge>
      </Group>
      <Paper withBorder p="lg">
        <Stack gap="sm">
          <Text>{t(`coming:what.${area}`)}</Text>
          <Text size="sm" c="dimmed">
            {t('coming:notBuilt')}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
