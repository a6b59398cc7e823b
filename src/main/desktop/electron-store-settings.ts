import Store from 'electron-store';
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';
import type { SettingsBackend } from '../core/ports.ts';

/** App settings in electron-store, with defaults; the core's SettingsService validates with the zod schema. */
export class ElectronStoreSettings implements SettingsBackend {
  private readonly store = new Store<Record<string, unknown>>({ name: 'settings', defaults: { ...DEFAULT_SETTINGS }, configFileMode: 0o600 });
  read(): unknown {
    return this.store.store;
  }
  write(value: unknown): void {
    this.store.store = value as Record<string, unknown>;
  }
}
