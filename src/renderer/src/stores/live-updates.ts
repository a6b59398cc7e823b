/**
 * Wires main's events into the stores and does the first loads. Called once by the app shell;
 * returns the function that stops listening.
 */
import { onEvent } from '../api.ts';
import { useAccountsStore } from './accounts.ts';
import { useSettingsStore } from './settings.ts';

export function connectLiveUpdates(): () => void {
  const stops: Array<() => void> = [];
  void useSettingsStore.getState().load();
  try {
    stops.push(onEvent('settingsChanged', (settings) => useSettingsStore.getState().receive(settings)));
    stops.push(onEvent('accountsChanged', () => void useAccountsStore.getState().load()));
  } catch {
    // No bridge (missing token): the settings load above has already recorded the error to show.
  }
  return () => {
    for (const stop of stops) stop();
  };
}
