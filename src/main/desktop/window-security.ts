import { shell, type BrowserWindow } from 'electron';
import { guardContents } from './window-guards.ts';

/** Only http(s) links leave the app, and they open in the user's browser. */
export function openExternalSafely(url: string): void {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') void shell.openExternal(u.toString());
  } catch {
    /* not a URL: ignore */
  }
}

/** No navigation or redirect away from the app, no new windows, no webviews, no permissions (window-guards.ts). */
export function lockDown(win: BrowserWindow, isTrustedUrl: (url: string) => boolean): void {
  guardContents(win.webContents, isTrustedUrl, openExternalSafely);
}
