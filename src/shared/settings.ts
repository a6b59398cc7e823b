import { z } from 'zod';

/** App settings (electron-store in the desktop app, a JSON file in headless mode). */
export const settingsSchema = z.object({
  /** Default region for phone numbers without a country code (ISO 3166 alpha-2). */
  defaultRegion: z.string().length(2).toUpperCase().default('CN'),
  language: z.enum(['en', 'zh']).default('en'),
  theme: z.enum(['light', 'dark', 'auto']).default('auto'),
});
export type Settings = z.output<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial();
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
