/** The app frame: header, navbar with every screen, and the current screen (chosen by the hash route). */
import { AppShell, Box, Burger, Group, NavLink, ScrollArea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './components/ErrorAlert.tsx';
import { ROUTE_IDS, hashForRoute } from './routes.ts';
import { SCREENS } from './screens/registry.tsx';
import { useRouteStore } from './stores/route.ts';
import { useSettingsStore } from './stores/settings.ts';

export function Shell() {
  const { t } = useTranslation(['common', 'nav']);
  const route = useRouteStore((s) => s.route);
  const navigate = useRouteStore((s) => s.navigate);
  const settingsStatus = useSettingsStore((s) => s.status);
  const settingsError = useSettingsStore((s) => s.error);
  const reloadSettings = useSettingsStore((s) => s.load);
  const [navOpen, { toggle, close }] = useDisclosure(false);
  const Screen = SCREENS[route];

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm">
          <Burger opened={navOpen} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('toggleNav')} />
          <Title order={1} size="h4" data-testid="app-title">
            {t('appName')}
          </Title>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('navLabel')}>
        <AppShell.Section grow component={ScrollArea}>
          {ROUTE_IDS.map((id) => (
            <NavLink
              key={id}
              href={hashForRoute(id)}
              label={t(`nav:${id}`)}
              active={route === id}
              aria-current={route === id ? 'page' : undefined}
              data-testid={`nav-${id}`}
              onClick={(event) => {
                event.preventDefault();
                navigate(id);
                close();
              }}
            />
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        {settingsStatus === 'error' && settingsError && (
          <Box mb="md">
            <ErrorAlert
              title={t('connection.title')}
              error={settingsError}
              onRetry={() => void reloadSettings()}
              testId="connection-error"
            />
          </Box>
        )}
        <Screen key={route} />
      </AppShell.Main>
    </AppShell>
  );
}
