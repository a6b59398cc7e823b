/**
 * Mantine and i18next around the app, following the settings: the colour scheme follows `theme`
 * ('auto' = the system's preference) and the language follows `language`.
 */
import { MantineProvider } from '@mantine/core';
import { useColorScheme } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { i18next, initI18n, localeOf } from './i18n/index.ts';
import { useSettingsStore } from './stores/settings.ts';
import { theme } from './theme.ts';

interface AppProvidersProps {
  children: ReactNode;
  /** 'test' turns off transitions and portals (component tests). */
  env?: 'default' | 'test';
}

export function AppProviders({ children, env = 'default' }: AppProvidersProps) {
  const language = useSettingsStore((s) => s.settings.language);
  const themeSetting = useSettingsStore((s) => s.settings.theme);
  const system = useColorScheme('light', { getInitialValueInEffect: false });
  const scheme = themeSetting === 'auto' ? system : themeSetting;

  initI18n(language);
  useEffect(() => {
    if (i18next.language !== language) void i18next.changeLanguage(language);
    document.documentElement.lang = localeOf(language);
  }, [language]);

  return (
    <I18nextProvider i18n={i18next}>
      <MantineProvider theme={theme} forceColorScheme={scheme} env={env}>
        {children}
      </MantineProvider>
    </I18nextProvider>
  );
}
