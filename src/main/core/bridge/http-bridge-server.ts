import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../create-core.ts';
import { readStaticFile } from './static-files.ts';

/**
 * The headless bridge: serves the built renderer and the contract over HTTP on loopback so the real
 * app runs in a browser without Electron. One POST per method (`/api/<name>`, `Authorization: Bearer`),
 * Server-Sent Events at `/api/events?token=`. Every API request must carry the random token; the Host
 * header must be the loopback address we listen on (defeats DNS rebinding).
 */
export interface BridgeServerOptions {
  core: Core;
  rendererDir: string | null;
  port?: number;
  token?: string;
  /** Largest accepted request body (bytes). */
  maxBodyBytes?: number;
}

export interface BridgeServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function tokenMatches(expected: Buffer, given: string | null | undefined): boolean {
  if (!given) return false;
  const g = Buffer.from(given);
  return g.length === expected.length && timingSafeEqual(g, expected);
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CSP,
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

/**
 * The body, or null when it is over `limit`. Past the limit the rest is still read (and dropped) so the
 * 400 goes out after the whole request: answering and closing while the client still sends makes its
 * kernel reset the connection, and the client never sees the answer.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(req.headers['content-length'] ?? 0) > limit;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
      } else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const badRequest = (message: string) => JSON.stringify({ ok: false, error: { code: 'BAD_REQUEST', message } });
const BAD_BODY = 'The request body is not valid JSON or is too large.';

/** The request target as a URL, or null when it is not one (`//[`, `http://[::1`…): a 400, never a 500. */
function parseTarget(target: string | undefined, host: string): URL | null {
  try {
    return new URL(target ?? '/', `http://${host}`);
  } catch {
    return null;
  }
}

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(token);
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  const unsubscribe = options.core.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sseClients) res.write(frame);
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, JSON.stringify({ error: 'wrong host' }));
    const url = parseTarget(req.url, host);
    if (!url) return send(res, 400, badRequest('The request target is not a valid path.'));

    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!tokenMatches(expected, url.searchParams.get('token'))) return send(res, 401, JSON.stringify({ error: 'token' }));
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'POST only' }));
      const auth = req.headers.authorization ?? '';
      if (!tokenMatches(expected, auth.startsWith('Bearer ') ? auth.slice(7) : null)) return send(res, 401, JSON.stringify({ error: 'token' }));
      let input: unknown;
      try {
        const body = await readBody(req, maxBody);
        if (body === null) return send(res, 400, badRequest(BAD_BODY));
        input = body.length === 0 ? undefined : (JSON.parse(body.toString('utf8')) as { input?: unknown }).input;
      } catch {
        return send(res, 400, badRequest(BAD_BODY));
      }
      const result = await options.core.invoke(url.pathname.slice(5), input);
      return send(res, 200, JSON.stringify(result));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, JSON.stringify({ error: 'method' }));
    if (!options.rendererDir) return send(res, 404, 'The renderer is not built. Run `npm run build`.', 'text/plain; charset=utf-8');
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    return send(res, 200, file.body, file.type);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: 'internal' }));
      else res.end();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const res of sseClients) res.end();
      sseClients.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
