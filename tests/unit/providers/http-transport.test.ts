import net, { type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/main/core/providers/errors.ts';
import { createTransport, unreadablePhrase, encodeQuery, errorCodes } from '../../../src/main/core/providers/http.ts';

const transport = (fetchImpl: typeof fetch, timeoutMs = 200) => createTransport({ provider: 'eims', baseUrl: 'http://10.1.2.3:20003/', fetch: fetchImpl, timeoutMs });
const fail = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error('expected failure');
};
const netError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });

describe('HTTP transport', () => {
  it('sends JSON with the documented content type and reads JSON back', async () => {
    let seen: Request | undefined;
    const t = transport(async (input, init) => {
      seen = new Request(input, init);
      return new Response('{"status":0}', { status: 200 });
    });
    const r = await t.call({ method: 'POST', path: '/sendsms', json: { a: '你好' } });
    expect(r.body).toEqual({ status: 0 });
    expect(seen?.url).toBe('http://10.1.2.3:20003/sendsms');
    expect(seen?.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(await seen?.text()).toBe('{"a":"你好"}');
  });

  it('empty bodies read as undefined', async () => {
    const r = await transport(async () => new Response(null, { status: 200 })).call({ method: 'DELETE', path: '/x' });
    expect(r.body).toBeUndefined();
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])('%s → PROVIDER_UNREACHABLE, not-sent', async (code) => {
    const e = await fail(transport(async () => Promise.reject(netError(code))).call({ method: 'GET', path: '/x' }));
    expect(e).toMatchObject({ code: 'PROVIDER_UNREACHABLE', outcome: 'not-sent', kind: 'transient' });
    expect(e.message).toContain('10.1.2.3:20003');
  });

  it('refusals inside an AggregateError (IPv4 + IPv6) are still "not sent"', async () => {
    const agg = Object.assign(new TypeError('fetch failed'), { cause: new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })]) });
    expect((await fail(transport(async () => Promise.reject(agg)).call({ method: 'GET', path: '/x' }))).code).toBe('PROVIDER_UNREACHABLE');
  });

  it('certificate problems → PROVIDER_TLS, not-sent', async () => {
    const e = await fail(transport(async () => Promise.reject(netError('CERT_HAS_EXPIRED'))).call({ method: 'GET', path: '/x' }));
    expect(e).toMatchObject({ code: 'PROVIDER_TLS', outcome: 'not-sent' });
  });

  it('an unrecognised network failure is treated as unknown (never assumed unsent)', async () => {
    const e = await fail(transport(async () => Promise.reject(netError('UND_ERR_SOCKET'))).call({ method: 'POST', path: '/x', json: {} }));
    expect(e).toMatchObject({ code: 'PROVIDER_CONNECTION_LOST', outcome: 'unknown' });
    const e2 = await fail(transport(async () => Promise.reject(new Error('weird'))).call({ method: 'POST', path: '/x', json: {} }));
    expect(e2.outcome).toBe('unknown');
  });

  it('a body that stalls past the timeout → PROVIDER_TIMEOUT', async () => {
    const stalled = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('{"sta')); } });
    const e = await fail(transport(async () => new Response(stalled, { status: 200 }), 150).call({ method: 'GET', path: '/x' }));
    expect(e).toMatchObject({ code: 'PROVIDER_TIMEOUT', outcome: 'unknown' });
  });

  it('no reply at all → PROVIDER_TIMEOUT', async () => {
    const e = await fail(
      transport((_i, init) => new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))), 100).call({ method: 'GET', path: '/x' }),
    );
    expect(e.code).toBe('PROVIDER_TIMEOUT');
  });

  it('with Node\'s fetch, a request that was written and then got no answer stays unknown (a fake fetch above publishes nothing: unknown too)', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => void sockets.push(socket.on('data', () => undefined))); // reads the request, never answers
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const t = createTransport({ provider: 'eims', baseUrl: `http://127.0.0.1:${port}`, fetch: globalThis.fetch.bind(globalThis), timeoutMs: 300 });
      const e = await fail(t.call({ method: 'POST', path: '/sendsms', json: { numbers: '1' } }));
      expect(e).toMatchObject({ code: 'PROVIDER_TIMEOUT', outcome: 'unknown' });
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });

  it('unreadable bodies: 4xx pages are not-sent, 2xx/5xx unknown', async () => {
    const html = (status: number) => transport(async () => new Response('<html>x</html>', { status }));
    expect(await fail(html(404).call({ method: 'GET', path: '/x' }))).toMatchObject({ code: 'PROVIDER_BAD_REPLY', outcome: 'not-sent', kind: 'permanent' });
    expect(await fail(html(502).call({ method: 'GET', path: '/x' }))).toMatchObject({ code: 'PROVIDER_BAD_REPLY', outcome: 'unknown' });
    expect(await fail(html(200).call({ method: 'GET', path: '/x' }))).toMatchObject({ outcome: 'unknown' });
  });

  it('describes unreadable replies in plain words', () => {
    expect(unreadablePhrase('')).toBe('an empty reply');
    expect(unreadablePhrase(' <!doctype html>')).toBe('an HTML page instead of data');
    expect(unreadablePhrase('{"a":')).toBe('a cut-off or malformed JSON reply');
    expect(unreadablePhrase('OK')).toBe('text that is not JSON');
  });

  it('encodes queries with %20 (never +), skipping undefined', () => {
    expect(encodeQuery({ a: 'x y+z', b: undefined, c: 3, d: '你' })).toBe('a=x%20y%2Bz&c=3&d=%E4%BD%A0');
  });

  it('collects error codes along causes', () => {
    expect(errorCodes(netError('ECONNRESET'))).toEqual(['ECONNRESET']);
    expect(errorCodes(null)).toEqual([]);
  });
});
