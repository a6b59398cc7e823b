/**
 * Builds `window.api` from the contract's names: one named function per method, `on` for known events
 * only. There is no generic invoke; an unknown channel cannot be reached from the renderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, METHOD_NAMES } from '../shared/api.ts';

const api: Record<string, unknown> = {};
for (const name of METHOD_NAMES) {
  api[name] = (input: unknown) => ipcRenderer.invoke(`api:${name}`, input);
}
api.on = (name: string, listener: (payload: unknown) => void) => {
  if (!(EVENT_NAMES as string[]).includes(name)) throw new Error(`Unknown event ${name}`);
  const channel = `event:${name}`;
  const wrapped = (_e: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
};

contextBridge.exposeInMainWorld('api', api);
