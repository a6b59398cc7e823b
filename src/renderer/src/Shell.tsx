/**
 * The app frame: header, navbar with every screen, and the current screen (chosen by the hash route).
 * From 1200 px the navbar shows icons and names; narrower, only the icons (each with its name as a
 * tooltip), so the screens keep their width on a laptop; below 768 px it folds behind a burger.
 */
import { AppShell, Box, Burger, Group, NavLink, ScrollArea, Title, Tooltip } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './components/ErrorAlert.tsx';
import { NAV_ICONS } from './nav-icons.ts';
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
  // Mantine's sm and lg breakpoints: between them the navbar is a column of icons.
  const iconsOnly = useMediaQuery('(min-width: 48em) and (max-width: 74.99em)') === true;
  const Screen = SCREENS[route];

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: { base: 220, sm: 64, lg: 220 }, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
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
          {ROUTE_IDS.map((id) => {
            const Icon = NAV_ICONS[id];
            const name = t(`nav:${id}`);
            return (
              <Tooltip key={id} label={name} position="right" withArrow disabled={!iconsOnly}>
                <NavLink
                  href={hashForRoute(id)}
                  label={iconsOnly ? undefined : name}
                  aria-label={iconsOnly ? name : undefined}
                  leftSection={<Icon size={20} stroke={1.6} aria-hidden />}
                  styles={iconsOnly ? { section: { marginInlineEnd: 0 }, body: { display: 'none' } } : undefined}
                  active={route === id}
                  aria-current={route === id ? 'page' : undefined}
                  data-testid={`nav-${id}`}
                  data-icons-only={iconsOnly || undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(id);
                    close();
                  }}
                />
              </Tooltip>
            );
          })}
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
