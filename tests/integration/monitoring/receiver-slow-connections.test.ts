/**
 * The receiver under a slow-connection attack: 1,000 connections that never send a byte, from 40
 * loopback addresses (Linux routes all of 127.0.0.0/8 to lo, so each client socket binds its own
 * 127.0.0.x), each opened again as soon as it is closed — while a provider pushes reports from
 * 127.0.0.1. With the default limits, every push gets through and is parsed; every attacker connection
 * gets an HTTP answer (503 at once past a cap, 408 when its headers do not come within ~3 s), none is
 * dropped in silence; and the receiver never holds more connections than its cap.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountConfig } from '../../../src/shared/accounts.ts';
import { handlePush } from '../../../src/main/core/monitoring/push-intake.ts';
import { createFileOffers } from '../../../src/main/core/receiver/file-offers.ts';
import { createReceiverServer, DEFAULT_LIMITS, type ReceiverServer } from '../../../src/main/core/receiver/receiver-server.ts';

const TOKEN = 'T0ken_abcdefghijklmnopqrstuvwxyz012345';
const eims: AccountConfig & { id: string } = { id: 'eims1', kind: 'eims', name: 'E', baseUrl: 'http://x', account: 'a', sender: undefined, encrypted: false };
const ATTACKERS = 1000;
const ADDRESSES = 40;
const HOLD_MS = 8_000;

let server: ReceiverServer;
let port: number;
let reports = 0;

beforeAll(async () => {
  server = createReceiverServer({
    host: '127.0.0.1',
    port: 0,
    token: () => TOKEN,
    files: createFileOffers(Date.now),
    onPush: (req) =>
      handlePush(req, { account: (id) => (id === eims.id ? eims : undefined), secret: () => undefined, now: Date.now, reports: (r) => void (reports += r.length), inbound: () => undefined }),
  });
  port = await server.listen();
});
afterAll(() => server.close());

interface Ended {
  status: number | 'silent';
  ms: number;
}

/** A connection from `localAddress` that sends nothing: how the receiver ended it, and when. */
function silentConnection(localAddress: string, stop: AbortSignal): Promise<Ended | null> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ host: '127.0.0.1', port, localAddress });
    let got = '';
    const finish = (ended: Ended | null) => {
      stop.removeEventListener('abort', onStop);
      socket.destroy();
      resolve(ended);
    };
    const onStop = () => finish(null);
    stop.addEventListener('abort', onStop);
    socket.on('data', (c: Buffer) => (got += c.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const m = /^HTTP\/1\.1 (\d{3}) /.exec(got);
      finish({ status: m ? Number(m[1]) : 'silent', ms: performance.now() - started });
    });
  });
}

/** One EIMS report push from 127.0.0.1 on a fresh connection: the status. */
function push(i: number): Promise<number> {
  const body = JSON.stringify({ type: 'report', cnt: 1, array: [[i, '8613800000000', '20260101120000', 0, 'success']] });
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, localAddress: '127.0.0.1', agent: false, method: 'PUT', path: `/push/${TOKEN}/eims/eims1`, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.setTimeout(5_000, () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('receiver under 1,000 slow connections from 40 addresses', () => {
  it('keeps taking pushes from another address, answers every attacker connection, holds at most its cap', async () => {
    const stop = new AbortController();
    const ended: Ended[] = [];
    const attackers = Array.from({ length: ATTACKERS }, async (_, i) => {
      const address = `127.0.0.${2 + (i % ADDRESSES)}`;
      while (!stop.signal.aborted) {
        const e = await silentConnection(address, stop.signal);
        if (!e) break;
        ended.push(e);
        if (e.status === 503) await sleep(1_000); // refused: try again a little later, as a real attacker would
      }
    });
    let mostHeld = 0;
    const sampler = setInterval(() => (mostHeld = Math.max(mostHeld, server.connections())), 50);

    await sleep(500); // the attack is in place
    const statuses: number[] = [];
    const t0 = performance.now();
    for (let i = 1; performance.now() - t0 < HOLD_MS; i++) {
      statuses.push(await push(i));
      await sleep(200);
    }
    stop.abort();
    await Promise.all(attackers);
    clearInterval(sampler);

    const count = (s: Ended['status']) => ended.filter((e) => e.status === s).length;
    const timeouts = ended.filter((e) => e.status === 408).map((e) => e.ms);
    console.log(
      `pushes ${statuses.length} (${statuses.filter((s) => s === 200).length} ok); attacker connections ended by the receiver: ${ended.length} ` +
        `(503: ${count(503)}, 408: ${count(408)} after ${Math.min(...timeouts).toFixed(0)}–${Math.max(...timeouts).toFixed(0)} ms, silent: ${count('silent')}); most held ${mostHeld}`,
    );

    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(statuses.length).toBeGreaterThanOrEqual(10);
    expect(reports).toBe(statuses.length);
    expect(count('silent')).toBe(0);
    expect(ended.every((e) => e.status === 503 || e.status === 408)).toBe(true);
    expect(count(503)).toBeGreaterThanOrEqual(ATTACKERS - ADDRESSES * DEFAULT_LIMITS.maxConnectionsPerAddress);
    // Headers are given about 3 s (Node checks every 500 ms), no longer the 10 s that let 256 sockets lock the receiver.
    expect(timeouts.length).toBeGreaterThan(0);
    expect(Math.min(...timeouts)).toBeGreaterThanOrEqual(DEFAULT_LIMITS.headersTimeoutMs - 100);
    expect(Math.max(...timeouts)).toBeLessThan(8_000);
    expect(mostHeld).toBeLessThanOrEqual(DEFAULT_LIMITS.maxConnections);
    expect(mostHeld).toBeGreaterThan(DEFAULT_LIMITS.maxConnections / 2);
  }, 60_000);
});

describe('receiver idle timeout', () => {
  it('closes a connection that sits idle after its answer, but never one whose push is still being handled', async () => {
    const slow = createReceiverServer({
      host: '127.0.0.1',
      port: 0,
      token: () => TOKEN,
      files: createFileOffers(Date.now),
      limits: { idleTimeoutMs: 300 },
      onPush: async () => {
        await sleep(900); // the store is busy: three idle periods pass with no byte on the socket
        return { status: 200 };
      },
    });
    const p = await slow.listen();
    try {
      const socket = net.connect({ host: '127.0.0.1', port: p });
      let got = '';
      socket.on('data', (c: Buffer) => (got += c.toString('latin1')));
      const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now())));
      await new Promise((r) => socket.once('connect', r));
      socket.write(`GET /push/${TOKEN}/box/box1?phonenumber=1 HTTP/1.1\r\nHost: x\r\n\r\n`);
      const sent = performance.now();
      const closedAt = await closed;
      expect(got).toMatch(/^HTTP\/1\.1 200 /);
      // Answered after ~900 ms, then closed once idle (keep-alive did not hold it open for 5 s).
      expect(closedAt - sent).toBeGreaterThan(900);
      expect(closedAt - sent).toBeLessThan(4_000);
    } finally {
      await slow.close();
    }
  });
});
