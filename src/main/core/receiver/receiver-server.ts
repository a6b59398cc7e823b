import http from 'node:http';
import net, { type Socket } from 'node:net';
import type { PushSource } from '../../../shared/monitoring.ts';
import type { FileOffers } from './file-offers.ts';
import { createConnectionGuard } from './connection-guard.ts';
import { tokenMatches } from './push-token.ts';
import { createRateLimiter } from './rate-limit.ts';

/**
 * The receiver's HTTP server (node:http): `/push/<token>/<eims|box|jsms>/<accountId>` for pushes and
 * `/files/<id>/<name>` for offered files. Refuses without the token (401), unknown paths (404), big
 * bodies (413), slow clients (408), busy sources (429), connections past the per-address or total cap
 * (503, connection-guard.ts), and never lets a request crash it. Headers must arrive within 3 s and a
 * connection with no request in flight closes after 5 s without a byte, so slow or silent connections
 * cannot hold the receiver.
 * GSM boxes may put raw UTF-8 bytes in the request line, which node's parser rejects: such requests
 * arrive through `clientError` with their raw bytes and are handled there.
 */

export interface PushRequest {
  source: PushSource;
  accountId: string;
  method: string;
  /** The request target as received: text, or raw bytes when the parser refused the line. */
  target: string | Uint8Array;
  body: Buffer;
  contentType: string;
  remote: string;
}

export interface PushReply {
  status: number;
  body?: string;
  contentType?: string;
}

