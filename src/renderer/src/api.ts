/**
 * The renderer's only door to main: `api.someMethod(input)` resolves with the output or rejects with
 * an ApiError carrying `{ code, message }`. Store actions and hooks use it; components never do.
 */
import { METHOD_NAMES, type Api, type Bridge, type EventName, type EventPayload, type Unsubscribe } from '../../shared/api.ts';
import type { AppErrorShape } from '../../shared/errors.ts';
import { createHttpBridge, takeToken } from './bridge/http-bridge.ts';

export class ApiError extends Error implements AppErrorShape {
  readonly code: string;
  readonly kind?: AppErrorShape['kind'];
  readonly fields?: Record<string, string>;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    if (shape.kind) this.kind = shape.kind;
    if (shape.fields) this.fields = shape.fields;
  }
}

declare global {
  interface Window {
    api?: Bridge;
  }
}

function resolveBridge(): Bridge {
  if (window.api) return window.api;
  const token = takeToken(window.location, window.sessionStorage, window.history);
  if (!token) throw new ApiError({ code: 'BRIDGE_TOKEN', message: 'No access token. Open the exact URL that `npm run headless` printed.' });
  return createHttpBridge(token);
}

export function createApi(bridge: Bridge): Api & { on: Bridge['on'] } {
  const api: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) {
    const fn = bridge[name] as (input: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; error: AppErrorShape }>;
    api[name] = async (input: unknown) => {
      const result = await fn(input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    };
  }
  api.on = bridge.on.bind(bridge);
  return api as Api & { on: Bridge['on'] };
}

let instance: (Api & { on: Bridge['on'] }) | null = null;
/** Lazily bound so tests can install a bridge first. */
export function getApi(): Api & { on: Bridge['on'] } {
  if (!instance) instance = createApi(resolveBridge());
  return instance;
}
export function setBridgeForTests(bridge: Bridge): void {
  instance = createApi(bridge);
}

export function onEvent<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): Unsubscribe {
  return getApi().on(name, listener);
}
