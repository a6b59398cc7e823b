import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGsmboxClient } from '../../../src/main/core/providers/gsmbox/client.ts';
import { parseBoxPush } from '../../../src/main/core/providers/gsmbox/push-query.ts';
import { startGsmboxSim, type GsmboxSim, type GsmboxSimOptions } from '../../sim/gsmbox.ts';
import { expectNoSecrets, providerError, secrets, testDeps } from './helpers.ts';

let sim: GsmboxSim;

async function startSim(opts: GsmboxSimOptions = {}) {
  if (sim) await sim.close();
  sim = await startGsmboxSim(opts);
}

function client(password = 'demo-box-password') {
  return createGsmboxClient({ id: 'b1', baseUrl: sim.url, username: 'admin' }, secrets({ password }), testDeps());
}

/** A bare TCP receiver that keeps each request's raw first line (as the box writes it). */
async function rawReceiver() {
  const lines: Buffer[] = [];
  const server = net.createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c) => {
      chunks.push(c);
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end >= 0) {
        lines.push(all.subarray(0, all.indexOf('\r\n')));
        socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return { port, lines, close: () => new Promise<void>((r) => server.close(() => r())) };
}

beforeEach(async () => {
  await startSim({ downPorts: [4] });
});
afterEach(async () => {
  await sim.close();
});

describe('GSM box ports and sending', () => {
  it('lists ports with their status', async () => {
    const c = client();
    const ports = await c.getPorts();
    expect(ports).toEqual([
      { port: 1, name: 'gsm-1.1', available: true },
      { port: 2, name: 'gsm-1.2', available: true },
      { port: 3, name: 'gsm-1.3', available: true },
      { port: 4, name: 'gsm-1.4', available: false },
    ]);
    const check = await c.checkConnection();
    expect(check.summary).toBe('Connected to the GSM box. 3 of 4 ports can send.');
  });

  it('sends one number per call (async), and a busy port refuses a second send', async () => {
    const c = client();
    const r = await c.send({ number: '+8613800000001', message: 'hello', ports: [1] });
    expect(r.providerId).toBe('1');
    expect(r.state).toBe('submitted');
    const busy = await providerError(c.send({ number: '+8613800000002', message: 'again', ports: [1] }));
    expect(busy.code).toBe('GSMBOX_PORT_BUSY');
    expect(busy.kind).toBe('limit');
    expect(busy.outcome).toBe('not-sent');
    await c.send({ number: '+8613800000002', message: 'again', ports: [2] });
    expect(sim.state.accepted.map((a) => a.number)).toEqual(['+8613800000001', '+8613800000002']);
  });

  it('refuses several numbers in one call before any request', async () => {
    const err = await providerError(client().send({ number: '111,222', message: 'x', ports: [1] }));
    expect(err.code).toBe('GSMBOX_LIMIT_ONE_NUMBER');
    expect(sim.state.requests).toHaveLength(0);
  });

  it('sends synchronously and reads the inline result', async () => {
    sim.state.failNumbers.add('13800000009');
    const c = client();
    expect((await c.send({ number: '13800000008', message: 'x', ports: [1], mode: 'sync' })).state).toBe('sent');
    const failed = await c.send({ number: '13800000009', message: 'x', ports: [2], mode: 'sync' });
    expect(failed.state).toBe('failed');
    expect(failed.raw).toBeTruthy();
  });

  it('shows the box message for errors (port down) and refuses bad credentials without leaking them', async () => {
    const down = await providerError(client().send({ number: '1', message: 'x', ports: [4] }));
    expect(down.code).toBe('GSMBOX_ERROR');
    expect(down.message).toContain('No available port');
    const auth = await providerError(client('wrong-box-pass').getPorts());
    expect(auth.code).toBe('GSMBOX_AUTH');
    expectNoSecrets(auth, ['wrong-box-pass', 'demo-box-password']);
  });
});

describe('GSM box outbox', () => {
  it('pages and filters the outbox, mapping FAILED/SENT/DELIVERD', async () => {
    await startSim({ busyMs: 0, outboxPageSize: 2, reportDelayMs: 10 });
    sim.state.failNumbers.add('13800000003');
    const c = client();
    for (const n of ['13800000001', '13800000002', '13800000003']) await c.send({ number: n, message: `m ${n}`, ports: [1] });
    await sim.flushPushes();
    const p1 = await c.outbox({ page: 1 });
    const p2 = await c.outbox({ page: 2 });
    expect(p1.entries.map((e) => e.number)).toEqual(['13800000003', '13800000002']);
    expect(p2.entries.map((e) => e.number)).toEqual(['13800000001']);
    expect(p1.entries[0]).toMatchObject({ status: 'FAILED', state: 'failed', portName: 'gsm-1.1' });
    expect(p1.entries[1]).toMatchObject({ status: 'DELIVERD', state: 'delivered' });
    expect(Math.abs((p1.entries[0]!.at ?? 0) - Date.now())).toBeLessThan(60_000);
    const filtered = await c.outbox({ phoneNumber: '13800000002' });
    expect(filtered.entries.map((e) => e.number)).toEqual(['13800000002']);
    const none = await c.outbox({ from: Date.now() + 3600_000 });
    expect(none.entries).toEqual([]);
  });
});

