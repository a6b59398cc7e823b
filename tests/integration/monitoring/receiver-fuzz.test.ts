/**
 * 10,000 hostile requests at the receiver: bad tokens, garbage bytes, oversized and slow bodies, odd
 * encodings, header floods. Zero crashes, zero requests accepted without the token, memory bounded —
 * and the receiver still answers a good push afterwards.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forceGc } from '../../helpers/force-gc.ts';
import type { AccountConfig } from '../../../src/shared/accounts.ts';
import { handlePush } from '../../../src/main/core/monitoring/push-intake.ts';
import { createFileOffers } from '../../../src/main/core/receiver/file-offers.ts';
import { createReceiverServer, type PushRequest, type ReceiverServer } from '../../../src/main/core/receiver/receiver-server.ts';

const TOKEN = 'T0ken_abcdefghijklmnopqrstuvwxyz012345';
const accounts: Record<string, AccountConfig & { id: string }> = {
  eims1: { id: 'eims1', kind: 'eims', name: 'E', baseUrl: 'http://x', account: 'a', sender: undefined, encrypted: false },
  box1: { id: 'box1', kind: 'gsmbox', name: 'B', baseUrl: 'http://x', username: 'u', secondsPerSms: 6, dailyCapPerSim: 0, portRestMinutes: 30 },
  jsms1: { id: 'jsms1', kind: 'jsms', name: 'J', baseUrl: 'http://x', appKey: 'k', devKey: undefined, pullReports: false },
};

let server: ReceiverServer;
let port: number;
const pushed: PushRequest[] = [];
let reports = 0;
let inbound = 0;
const errors: unknown[] = [];

function rand(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Sends raw bytes, returns the status line's code (or 'closed'). Optionally stalls (slow body). */
function raw(bytes: Buffer | string, opts: { stallMs?: number; timeoutMs?: number } = {}): Promise<number | 'closed'> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(Buffer.concat(chunks).toString('latin1'));
      resolve(m ? Number(m[1]) : 'closed');
    };
    socket.setTimeout(opts.timeoutMs ?? 5000, done);
    socket.on('connect', () => {
      socket.write(bytes);
      if (opts.stallMs === undefined) socket.end();
    });
    socket.on('data', (c) => {
      chunks.push(c);
      if (/\r\n\r\n/.test(Buffer.concat(chunks).toString('latin1'))) setTimeout(done, 5);
    });
    socket.on('error', done);
    socket.on('close', done);
  });
}

beforeAll(async () => {
  server = createReceiverServer({
    host: '127.0.0.1',
    port: 0,
    token: () => TOKEN,
    files: createFileOffers(Date.now),
    limits: { requestTimeoutMs: 800, headersTimeoutMs: 600, perSecond: 1e6, burst: 1e6, maxBodyBytes: 64 * 1024, maxConnections: 512, maxConnectionsPerAddress: 512 },
    onPush: (req) => {
      pushed.push(req);
      return handlePush(req, {
        account: (id) => accounts[id],
        secret: () => 'master-secret',
        now: Date.now,
        reports: (r) => void (reports += r.length),
        inbound: (i) => void (inbound += i.length),
      });
    },
    onError: (e) => errors.push(e),
  });
  port = await server.listen();
});
afterAll(async () => {
  await server.close();
});

