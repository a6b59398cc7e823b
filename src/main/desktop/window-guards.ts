import type { WebContents } from 'electron';

/**
 * What a window of the app may do, as plain functions on its webContents (Electron's types only, so
 * tests drive them without Electron): no navigation or redirect away from the app, no new windows
 * (http(s) links open in the user's browser instead), no webviews, and no permission — neither granted
 * on request nor reported as granted when a page checks (camera, microphone, notifications, clipboard…).
 */
type Prevented = { preventDefault(): void };
export type GuardedContents = Pick<WebContents, 'setWindowOpenHandler'> & {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: Prevented, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Prevented) => void): unknown;
  session: Pick<WebContents['session'], 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
};

export function guardContents(wc: GuardedContents, isTrustedUrl: (url: string) => boolean, openExternal: (url: string) => void): void {
  wc.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
  wc.on('will-navigate', (event, url) => {
    if (isTrustedUrl(url)) return;
    event.preventDefault();
    openExternal(url);
  });
  // A redirect is not the user's click: an untrusted target is blocked, not opened in the browser.
  wc.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  wc.session.setPermissionCheckHandler(() => false);
}
