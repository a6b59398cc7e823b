import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';

/**
 * Whether a request's first byte was written, for telling "provably never left" (connection refused,
 * no DNS answer, no TCP connection before the timeout) from "may have arrived". Node's fetch (its
 * bundled undici) publishes `undici:request:create` when it makes the request — in the caller's async
 * context, so the request can be tied to the call — and `undici:client:sendHeaders` just before it
 * writes the request head to the socket. Neither ky nor fetch tells this otherwise, and undici itself
 * is not one of the app's packages (only Node's copy runs), hence the diagnostics channels.
 *
 * With a fetch that publishes nothing (Electron's net.fetch, a test fake) `tracked` stays false and
 * the caller keeps its cautious reading of the error.
 */
export interface WriteProbe {
  /** Node's fetch made a request for this call. */
  tracked: boolean;
  /** …and started writing it to a socket. */
  written: boolean;
}

const current = new AsyncLocalStorage<WriteProbe>();
const probes = new WeakMap<object, WriteProbe>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  diagnostics.subscribe('undici:request:create', (message) => {
    const probe = current.getStore();
    const request = (message as { request?: object }).request;
    if (!probe || !request) return;
    probe.tracked = true;
    probes.set(request, probe);
  });
  diagnostics.subscribe('undici:client:sendHeaders', (message) => {
    const request = (message as { request?: object }).request;
    const probe = request ? probes.get(request) : undefined;
    if (probe) probe.written = true;
  });
}

/** Runs one HTTP call and reports whether its request was ever written. */
export function withWriteProbe<T>(call: () => Promise<T>): { probe: WriteProbe; result: Promise<T> } {
  listen();
  const probe: WriteProbe = { tracked: false, written: false };
  return { probe, result: current.run(probe, call) };
}

/** True when the request surely never reached the server: no byte of it was written. */
export const neverLeft = (probe: WriteProbe): boolean => probe.tracked && !probe.written;
