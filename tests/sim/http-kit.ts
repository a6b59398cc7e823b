import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AFTER_FAULTS, type Faults } from './faults.ts';

/** The HTTP plumbing shared by the simulators: listen on loopback, read bodies, reply, apply faults. */

export interface SimReply {
  status: number;
  /** Object → JSON; string → sent as is; undefined → empty body. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Raw query string exactly as received (no leading '?'). */
  rawQuery: string;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body's bytes (multipart pictures are not text). */
  raw: Buffer;
}

export interface ListeningSim {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ListenOptions {
  port?: number;
  host?: string;
  faults: Faults;
  /** Body used for the `error500` fault (provider's own server-error shape). */
  serverErrorBody: () => unknown;
  maxBodyBytes?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function serialise(reply: SimReply): { body: string; type: string } {
  if (reply.body === undefined) return { body: '', type: 'application/json' };
  if (typeof reply.body === 'string') return { body: reply.body, type: reply.headers?.['content-type'] ?? 'text/plain; charset=utf-8' };
  return { body: JSON.stringify(reply.body), type: 'application/json;charset=utf-8' };
}

function write(res: http.ServerResponse, reply: SimReply): void {
  const { body, type } = serialise(reply);
  res.writeHead(reply.status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...reply.headers });
  res.end(body);
}

const HTML_502 = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

/** Starts an HTTP server whose every request passes through latency and fault injection. */
export async function listen(handle: (req: SimRequest) => SimReply | Promise<SimReply>, opts: ListenOptions): Promise<ListeningSim> {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://sim.local');
      const rawUrl = req.url ?? '/';
      const qi = rawUrl.indexOf('?');
      const raw = await readBody(req, opts.maxBodyBytes ?? 20 * 1024 * 1024);
      const text = raw.toString('utf8');
      const delay = opts.faults.latency();
      if (delay > 0) await sleep(delay);
      const fault = opts.faults.next();
      if (fault === 'drop') return void req.socket.destroy();
      if (fault === 'hang') return;
      if (fault === 'error500') return write(res, { status: 500, body: opts.serverErrorBody() });
      if (fault === 'html') return write(res, { status: 502, body: HTML_502, headers: { 'content-type': 'text/html' } });
      const reply = await handle({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        rawQuery: qi >= 0 ? rawUrl.slice(qi + 1) : '',
        headers: req.headers,
        text,
        raw,
      });
      if (fault && AFTER_FAULTS.has(fault)) {
        if (fault === 'hang-after') return;
        if (fault === 'drop-after') return void req.socket.destroy();
        const { body, type } = serialise(reply);
        res.writeHead(reply.status, { 'content-type': type }); // chunked: ends cleanly, content cut
        res.end(body.slice(0, Math.max(1, Math.floor(body.length / 2))));
        return;
      }
      write(res, reply);
    } catch (err) {
      if (!res.headersSent) write(res, { status: 500, body: `simulator error: ${String(err)}`, headers: { 'content-type': 'text/plain' } });
      else res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Parses a JSON body; undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What every simulator records about each message it accepted (to count duplicates and losses). */
export interface SimRecord {
  number: string;
  content: string;
  providerId: string;
  /** Epoch ms when accepted. */
  at: number;
  /** Which call accepted it, e.g. "sendsms-get", "messages/batch", "sms/send". */
  via: string;
}

/** Counts records per number: a number with more than one record was sent more than once. */
export function countByNumber(records: readonly SimRecord[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of records) m.set(r.number, (m.get(r.number) ?? 0) + 1);
  return m;
}
