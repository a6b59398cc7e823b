/** The root component: connects the stores to main, follows the URL, and renders the shell. */
import { useEffect } from 'react';
import { AppProviders } from './AppProviders.tsx';
import { Shell } from './Shell.tsx';
import { connectLiveUpdates } from './stores/live-updates.ts';
import { followHash } from './stores/route.ts';

export function App() {
  useEffect(() => connectLiveUpdates(), []);
  useEffect(() => followHash(), []);
  return (
    <AppProviders>
      <Shell />
    </AppProviders>
  );
}
