import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardContents, type GuardedContents } from '../../../src/main/desktop/window-guards.ts';

/**
 * The window guards driven as Electron would: the listeners and handlers registered on a webContents
 * are called with Electron's arguments, and what they decide is observed (prevented or not, granted or
 * not, opened outside or not).
 */
const APP = 'file:///opt/sms-console/resources/app.asar/out/renderer/index.html';

function contents() {
  const events = new EventEmitter();
  const handlers: {
    open?: (d: { url: string }) => { action: string };
    request?: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
    check?: (wc: unknown, permission: string, origin: string, details: unknown) => boolean;
  } = {};
  const wc = {
    setWindowOpenHandler: (h: typeof handlers.open) => (handlers.open = h),
    on: (event: string, listener: (...args: unknown[]) => void) => events.on(event, listener),
    session: {
      setPermissionRequestHandler: (h: typeof handlers.request) => (handlers.request = h),
      setPermissionCheckHandler: (h: typeof handlers.check) => (handlers.check = h),
    },
  } as unknown as GuardedContents;
  const opened: string[] = [];
  guardContents(wc, (url) => url.split('#')[0] === APP, (url) => opened.push(url));
  /** Emits `name` like Electron and tells whether a listener prevented it. */
  const emit = (name: string, url?: string) => {
    let prevented = false;
    events.emit(name, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { handlers, opened, emit };
}

describe('window guards', () => {
  it('keeps navigation in the app, opening outside links in the browser', () => {
    const { emit, opened } = contents();
    expect(emit('will-navigate', `${APP}#/accounts`)).toBe(false);
    expect(emit('will-navigate', 'https://evil.example/login')).toBe(true);
    expect(opened).toEqual(['https://evil.example/login']);
  });

  it('blocks a redirect away from the app without opening it anywhere', () => {
    const { emit, opened } = contents();
    expect(emit('will-redirect', 'https://evil.example/phish')).toBe(true);
    expect(emit('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(emit('will-redirect', `${APP}#/settings`)).toBe(false);
    expect(opened).toEqual([]);
  });

  it('grants no permission on request and reports none as granted when a page checks', () => {
    const { handlers } = contents();
    for (const permission of ['media', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'geolocation', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) {
      const answers: boolean[] = [];
      handlers.request!(null, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
      expect(handlers.check!(null, permission, 'file://', {}), permission).toBe(false);
    }
  });

  it('denies new windows and webviews', () => {
    const { handlers, emit, opened } = contents();
    expect(handlers.open!({ url: 'https://docs.example/help' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.example/help']);
    expect(emit('will-attach-webview')).toBe(true);
  });
});
