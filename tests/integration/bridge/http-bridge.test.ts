import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridgeServer, type BridgeServer } from '../../../src/main/core/bridge/http-bridge-server.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
let server: BridgeServer;
let base: string;

beforeAll(async () => {
  tmp = makeTempDir();
  const rendererDir = join(tmp.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'outside');
  tc = makeTestCore(join(tmp.dir, 'data'));
  server = await startBridgeServer({ core: tc.core, rendererDir });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await tc.core.stop();
  tmp.cleanup();
});

const call = (name: string, input: unknown, token = server.token) =>
  fetch(`${base}/api/${name}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ input }) });

/** A raw request so we can send Host headers and paths fetch would normalise. */
function raw(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET', headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('headless bridge', () => {
  it('prints a loopback URL with the token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('runs a contract method with the token and returns the result envelope', async () => {
    const res = await call('accountsCreate', { config: { kind: 'gsmbox', name: 'Box', baseUrl: 'http://10.0.0.9', username: 'admin' }, secrets: { password: 'box-pass-xyz' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; value: Record<string, unknown> };
    expect(body.ok).toBe(true);
    expect(body.value.hasSecret).toEqual({ password: true });
    expect(JSON.stringify(body)).not.toContain('box-pass-xyz');
  });

  it('refuses calls without or with a wrong token', async () => {
    expect((await call('accountsList', null, 'wrong')).status).toBe(401);
    const noAuth = await fetch(`${base}/api/accountsList`, { method: 'POST', body: '{}' });
    expect(noAuth.status).toBe(401);
    expect((await fetch(`${base}/api/events?token=nope`)).status).toBe(401);
  });

  it('returns validation errors as typed errors', async () => {
    const body = (await (await call('accountsCreate', { config: { kind: 'nope' } })).json()) as { ok: boolean; error: { code: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers bad JSON with 400', async () => {
    const res = await fetch(`${base}/api/accountsList`, { method: 'POST', headers: { authorization: `Bearer ${server.token}` }, body: '{not json' });
    expect(res.status).toBe(400);
  });

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    expect((await raw('/', 'evil.example:80')).status).toBe(421);
    expect((await raw('/', `127.0.0.1:${server.port}`)).status).toBe(200);
  });

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await fetch(`${base}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
    const traversal = await raw('/../secret.txt', `127.0.0.1:${server.port}`);
    expect(traversal.body).not.toContain('outside');
    const encoded = await raw('/%2e%2e/secret.txt', `127.0.0.1:${server.port}`);
    expect(encoded.body).not.toContain('outside');
  });

  it('streams core events over SSE', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${base}/api/events?token=${server.token}`, { signal: ctrl.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    await call('settingsUpdate', { theme: 'dark' });
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: settingsChanged');
    expect(text).toContain('"theme":"dark"');
    ctrl.abort();
  });
});

describe('headless bridge, hostile requests', () => {
  let small: BridgeServer;
  beforeAll(async () => {
    small = await startBridgeServer({ core: tc.core, rendererDir: null, maxBodyBytes: 4096 });
  });
  afterAll(() => small.close());

  /** One request on a raw socket: the whole answer as the client sees it (status line, headers, body). */
  function rawExchange(port: number, head: string, body: Buffer | string = ''): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(head);
        socket.write(body);
      });
      let got = '';
      socket.on('data', (c: Buffer) => (got += c.toString('latin1')));
      socket.on('end', () => resolve(got));
      socket.on('error', (err) => reject(new Error(`${(err as NodeJS.ErrnoException).code} after ${JSON.stringify(got.slice(0, 80))}`)));
      socket.setTimeout(10_000, () => reject(new Error('no answer')));
    });
  }
  const post = (port: number, token: string, headers: string) =>
    `POST /api/accountsList HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nConnection: close\r\n${headers}\r\n`;
  const BAD_REQUEST = { ok: false, error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON or is too large.' } };
  const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown;

  it('answers a body over the limit with the 400 JSON, not a reset (fetch)', async () => {
    const res = await fetch(`http://127.0.0.1:${small.port}/api/accountsList`, {
      method: 'POST',
      headers: { authorization: `Bearer ${small.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ input: null, pad: 'x'.repeat(256 * 1024) }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(BAD_REQUEST);
  });

  it('answers an over-limit body declared by Content-Length, and one sent chunked, with the 400 JSON', async () => {
    const big = Buffer.alloc(1024 * 1024, 0x20);
    const declared = await rawExchange(small.port, post(small.port, small.token, `Content-Length: ${big.length}\r\n`), big);
    expect(declared).toMatch(/^HTTP\/1\.1 400 /);
    expect(bodyOf(declared)).toEqual(BAD_REQUEST);
    const chunk = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
    const chunked = await rawExchange(small.port, post(small.port, small.token, 'Transfer-Encoding: chunked\r\n'), Buffer.concat([chunk(big.subarray(0, 3000)), chunk(big.subarray(0, 3000)), chunk(big), Buffer.from('0\r\n\r\n')]));
    expect(chunked).toMatch(/^HTTP\/1\.1 400 /);
    expect(bodyOf(chunked)).toEqual(BAD_REQUEST);
    // The bridge still works afterwards.
    expect((await fetch(`http://127.0.0.1:${small.port}/api/accountsList`, { method: 'POST', headers: { authorization: `Bearer ${small.token}` }, body: '{}' })).status).toBe(200);
  });

  it('answers malformed request targets with 400, not 500', async () => {
    for (const target of ['//[', 'http://[::1/api/accountsList', '//a:b@[x/', '/api/%']) {
      const answer = await rawExchange(small.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${small.port}\r\nConnection: close\r\n\r\n`);
      expect(answer, target).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(answer, target).not.toMatch(/^HTTP\/1\.1 5/);
    }
    const answer = await rawExchange(small.port, `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${small.port}\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(bodyOf(answer)).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: 'The request target is not a valid path.' } });
  });
});
