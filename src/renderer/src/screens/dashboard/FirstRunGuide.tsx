/** The guided start for a new install: four steps, each a link to the screen where it is done, ticked once done. */
import { Anchor, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SetupProgress } from '../../../../shared/health.ts';
import { hashForRoute, type RouteId } from '../../routes.ts';
import { TEST_SEND_PARAM } from '../compose/TestSendPanel.tsx';

const STEPS: { key: 'account' | 'test' | 'list' | 'send'; route: RouteId; param?: string; done: (s: SetupProgress) => boolean }[] = [
  { key: 'account', route: 'accounts', done: (s) => s.accounts > 0 },
  { key: 'test', route: 'accounts', done: (s) => s.accountsTested > 0 },
  { key: 'list', route: 'contacts', done: (s) => s.lists > 0 },
  // "Send a test to me" lives in Compose: `#/compose/test` opens it there with the number field focused.
  { key: 'send', route: 'compose', param: TEST_SEND_PARAM, done: (s) => s.sent },
];

/** Shown until the first campaign went out, while a step is left (on a fresh install: no accounts yet). */
export function showsGuide(setup: SetupProgress): boolean {
  return !setup.sent && STEPS.some((step) => !step.done(setup));
}

export function FirstRunGuide({ setup }: { setup: SetupProgress }) {
  const { t } = useTranslation('dashboard');
  return (
    <Paper withBorder p="md" data-testid="dash-guide">
      <Title order={3} size="h5">
        {t('guide.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('guide.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        {STEPS.map((step, i) => {
          const done = step.done(setup);
          return (
            <Paper key={step.key} withBorder p="sm" radius="sm" data-testid="dash-guide-step" data-step={step.key} data-done={done}>
              <Stack gap={6}>
                <ThemeIcon size="md" radius="xl" variant={done ? 'filled' : 'light'} color={done ? 'teal' : 'blue'} aria-label={done ? t('guide.done') : t('guide.todo')}>
                  {done ? <IconCheck size={16} /> : <Text size="sm" fw={700}>{i + 1}</Text>}
                </ThemeIcon>
                <Anchor href={hashForRoute(step.route, step.param)} fw={600} size="sm" td={done ? 'line-through' : undefined} data-testid="dash-guide-link">
                  {t(`guide.steps.${step.key}.link`)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`guide.steps.${step.key}.text`)}
                </Text>
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Paper>
  );
}
