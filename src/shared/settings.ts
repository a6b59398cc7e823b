import { z } from 'zod';

/** Each setting's own rule, without defaults (a patch must not fill in fields it does not name). */
const fields = {
  /** Default region for phone numbers without a country code (ISO 3166 alpha-2). */
  defaultRegion: z.string().length(2, 'A region is two letters, e.g. CN').toUpperCase(),
  language: z.enum(['en', 'zh']),
  theme: z.enum(['light', 'dark', 'auto']),
};

/** App settings (electron-store in the desktop app, a JSON file in headless mode), with defaults. */
export const settingsSchema = z.object({
  defaultRegion: fields.defaultRegion.default('CN'),
  language: fields.language.default('en'),
  theme: fields.theme.default('auto'),
});
export type Settings = z.output<typeof settingsSchema>;
/** A change to some settings: only the named fields change. */
export const settingsPatchSchema = z.object(fields).partial();
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
