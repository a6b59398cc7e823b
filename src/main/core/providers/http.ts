import ky, { isTimeoutError } from 'ky';
import type { ProviderKind } from '../../../shared/accounts.ts';
import type { FetchLike } from '../ports.ts';
import { PROVIDER_LABEL, ProviderError } from './errors.ts';
import { neverLeft, withWriteProbe } from './request-written.ts';

/**
 * The one HTTP path every provider call takes: ky with the injected fetch, a timeout per call,
 * never an automatic retry (sends are not idempotent; callers decide), and every failure turned into
 * a ProviderError that says whether the request may have reached the provider.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpCall {
  method: HttpMethod;
  /** Path below the base URL, starting with '/'. */
  path: string;
  /** Query string, already encoded (no leading '?'). */
  query?: string;
  /** JSON body; sent with `Content-Type: application/json;charset=utf-8` unless headers say otherwise. */
  json?: unknown;
  /** multipart/form-data body (the boundary header is set by fetch); not with `json`. */
  form?: FormData;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface HttpReply {
  status: number;
  contentType: string;
  text: string;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

export interface TransportOptions {
  provider: ProviderKind;
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
}

export interface Transport {
  readonly host: string;
  call(req: HttpCall): Promise<HttpReply>;
}

/** Error codes of failures where no byte can have reached the server. */
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN',
  'ENETDOWN', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL',
]);
const TLS_CODES = /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_VERIFY/;

/** Collects the `code`s along an error's cause chain (and inside AggregateErrors). */
export function errorCodes(err: unknown, depth = 0): string[] {
  if (depth > 6 || err === null || typeof err !== 'object') return [];
  const out: string[] = [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') out.push(e.code);
  if (Array.isArray(e.errors)) for (const inner of e.errors) out.push(...errorCodes(inner, depth + 1));
  if (e.cause !== undefined) out.push(...errorCodes(e.cause, depth + 1));
  return out;
}

/** The messages along an error's cause chain (fetch reports a blocked port only as "bad port"). */
function causeMessages(err: unknown, depth = 0): string[] {
  if (depth > 6 || err === null || typeof err !== 'object') return [];
  const e = err as { message?: unknown; cause?: unknown };
  return [...(typeof e.message === 'string' ? [e.message] : []), ...causeMessages(e.cause, depth + 1)];
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'the configured address';
  }
}

export function unreadablePhrase(text: string): string {
  const t = text.trim();
  if (t === '') return 'an empty reply';
  if (t.startsWith('<')) return 'an HTML page instead of data';
  if (t.startsWith('{') || t.startsWith('[')) return 'a cut-off or malformed JSON reply';
  return 'text that is not JSON';
}

