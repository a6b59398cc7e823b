import { z } from 'zod';
import { method, event } from './define.ts';
import { settingsPatchSchema, type Settings } from '../settings.ts';

export interface AppInfo {
  version: string;
  mode: 'desktop' | 'headless';
  dataDir: string;
  schemaVersion: number;
}

export const appMethods = {
  appInfo: method<AppInfo>()(z.void()),
  settingsGet: method<Settings>()(z.void()),
  settingsUpdate: method<Settings>()(settingsPatchSchema),
};

export const appEvents = {
  settingsChanged: event<Settings>(),
};
