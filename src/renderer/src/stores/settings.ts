/**
 * Cache of main's settings. The defaults stand in until the first load answers (`settled`; the app
 * waits for it so the first paint is in the right language and theme); `settingsChanged` keeps it current.
 */
import { create } from 'zustand';
import type { AppErrorShape, Result } from '../../../shared/errors.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings.ts';
import { getApi } from '../api.ts';
import { toErrorShape } from './error-shape.ts';
import type { LoadStatus } from './load-status.ts';

export type { LoadStatus } from './load-status.ts';

interface SettingsState {
  settings: Settings;
  status: LoadStatus;
  error: AppErrorShape | null;
  /** Main has answered at least once (with settings or an error): the shell can render. */
  settled: boolean;
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
  settled: false,
  load: async () => {
    const seq = ++loadSeq;
    set({ status: 'loading' });
    try {
      const settings = await getApi().settingsGet();
      if (seq === loadSeq) set({ settings, status: 'ready', error: null, settled: true });
    } catch (err) {
      if (seq === loadSeq) set({ status: 'error', error: toErrorShape(err), settled: true });
    }
  },
  update: async (patch) => {
    try {
      const settings = await getApi().settingsUpdate(patch);
      loadSeq++;
      set({ settings, status: 'ready', error: null, settled: true });
      return { ok: true, value: settings };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  },
  receive: (settings) => {
    loadSeq++;
    set({ settings, status: 'ready', error: null, settled: true });
  },
}));
