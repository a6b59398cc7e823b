/**
 * The headless bridge's browser side: gives the renderer the same `window.api` the Electron preload
 * gives it, over HTTP on loopback. One POST per method (`/api/<name>`, bearer token), Server-Sent Events
 * for events (`/api/events?token=`). The token arrives once in the page URL and is kept in sessionStorage.
 */
import { EVENT_NAMES, METHOD_NAMES, type Bridge, type EventName } from '../../../shared/api.ts';
import type { Result } from '../../../shared/errors.ts';

const TOKEN_KEY = 'sms-console.bridge-token';

export function takeToken(loc: Location, storage: Storage, history: History): string | null {
  const params = new URLSearchParams(loc.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const query = params.toString();
    history.replaceState(null, '', `${loc.pathname}${query ? `?${query}` : ''}${loc.hash}`);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

export function createHttpBridge(token: string, base = ''): Bridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (ev) => {
        const data = JSON.parse((ev as MessageEvent<string>).data) as unknown;
        for (const l of listeners.get(name) ?? []) l(data);
      });
    }
  };

  const call = async (name: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`${base}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ input: input ?? null }),
      });
      if (res.status === 401) {
        return { ok: false, error: { code: 'BRIDGE_TOKEN', message: 'This page is not authorised. Open the exact URL that `npm run headless` printed.' } };
      }
      return (await res.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'BRIDGE_DOWN', message: 'The console is not reachable. Is `npm run headless` still running?', kind: 'transient' } };
    }
  };

  const bridge: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) bridge[name] = (input: unknown) => call(name, input);
  bridge.on = (name: EventName, listener: (payload: unknown) => void) => {
    if (!EVENT_NAMES.includes(name)) throw new Error(`Unknown event ${String(name)}`);
    ensureSource();
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };
  return bridge as Bridge;
}