export function createTransport(opts: TransportOptions): Transport {
  const label = PROVIDER_LABEL[opts.provider];
  const host = hostOf(opts.baseUrl);
  const base = opts.baseUrl.replace(/\/+$/, '');
  const api = ky.create({
    fetch: opts.fetch,
    retry: 0,
    throwHttpErrors: false,
    redirect: 'manual',
  });

  const fail = (code: string, message: string, kind: 'transient' | 'permanent', outcome: 'not-sent' | 'unknown') =>
    new ProviderError(code, message, { kind, outcome, provider: opts.provider });

  /**
   * `written`: false when no byte can have gone out (the fetch itself failed, or the write probe saw
   * none), true once the reply had started. `provablyUnsent`: the probe saw the request made but never
   * written — whatever the error says, the provider cannot have received it, so it is safe to retry.
   */
  const networkFailure = (err: unknown, written: boolean, provablyUnsent = false): ProviderError => {
    const codes = errorCodes(err);
    if (!written && causeMessages(err).includes('bad port')) {
      return fail(
        'PROVIDER_BLOCKED_PORT',
        `The port of ${label} at ${host} is on the list of ports that HTTP clients refuse to use. Move the service to another port (e.g. 80, 8080 or 20003) and update the account.`,
        'permanent',
        'not-sent',
      );
    }
    if (!written && codes.some((c) => NOT_CONNECTED_CODES.has(c))) {
      return fail(
        'PROVIDER_UNREACHABLE',
        `Could not connect to ${label} at ${host}. Check the address, the network and that the service is running, then try again.`,
        'transient',
        'not-sent',
      );
    }
    if (!written && codes.some((c) => TLS_CODES.test(c))) {
      return fail(
        'PROVIDER_TLS',
        `The secure connection to ${label} at ${host} failed (certificate problem). Check the address (http or https) and the system clock.`,
        'permanent',
        'not-sent',
      );
    }
    if (provablyUnsent) {
      return fail(
        'PROVIDER_UNREACHABLE',
        `Could not connect to ${label} at ${host}. Check the address, the network and that the service is running, then try again.`,
        'transient',
        'not-sent',
      );
    }
    return fail(
      'PROVIDER_CONNECTION_LOST',
      `The connection to ${label} at ${host} broke before the reply was complete. The request may have been accepted; check its status before sending again.`,
      'transient',
      'unknown',
    );
  };

  const timeout = (ms: number) =>
    fail(
      'PROVIDER_TIMEOUT',
      `${label} at ${host} did not answer within ${Math.round(ms / 1000)} s. The request may have been accepted; check its status before sending again.`,
      'transient',
      'unknown',
    );

  return {
    host,
    async call(req: HttpCall): Promise<HttpReply> {
      const timeoutMs = req.timeoutMs ?? opts.timeoutMs;
      const started = Date.now();
      const url = `${base}${req.path}${req.query ? `?${req.query}` : ''}`;
      const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
      let body: string | FormData | undefined;
      if (req.form !== undefined) body = req.form;
      else if (req.json !== undefined) {
        body = JSON.stringify(req.json);
        if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
          headers['content-type'] = 'application/json;charset=utf-8';
        }
      }
      let response: Response;
      const init: Parameters<typeof api>[1] = { method: req.method, headers, timeout: timeoutMs };
      if (body !== undefined) init.body = body;
      const { probe, result } = withWriteProbe(() => api(url, init));
      try {
        response = await result;
      } catch (err) {
        // A timeout while still connecting (no byte written) is a request that never left.
        if (isTimeoutError(err)) throw neverLeft(probe) ? networkFailure(err, false, true) : timeout(timeoutMs);
        throw networkFailure(err, false, neverLeft(probe));
      }

      let text: string;
      const remaining = Math.max(1, timeoutMs - (Date.now() - started));
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        text = await Promise.race([
          response.text(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('body timeout')), remaining);
          }),
        ]);
      } catch (err) {
        void response.body?.cancel().catch(() => undefined);
        if (err instanceof Error && err.message === 'body timeout') throw timeout(timeoutMs);
        throw networkFailure(err, true);
      } finally {
        if (timer !== undefined) clearTimeout(timer);
      }

      const contentType = response.headers.get('content-type') ?? '';
      let parsed: unknown;
      if (text.trim() !== '') {
        try {
          parsed = JSON.parse(text);
        } catch {
          const status = response.status;
          const refused = status >= 400 && status < 500;
          throw fail(
            'PROVIDER_BAD_REPLY',
            refused
              ? `${label} at ${host} answered with ${unreadablePhrase(text)} (HTTP ${status}). Check the base URL of the account.`
              : `${label} at ${host} answered with ${unreadablePhrase(text)} (HTTP ${status}). The request may have been accepted; check its status before sending again.`,
            refused ? 'permanent' : 'transient',
            refused ? 'not-sent' : 'unknown',
          );
        }
      }
      return { status: response.status, contentType, text, body: parsed };
    },
  };
}

/** Encodes a query with %20 for spaces (never '+', which some platforms keep literally). */
export function encodeQuery(params: Record<string, string | number | undefined>): string {
  return Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

/** A reply that parsed as JSON but does not have the documented shape. */
export function badShape(provider: ProviderKind, host: string, what: string, outcome: 'not-sent' | 'unknown'): ProviderError {
  return new ProviderError(
    'PROVIDER_BAD_REPLY',
    outcome === 'unknown'
      ? `${PROVIDER_LABEL[provider]} at ${host} answered the ${what} with data the app does not understand. The request may have been accepted; check its status before sending again.`
      : `${PROVIDER_LABEL[provider]} at ${host} answered the ${what} with data the app does not understand. Check the base URL and try again.`,
    { kind: 'transient', outcome, provider },
  );
}

/** A non-2xx reply that carried no provider error envelope. */
export function httpStatusError(provider: ProviderKind, status: number, what: string, mutating: boolean): ProviderError {
  const label = PROVIDER_LABEL[provider];
  if (status === 401 || status === 403) {
    return new ProviderError('PROVIDER_AUTH', `${label} refused the credentials (HTTP ${status}). Check the account name and password.`, {
      kind: 'auth', outcome: 'not-sent', provider, providerCode: status,
    });
  }
  const refused = status < 500;
  return new ProviderError(
    refused ? 'PROVIDER_HTTP_ERROR' : 'PROVIDER_SERVER_ERROR',
    refused
      ? `${label} refused the ${what} (HTTP ${status}). Check the base URL of the account.`
      : mutating
        ? `${label} had a server error on the ${what} (HTTP ${status}). It may still have been accepted; check its status before sending again.`
        : `${label} had a server error on the ${what} (HTTP ${status}). Try again in a few minutes.`,
    { kind: refused ? 'permanent' : 'transient', outcome: refused ? 'not-sent' : 'unknown', provider, providerCode: status },
  );
}
