import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { render } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App.tsx';
import { SettingsScreen } from '../../src/renderer/src/screens/settings/SettingsScreen.tsx';
import { useSettingsStore } from '../../src/renderer/src/stores/settings.ts';
import type { FakeMain } from './fake-bridge.ts';
import { installFakeMain, renderInApp } from './render.tsx';

describe('app shell', () => {
  let fake: FakeMain;
  beforeEach(() => {
    fake = installFakeMain();
  });

  it('opens the screen named in the URL hash and follows hash changes', async () => {
    window.location.hash = '#/accounts';
    render(<App />);
    expect(await screen.findByTestId('screen-accounts')).toBeTruthy();
    expect(screen.getByTestId('nav-accounts').getAttribute('aria-current')).toBe('page');
    act(() => {
      window.location.hash = '#/contacts';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByTestId('screen-contacts')).toBeTruthy();
    expect(screen.getByTestId('nav-contacts').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-accounts').getAttribute('aria-current')).toBeNull();
  });

  it('navigates from the navbar and writes the hash', async () => {
    render(<App />);
    expect(await screen.findByTestId('screen-dashboard')).toBeTruthy();
    fireEvent.click(screen.getByTestId('nav-settings'));
    expect(await screen.findByTestId('screen-settings')).toBeTruthy();
    expect(window.location.hash).toBe('#/settings');
  });

  it('follows the language setting, including when main pushes a change', async () => {
    fake = installFakeMain({ settings: { language: 'zh' } });
    render(<App />);
    await waitFor(() => expect(screen.getByTestId('nav-accounts').textContent).toBe('账户'));
    act(() => fake.emit('settingsChanged', { ...fake.settings, language: 'en' }));
    await waitFor(() => expect(screen.getByTestId('nav-accounts').textContent).toBe('Accounts'));
    expect(document.documentElement.lang).toBe('en');
  });

  it('says plainly when it cannot reach main', async () => {
    fake.failNext('settingsGet', { code: 'BRIDGE_DOWN', message: 'The console is not reachable. Is `npm run headless` still running?' });
    render(<App />);
    const alert = await screen.findByTestId('connection-error');
    expect(alert.textContent).toContain('The console is not reachable.');
    expect(alert.textContent).toContain('BRIDGE_DOWN');
  });
});

describe('Settings screen', () => {
  let fake: FakeMain;
  beforeEach(async () => {
    fake = installFakeMain();
    await useSettingsStore.getState().load();
  });

  it('saves the theme and the language through main', async () => {
    renderInApp(<SettingsScreen />);
    const theme = screen.getByTestId('settings-theme');
    fireEvent.click(within(theme).getByLabelText('Dark'));
    await waitFor(() => expect(fake.callsOf('settingsUpdate')).toEqual([{ theme: 'dark' }]));
    expect(useSettingsStore.getState().settings.theme).toBe('dark');

    fireEvent.click(screen.getByTestId('settings-language'));
    fireEvent.click(await screen.findByRole('option', { name: '简体中文' }));
    await waitFor(() => expect(fake.callsOf('settingsUpdate')).toContainEqual({ language: 'zh' }));
    expect(await screen.findByText('默认地区')).toBeTruthy();
  });

  it('shows the error when main refuses a setting', async () => {
    fake.failNext('settingsUpdate', { code: 'SETTINGS_WRITE', message: 'The settings file could not be written. Check the disk has space.' });
    renderInApp(<SettingsScreen />);
    fireEvent.click(within(screen.getByTestId('settings-theme')).getByLabelText('Light'));
    expect((await screen.findByTestId('settings-save-error')).textContent).toContain('The settings file could not be written.');
  });
});
