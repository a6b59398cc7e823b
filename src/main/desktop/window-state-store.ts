import { screen, type BrowserWindow } from 'electron';
import Store from 'electron-store';
import { placeWindow, readWindowState, type WindowBounds, type WindowState } from './window-state.ts';

/** Remembers the main window's bounds and maximized state in electron-store (`window-state.json`). */
export class WindowStateStore {
  private readonly store = new Store<{ state: unknown }>({ name: 'window-state', defaults: { state: null } });

  /** Bounds to open with, clamped to today's displays. */
  initial(): WindowState & { bounds: WindowBounds } {
    const saved = readWindowState(this.store.get('state'));
    const primary = screen.getPrimaryDisplay().workArea;
    const areas = [primary, ...screen.getAllDisplays().map((d) => d.workArea).filter((a) => a !== primary)];
    return { bounds: placeWindow(saved.bounds, areas), maximized: saved.maximized };
  }

  /** Saves on move/resize (debounced) and on close. */
  track(win: BrowserWindow): void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const save = () => {
      if (win.isDestroyed() || win.isMinimized()) return;
      const state: WindowState = { bounds: win.isMaximized() || win.isFullScreen() ? win.getNormalBounds() : win.getBounds(), maximized: win.isMaximized() };
      this.store.set('state', state);
    };
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 400);
    };
    win.on('resize', later);
    win.on('move', later);
    win.on('close', save);
  }
}
