import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/settings.ts';
import type { SettingsBackend } from '../ports.ts';

/**
 * Settings with schema and defaults. The backend is electron-store in the desktop app and a JSON file
 * in headless mode; whatever it holds is validated, and unknown or invalid values fall back to defaults
 * field by field so one bad value never loses the rest.
 */
export class SettingsService {
  private current: Settings;
  private readonly backend: SettingsBackend;

  constructor(backend: SettingsBackend) {
    this.backend = backend;
    this.current = SettingsService.sanitize(backend.read());
  }

  static sanitize(raw: unknown): Settings {
    const whole = settingsSchema.safeParse(raw ?? {});
    if (whole.success) return whole.data;
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    if (raw && typeof raw === 'object') {
      for (const [key, value] of Object.entries(raw)) {
        const field = settingsSchema.shape[key as keyof Settings];
        if (!field) continue;
        const parsed = field.safeParse(value);
        if (parsed.success) out[key] = parsed.data;
      }
    }
    return settingsSchema.parse(out);
  }

  get(): Settings {
    return this.current;
  }

  update(patch: Partial<Settings>): Settings {
    this.current = settingsSchema.parse({ ...this.current, ...patch });
    this.backend.write(this.current);
    return this.current;
  }
}