function hostile(r: () => number, i: number): { bytes: Buffer | string; withToken: boolean; stallMs?: number } {
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const randomToken = () => pick([TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), '', 'a'.repeat(200), Math.random().toString(36).slice(2), `${TOKEN.slice(0, 10)}%00`]);
  const junk = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
  switch (i % 12) {
    case 0:
      return { bytes: `PUT /push/${randomToken()}/eims/eims1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}`, withToken: false };
    case 1:
      return { bytes: `GET /push/${randomToken()}/box/box1?phonenumber=1&port=1&message=hi HTTP/1.1\r\nHost: x\r\n\r\n`, withToken: false };
    case 2:
      return { bytes: junk(1 + Math.floor(r() * 2000)), withToken: false };
    case 3:
      return { bytes: Buffer.concat([Buffer.from(`GET /push/${randomToken()}/box/box1?message=`), Buffer.from('短信内容 ☃ \u0000\xff', 'utf8'), Buffer.from(' HTTP/1.1\r\n\r\n')]), withToken: false };
    case 4:
      return { bytes: `PUT /push/${TOKEN}/eims/eims1 HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n`, withToken: true };
    case 5:
      return { bytes: `PUT /push/${TOKEN}/eims/eims1 HTTP/1.1\r\nHost: x\r\nContent-Length: ${70 * 1024}\r\n\r\n${'['.repeat(70 * 1024)}`, withToken: true };
    case 6:
      return { bytes: `PUT /push/${TOKEN}/eims/eims1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${30 + (i % 7)}\r\n\r\n${junk(30 + (i % 7)).toString('latin1')}`, withToken: true };
    case 7:
      return {
        bytes: `PUT /push/${TOKEN}/eims/eims1 HTTP/1.1\r\nHost: x\r\nContent-Length: 80\r\n\r\n{"type":"report","cnt":1,"array":[[1,"x",null,{"a":1}],["", "", "", ""],"zz",[[[]]]]}`.slice(0, 200),
        withToken: true,
      };
    case 8:
      return { bytes: `GET /push/${TOKEN}/box/box1?${pick(['%', '%%%', 'type=SMS-Status-Report&phonenumber=', '&&&&', 'message=%E4%B8', 'phonenumber=+86 1&type=zzz'])}${junk(5).toString('latin1')} HTTP/1.1\r\nHost: x\r\n\r\n`, withToken: true };
    case 9:
      return { bytes: `GET /${pick(['', 'push', 'push/', `push/${TOKEN}`, `push/${TOKEN}/eims`, `push/${TOKEN}/nope/x`, `push/${TOKEN}/box/../../etc`, 'files/../../x', 'files/AAAAAAAAAAAAAAAAAAAA/x'])} HTTP/1.1\r\nHost: x\r\n\r\n`, withToken: false };
    case 10:
      return { bytes: `GET /push/${TOKEN}/box/box1 HTTP/1.1\r\n${'X-Flood: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(800)}\r\n`, withToken: true };
    default:
      return { bytes: `POST /push/${TOKEN}/jsms/jsms1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 60\r\n\r\nnonce=1&timestamp=2&signature=${'0'.repeat(40)}&type=SMS_REPORT&data=[]`, withToken: true };
  }
}

describe('receiver under 10,000 hostile requests', () => {
  it('never crashes, accepts nothing without the token, stays bounded, then still works', async () => {
    const r = rand(42);
    forceGc();
    const heapBefore = process.memoryUsage().heapUsed;
    const statuses = new Map<string, number>();
    let acceptedWithoutToken = 0;
    const total = 10_000;
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const h = hostile(r, i);
        const status = await raw(h.bytes);
        statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
        if (!h.withToken && typeof status === 'number' && status < 300) acceptedWithoutToken++;
      }
    };
    // Slow bodies alongside: headers then nothing; the receiver must time them out (408) on its own.
    const slow = Promise.all(
      Array.from({ length: 40 }, () => raw(`PUT /push/${TOKEN}/eims/eims1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"ty`, { stallMs: 5000, timeoutMs: 5000 })),
    );
    await Promise.all(Array.from({ length: 64 }, worker));
    const slowStatuses = await slow;

    expect(acceptedWithoutToken).toBe(0);
    expect(pushed.every((p) => (typeof p.target === 'string' ? p.target : Buffer.from(p.target).toString('latin1')).includes(`/push/${TOKEN}/`))).toBe(true);
    expect(slowStatuses.every((s) => s === 408 || s === 'closed')).toBe(true);
    expect(slowStatuses.filter((s) => s === 408).length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(statuses.get('500') ?? 0).toBe(0);
    expect(statuses.get('413') ?? 0).toBeGreaterThan(0);
    expect(statuses.get('401') ?? 0).toBeGreaterThan(0);
    forceGc();
    // After a real full GC this is what the receiver retains: ≈3.6 MB measured on this machine.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(16 * 1024 * 1024);
    expect(server.server.listening).toBe(true);

    // Still serving: a well-formed push is accepted and parsed.
    const good = JSON.stringify({ type: 'report', cnt: 1, array: [[7, '8613800000000', '20260101120000', 0, 'success']] });
    const before = reports;
    expect(await raw(`PUT /push/${TOKEN}/eims/eims1 HTTP/1.1\r\nHost: x\r\nContent-Length: ${good.length}\r\n\r\n${good}`)).toBe(200);
    expect(reports).toBe(before + 1);
  }, 90_000); // ≈6 s on an idle 2-core machine; generous for a loaded CI box

  it('limits requests per source address (429)', async () => {
    const limited = createReceiverServer({
      host: '127.0.0.1',
      port: 0,
      token: () => TOKEN,
      files: createFileOffers(Date.now),
      limits: { perSecond: 0.01, burst: 10 },
      onPush: () => ({ status: 200 }),
    });
    const p = await limited.listen();
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`http://127.0.0.1:${p}/push/${TOKEN}/box/box1?phonenumber=1`);
      codes.push(res.status);
      await res.arrayBuffer();
    }
    await limited.close();
    expect(codes.slice(0, 10).every((c) => c === 200)).toBe(true);
    expect(codes.slice(10).every((c) => c === 429)).toBe(true);
  });
});
