/** Receiver status through the contract: URLs per account, a port in use as a sentence, token rotation, offered files. */
import net from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ReceiverStatus } from '../../../src/shared/monitoring.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, { monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false } });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  tmp.cleanup();
});

it('lists a URL per account, rotates the token, and reports a port in use as a sentence', async () => {
  const { id } = await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'eims', name: 'Platform', baseUrl: 'http://127.0.0.1:9', account: 'demo', encrypted: false },
    secrets: { password: 'x' },
  });
  const s1 = await call<ReceiverStatus>(tc.core, 'receiverStatus');
  expect(s1.state).toBe('listening');
  expect(s1.interfaces.length).toBeGreaterThan(0);
  const url = s1.urls.find((u) => u.accountId === id)!;
  expect(url.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${s1.boundPort}/push/[A-Za-z0-9_-]{24,}/eims/${id}$`));
  expect(url.warning).toMatch(/polling/);
  expect((await fetch(url.url, { method: 'PUT', body: '{"type":"report","cnt":0,"array":[]}' })).status).toBe(200);

  const s2 = await call<ReceiverStatus>(tc.core, 'receiverRotateToken');
  expect(s2.urls[0]!.url).not.toBe(url.url);
  expect((await fetch(url.url, { method: 'PUT', body: '{}' })).status).toBe(401);

  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const taken = (blocker.address() as net.AddressInfo).port;
  const s3 = await call<ReceiverStatus>(tc.core, 'receiverConfigure', { host: '127.0.0.1', port: taken });
  blocker.close();
  // Test cores override the port from the settings; the settings still record the choice.
  expect((await call<{ receiverPort: number }>(tc.core, 'settingsGet')).receiverPort).toBe(taken);
  expect(s3.state).toBe('listening');
});

it('reports a port in use without crashing, and serves offered files until they expire', async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const taken = (blocker.address() as net.AddressInfo).port;
  const dir2 = makeTempDir();
  const other = makeTestCore(dir2.dir, { monitoring: { receiverHost: '127.0.0.1', receiverPort: taken, poll: false } });
  await other.core.start();
  const s = await call<ReceiverStatus>(other.core, 'receiverStatus');
  expect(s.state).toBe('error');
  expect(s.error).toMatchObject({ code: 'RECEIVER_PORT_IN_USE' });
  expect(s.error!.message).toMatch(new RegExp(`Port ${taken} is already used`));
  expect(() => other.core.monitoring.receiver.offerFile({ bytes: new Uint8Array([1]), contentType: 'x/y', fileName: 'a.xls', ttlMs: 1000 })).toThrow(/not running/);
  await other.core.stop();
  dir2.cleanup();
  blocker.close();

  const offer = tc.core.monitoring.receiver.offerFile({ bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), contentType: 'application/vnd.ms-excel', fileName: 'numbers.xls', ttlMs: 300 });
  const res = await fetch(offer.url);
  expect(res.status).toBe(200);
  expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]));
  expect((await fetch(offer.url.replace(/files\/[^/]+/, 'files/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'))).status).toBe(404);
  await new Promise((r) => setTimeout(r, 1100));
  expect((await fetch(offer.url)).status).toBe(404);
});
