/**
 * The root component: connects the stores to main, follows the URL, and renders the shell once the
 * settings have answered (so the first paint is already in the user's language and theme).
 */
import { Center, Loader } from '@mantine/core';
import { useEffect } from 'react';
import { AppProviders } from './AppProviders.tsx';
import { Shell } from './Shell.tsx';
import { connectLiveUpdates } from './stores/live-updates.ts';
import { followHash } from './stores/route.ts';
import { useSettingsStore } from './stores/settings.ts';

export function App() {
  useEffect(() => connectLiveUpdates(), []);
  useEffect(() => followHash(), []);
  const starting = !useSettingsStore((s) => s.settled);
  return (
    <AppProviders>
      {starting ? (
        <Center h="100vh" data-testid="app-starting">
          <Loader size="sm" />
        </Center>
      ) : (
        <Shell />
      )}
    </AppProviders>
  );
}
