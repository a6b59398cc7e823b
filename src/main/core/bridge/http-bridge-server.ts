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
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CSP,
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
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
    const url = new URL(req.url ?? '/', `http://${host}`);

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
        input = body.length === 0 ? undefined : (JSON.parse(body.toString('utf8')) as { input?: unknown }).input;
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON or is too large.' } }));
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
