import { shell, type BrowserWindow, type WebContents } from 'electron';

/** Only http(s) links leave the app, and they open in the user's browser. */
export function openExternalSafely(url: string): void {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') void shell.openExternal(u.toString());
  } catch {
    /* not a URL: ignore */
  }
}

/** No navigation away from the app, no new windows, no webviews, no permission grants. */
export function lockDown(win: BrowserWindow, isTrustedUrl: (url: string) => boolean): void {
  const wc: WebContents = win.webContents;
  wc.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  wc.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) {
      event.preventDefault();
      openExternalSafely(url);
    }
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}
