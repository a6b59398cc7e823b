/**
 * Cache of main's settings. Until the first load answers, the defaults stand in (so the shell can
 * render a theme and a language); `settingsChanged` events keep it current.
 */
import { create } from 'zustand';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings.ts';
import { getApi } from '../api.ts';
import { toErrorShape } from './error-shape.ts';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface SettingsState {
  settings: Settings;
  status: LoadStatus;
  error: AppErrorShape | null;
  load: () => Promise<void>;
  /** Saves a partial change; resolves with the saved settings or the error to show. */
  update: (patch: Partial<Settings>) => Promise<Result<Settings>>;
  /** Applies settings pushed by main (`settingsChanged`). */
  receive: (settings: Settings) => void;
}

let loadSeq = 0;

export const useSettingsStore = create<SettingsState>()((set) => ({
  settings: DEFAULT_SETTINGS,
  status: 'idle',
  error: null,
  load: async () => {
    const seq = ++loadSeq;
    set({ status: 'loading' });
    try {
      const settings = await getApi().settingsGet();
      if (seq === loadSeq) set({ settings, status: 'ready', error: null });
    } catch (err) {
      if (seq === loadSeq) set({ status: 'error', error: toErrorShape(err) });
    }
  },
  update: async (patch) => {
    try {
      const settings = await getApi().settingsUpdate(patch);
      loadSeq++;
      set({ settings, status: 'ready', error: null });
      return { ok: true, value: settings };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  },
  receive: (settings) => {
    loadSeq++;
    set({ settings, status: 'ready', error: null });
  },
}));