describe('GSM box push settings and pushes', () => {
  it('writes and reads back push settings', async () => {
    const c = client();
    const before = await c.getPushSettings();
    expect(before.enable).toBe(0);
    await c.setPushSettings({ ...before, enable: 1, results_enable: 1, reports_enable: 1, url_host: '192.168.1.20', url_port: '8765', url_path: '/box', url_user_defined: 'token=abc' });
    const after = await c.getPushSettings();
    expect(after).toMatchObject({ enable: 1, results_enable: 1, reports_enable: 1, url_host: '192.168.1.20', url_port: '8765', url_user_defined: 'token=abc' });
  });

  it('pushes inbound SMS, send results and delivery reports as raw GETs (only spaces encoded)', async () => {
    const rx = await rawReceiver();
    try {
      await startSim({ busyMs: 0 });
      const c = client();
      const cfg = await c.getPushSettings();
      await c.setPushSettings({ ...cfg, enable: 1, results_enable: 1, reports_enable: 1, url_port: String(rx.port), url_path: '/box', url_user_defined: 'token=t0k' });
      await sim.receiveSms({ from: '+8613900000001', port: 2, text: '你好 a+b/c: x&y' });
      await c.send({ number: '+8613800000001', message: 'out', ports: [1] });
      await sim.flushPushes();
      const lines = rx.lines.map((l) => l.toString('utf8'));
      expect(lines).toHaveLength(3);
      expect(lines[0]).toBe(
        `GET /box?phonenumber=+8613900000001&port=2&portname=gsm-1.2&message=你好%20a+b/c:%20x&y&time=${lines[0]!.match(/time=([^&]+)/)![1]}&imsi=460001234567891&token=t0k HTTP/1.1`,
      );
      expect(lines[0]).toMatch(/time=\d{4}-\d{2}-\d{2}%20\d{2}:\d{2}:\d{2}&/);
      const result = lines.find((l) => l.includes('type=SMS-Status-Result'))!;
      expect(result).toContain('phonenumber=+8613800000001&port=1&id=1&');
      expect(result).toContain('status=Sent');
      const report = lines.find((l) => l.includes('type=SMS-Status-Report'))!;
      expect(report).toContain('status=Message%20received%20on%20handset&cause=Delivered');
      expect(report).not.toContain('id=');
      expect(sim.state.pushes.map((p) => p.status)).toEqual([200, 200, 200]);

      // The core's parser reads the raw bytes back, by known parameter names.
      const settings = await c.getPushSettings();
      const offset = -new Date().getTimezoneOffset();
      const parsed = rx.lines.map((l) => parseBoxPush(l, settings, offset));
      expect(parsed[0]).toMatchObject({ type: 'inbound', from: '+8613900000001', port: '2', portName: 'gsm-1.2', text: '你好 a+b/c: x&y', tokenOk: true });
      expect(Math.abs((parsed[0] as { at: number }).at - Date.now())).toBeLessThan(60_000);
      expect(parsed.find((p) => p?.type === 'result')).toMatchObject({ number: '+8613800000001', port: '1', id: '1', sent: true });
      expect(parsed.find((p) => p?.type === 'report')).toMatchObject({ number: '+8613800000001', outcome: 'delivered', cause: 'Delivered' });
    } finally {
      await rx.close();
    }
  });

  it('can percent-encode the message text (other firmware)', async () => {
    const rx = await rawReceiver();
    try {
      await startSim({ messageEncoding: 'percent', pushConfig: { enable: 1, url_port: String(rx.port) } });
      await sim.receiveSms({ from: '100', port: 1, text: '你好 +' });
      expect(rx.lines[0]!.toString('utf8')).toContain(`message=${encodeURIComponent('你好 +')}&`);
      const parsed = parseBoxPush(rx.lines[0]!, sim.state.config, 0);
      expect(parsed).toMatchObject({ type: 'inbound', text: '你好 +', tokenOk: true });
    } finally {
      await rx.close();
    }
  });
});