export interface ReceiverLimits {
  maxBodyBytes: number;
  /** Whole request (headers + body) must arrive within this. */
  requestTimeoutMs: number;
  /** The request line and headers must arrive within this (Node checks every 500 ms). */
  headersTimeoutMs: number;
  /** A connection with no request in flight closes after this long without a byte either way. */
  idleTimeoutMs: number;
  perSecond: number;
  burst: number;
  /** Connections held at once, in all. */
  maxConnections: number;
  /** Connections held at once from one address (an IPv6 /64 counts as one). */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_LIMITS: ReceiverLimits = {
  maxBodyBytes: 64 * 1024,
  requestTimeoutMs: 15_000,
  headersTimeoutMs: 3_000,
  idleTimeoutMs: 5_000,
  perSecond: 100,
  burst: 1000,
  maxConnections: 512,
  maxConnectionsPerAddress: 16,
};

export interface ReceiverServerOptions {
  host: string;
  port: number;
  token: () => string;
  files: FileOffers;
  onPush(req: PushRequest): Promise<PushReply> | PushReply;
  limits?: Partial<ReceiverLimits>;
  /** Told about each refusal (status) and acceptance; for counters only. */
  onOutcome?(accepted: boolean, status: number): void;
  onError?(err: unknown): void;
}

const SOURCES: readonly PushSource[] = ['eims', 'box', 'jsms'];
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const TEXT: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

type Route =
  | { kind: 'push'; source: PushSource; accountId: string }
  | { kind: 'file'; id: string }
  | { kind: 'refuse'; status: number };

/** Reads a path (no query) into a route. */
export function routeOf(path: string, token: string): Route {
  const parts = path.split('/');
  if (parts[0] !== '' ) return { kind: 'refuse', status: 404 };
  if (parts[1] === 'files' && parts.length >= 3 && /^[A-Za-z0-9_-]{16,64}$/.test(parts[2]!)) return { kind: 'file', id: parts[2]! };
  if (parts[1] !== 'push' || parts.length !== 5) return { kind: 'refuse', status: 404 };
  const [, , candidate, source, accountId] = parts as [string, string, string, string, string];
  if (candidate.length === 0 || candidate.length > 128 || !tokenMatches(candidate, token)) return { kind: 'refuse', status: 401 };
  if (!SOURCES.includes(source as PushSource) || !ACCOUNT_ID.test(accountId)) return { kind: 'refuse', status: 404 };
  return { kind: 'push', source: source as PushSource, accountId };
}

function pathOfTarget(target: string): string {
  const q = target.indexOf('?');
  return q >= 0 ? target.slice(0, q) : target;
}

export function createReceiverServer(opts: ReceiverServerOptions) {
  const limits: ReceiverLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const limiter = createRateLimiter({ perSecond: limits.perSecond, burst: limits.burst });
  const outcome = (accepted: boolean, status: number) => opts.onOutcome?.(accepted, status);
  const guard = createConnectionGuard({ perSource: limits.maxConnectionsPerAddress, total: limits.maxConnections }, () => outcome(false, 503));
  const server = http.createServer({
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    keepAliveTimeout: limits.idleTimeoutMs,
    connectionsCheckingInterval: 500,
    maxHeaderSize: 16 * 1024,
  });
  // Idle sockets: Node's inactivity timer (kept-alive ones after an answer too), except while a request
  // is in flight (a push may wait on the store).
  server.timeout = limits.idleTimeoutMs;
  server.on('timeout', (socket: Socket) => {
    if (!guard.isBusy(socket)) socket.destroy();
  });
  // Connections are accepted here and handed to the HTTP server only when the guard admits them, so a
  // refused one never reaches the HTTP parser. The HTTP server itself never listens: its 'listening'
  // event is what starts Node's header/request timeout checks, so it is emitted when this one listens.
  const front = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    if (guard.admit(socket)) server.emit('connection', socket);
  });

  function finish(res: http.ServerResponse, reply: PushReply, close = false) {
    if (res.headersSent || res.destroyed) return;
    const body = reply.body ?? (reply.status === 200 ? 'OK' : (TEXT[reply.status] ?? 'Error'));
    res.writeHead(reply.status, {
      'content-type': reply.contentType ?? 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      ...(close ? { connection: 'close' } : {}),
    });
    res.end(body);
  }

  function refuse(res: http.ServerResponse, status: number, extra: Record<string, string> = {}) {
    outcome(false, status);
    if (res.headersSent || res.destroyed) return;
    const body = TEXT[status] ?? 'Error';
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close', ...extra });
    res.end(body);
  }

  function readBody(req: http.IncomingMessage): Promise<Buffer | number> {
    return new Promise((resolve) => {
      const declared = Number(req.headers['content-length'] ?? '0');
      if (Number.isFinite(declared) && declared > limits.maxBodyBytes) return resolve(413);
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const end = (v: Buffer | number) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(v);
      };
      const timer = setTimeout(() => end(408), limits.requestTimeoutMs);
      req.on('data', (c: Buffer) => {
        if (done) return;
        size += c.length;
        if (size > limits.maxBodyBytes) end(413);
        else chunks.push(c);
      });
      req.on('end', () => end(Buffer.concat(chunks)));
      req.on('error', () => end(400));
      req.on('close', () => end(400));
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const remote = req.socket.remoteAddress ?? 'unknown';
    if (!limiter.take(remote)) return refuse(res, 429, { 'retry-after': '1' });
    const target = req.url ?? '/';
    const route = routeOf(pathOfTarget(target), opts.token());
    if (route.kind === 'refuse') return refuse(res, route.status);
    if (route.kind === 'file') {
      const f = req.method === 'GET' || req.method === 'HEAD' ? opts.files.get(route.id) : undefined;
      if (!f) return refuse(res, req.method === 'GET' || req.method === 'HEAD' ? 404 : 405);
      outcome(true, 200);
      res.writeHead(200, {
        'content-type': f.contentType,
        'content-length': f.bytes.byteLength,
        'content-disposition': `attachment; filename="${f.fileName.replace(/[^\w.-]/g, '_')}"`,
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : f.bytes);
      return;
    }
    const allowed = route.source === 'box' ? ['GET'] : route.source === 'eims' ? ['PUT', 'POST'] : ['GET', 'POST'];
    if (!allowed.includes(req.method ?? '')) return refuse(res, 405);
    const body = await readBody(req);
    if (typeof body === 'number') return refuse(res, body);
    const reply = await opts.onPush({
      source: route.source,
      accountId: route.accountId,
      method: req.method ?? 'GET',
      target,
      body,
      contentType: String(req.headers['content-type'] ?? ''),
      remote,
    });
    outcome(reply.status < 400, reply.status);
    finish(res, reply);
  }

  server.on('request', (req, res) => {
    res.on('error', () => undefined);
    req.on('error', () => undefined);
    if (guard.wasRefused(req.socket)) return void req.resume();
    guard.setBusy(req.socket, true);
    res.once('close', () => guard.setBusy(req.socket, false));
    handle(req, res).catch((err: unknown) => {
      opts.onError?.(err);
      refuse(res, 500);
    });
  });

  /** A request node's parser refused: maybe a box push with raw UTF-8 in its line; else a 4xx. */
  async function rawRequest(raw: Buffer, socket: Socket): Promise<number> {
    const lineEnd = raw.indexOf('\r\n');
    const line = raw.subarray(0, lineEnd >= 0 ? lineEnd : Math.min(raw.length, 16 * 1024));
    const m = /^GET (\/push\/[^/ ?]+\/box\/[^/ ?]+)\?/.exec(line.toString('latin1'));
    if (!m || !/ HTTP\/1\.[01]$/.test(line.toString('latin1'))) return 400;
    if (!limiter.take(socket.remoteAddress ?? 'unknown')) return 429;
    const route = routeOf(m[1]!, opts.token());
    if (route.kind !== 'push') return route.kind === 'refuse' ? route.status : 404;
    const reply = await opts.onPush({
      source: 'box',
      accountId: route.accountId,
      method: 'GET',
      target: new Uint8Array(line),
      body: Buffer.alloc(0),
      contentType: '',
      remote: socket.remoteAddress ?? 'unknown',
    });
    return reply.status;
  }

  server.on('clientError', (err: Error & { code?: string; rawPacket?: Buffer }, socket: Socket) => {
    socket.on('error', () => undefined);
    if (guard.wasRefused(socket)) return;
    const reply = (status: number) => {
      outcome(status < 400, status);
      if (!socket.writable || socket.destroyed) return socket.destroy();
      const body = TEXT[status] ?? 'Error';
      socket.end(`HTTP/1.1 ${status} ${body}\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    };
    const code = err.code ?? '';
    if (code === 'ECONNRESET' || code === 'EPIPE') return socket.destroy();
    if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT') return reply(408);
    if (code === 'HPE_HEADER_OVERFLOW') return reply(431);
    if (code === 'HPE_INVALID_URL' && err.rawPacket && err.rawPacket.length > 0) {
      rawRequest(err.rawPacket, socket).then(reply, (e: unknown) => {
        opts.onError?.(e);
        reply(500);
      });
      return;
    }
    reply(400);
  });

  return {
    /** The listening socket server (the HTTP server behind it takes only admitted connections). */
    server: front,
    /** Connections held right now (admitted, not yet closed). */
    connections: () => guard.held(),
    /** Binds; rejects with the system error (e.g. EADDRINUSE). */
    listen(): Promise<number> {
      return new Promise((resolve, reject) => {
        const onError = (err: Error) => {
          front.off('listening', onListening);
          reject(err);
        };
        const onListening = () => {
          front.off('error', onError);
          front.on('error', (e) => opts.onError?.(e));
          server.emit('listening');
          const a = front.address();
          resolve(typeof a === 'object' && a ? a.port : opts.port);
        };
        front.once('error', onError);
        front.once('listening', onListening);
        front.listen(opts.port, opts.host);
      });
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        if (!front.listening) return resolve();
        front.close(() => resolve());
        server.close(); // stops the timeout checks; it never listened, so its callback would only report that
        server.closeAllConnections();
        guard.closeRefused();
      });
    },
  };
}

export type ReceiverServer = ReturnType<typeof createReceiverServer>;
