/** Test helpers: install a fake main, reset the stores, render inside the app's providers. */
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import { setBridgeForTests } from '../../src/renderer/src/api.ts';
import { AppProviders } from '../../src/renderer/src/AppProviders.tsx';
import { i18next, initI18n } from '../../src/renderer/src/i18n/index.ts';
import { useAccountsStore } from '../../src/renderer/src/stores/accounts.ts';
import { useConnectionChecksStore } from '../../src/renderer/src/stores/connection-checks.ts';
import { useSettingsStore } from '../../src/renderer/src/stores/settings.ts';
import { createFakeMain, type FakeMain } from './fake-bridge.ts';

export function installFakeMain(seed?: Parameters<typeof createFakeMain>[0]): FakeMain {
  const fake = createFakeMain(seed);
  setBridgeForTests(fake.bridge);
  useAccountsStore.setState({ accounts: [], status: 'idle', error: null });
  useSettingsStore.setState({ settings: DEFAULT_SETTINGS, status: 'idle', error: null, settled: false });
  useConnectionChecksStore.setState({ byId: {} });
  initI18n('en');
  void i18next.changeLanguage('en');
  return fake;
}

export function renderInApp(ui: ReactElement): RenderResult {
  return render(<AppProviders env="test">{ui}</AppProviders>);
}
