/**
 * The contract bound to ipcMain: one handler per contract method (channel `api:<name>`), input validated
 * by core.invoke with the method's schema, sender frame checked, throws turned into `{code, message}`.
 * Events go out on `event:<name>` to every window.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES } from '../shared/api.ts';
import type { Core } from './core/create-core.ts';

export const methodChannel = (name: string) => `api:${name}`;
export const eventChannel = (name: string) => `event:${name}`;

export function registerIpc(core: Core, isTrustedUrl: (url: string) => boolean, windows: () => BrowserWindow[]): () => void {
  const senderOk = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isTrustedUrl(frame.url);
  };

  for (const name of METHOD_NAMES) {
    ipcMain.handle(methodChannel(name), async (event, input: unknown) => {
      if (!senderOk(event)) return { ok: false, error: { code: 'FORBIDDEN', message: 'This window is not allowed to use the console.' } };
      return core.invoke(name, input);
    });
  }

  const unsubscribe = core.subscribe((name, payload) => {
    for (const win of windows()) {
      if (!win.isDestroyed()) win.webContents.send(eventChannel(name), payload);
    }
  });

  return () => {
    unsubscribe();
    for (const name of METHOD_NAMES) ipcMain.removeHandler(methodChannel(name));
  };
}
