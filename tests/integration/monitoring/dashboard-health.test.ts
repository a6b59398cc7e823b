/**
 * The dashboard's "needs attention" list, from a real core: the receiver's port taken by another
 * program, an account whose last connection test failed (against the simulator), GSM boxes whose pushes
 * were never set up nor seen, a SIM that sent its daily cap — and what clears each.
 */
import net from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DashboardHealth } from '../../../src/shared/health.ts';
import type { BoxPushTestResult, ReceiverStatus } from '../../../src/shared/monitoring.ts';
import { startEimsSim } from '../../sim/eims.ts';
import { startGsmboxSim } from '../../sim/gsmbox.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, withCore, type TestCore } from '../../helpers/test-core.ts';
import { addEimsAccount, call, importList } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
const closers: (() => Promise<void> | void)[] = [];
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  tmp.cleanup();
});

const health = (core: TestCore['core']) => call<DashboardHealth>(core, 'dashboardHealth');
const kinds = (h: DashboardHealth) => h.items.map((i) => i.kind);

it('shows the receiver port in use by another program, and nothing once the port is free again', async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  closers.push(() => void (blocker.listening && blocker.close()));
  const taken = (blocker.address() as net.AddressInfo).port;
  tc = makeTestCore(tmp.dir, { monitoring: { receiverHost: '127.0.0.1', receiverPort: taken, poll: false } });
  await tc.core.start();
  closers.push(() => tc.core.stop());

  const h = await health(tc.core);
  expect(h.items).toEqual([{ kind: 'receiver-port-in-use', host: '127.0.0.1', port: taken, error: expect.objectContaining({ code: 'RECEIVER_PORT_IN_USE' }) }]);
  // A fresh install: nothing set up yet.
  expect(h.setup).toEqual({ accounts: 0, accountsTested: 0, lists: 0, sent: false });

  // The other program lets the port go; the receiver takes it on the next start.
  await new Promise<void>((r) => blocker.close(() => r()));
  expect((await call<ReceiverStatus>(tc.core, 'receiverConfigure', { host: '127.0.0.1', port: taken })).state).toBe('listening');
  expect((await health(tc.core)).items).toEqual([]);
});

it('lists an account whose last connection test failed until a test passes; the first-run steps count what was done', async () => {
  const eims = await startEimsSim({ balance: 900 });
  closers.push(() => eims.close());
  tc = makeTestCore(tmp.dir);
  await tc.core.start();
  closers.push(() => tc.core.stop());

  const config = { kind: 'eims', name: 'Platform', baseUrl: eims.url, account: 'demo', encrypted: false };
  const id = await addEimsAccount(tc.core, eims.url, { password: 'not-the-password' });
  expect(kinds(await health(tc.core))).toEqual([]);

  const failed = await call<{ ok: boolean; error?: { code: string; message: string } }>(tc.core, 'accountsTest', { id });
  expect(failed.ok).toBe(false);
  const h1 = await health(tc.core);
  expect(h1.items).toEqual([
    { kind: 'account-test-failed', accountId: id, accountName: 'Platform', provider: 'eims', testedAt: expect.any(Number), error: { code: failed.error!.code, message: failed.error!.message } },
  ]);
  expect(h1.setup).toMatchObject({ accounts: 1, accountsTested: 0 });

  await call(tc.core, 'accountsUpdate', { id, config, secrets: { password: 'demo-password' } });
  expect((await call<{ ok: boolean }>(tc.core, 'accountsTest', { id })).ok).toBe(true);
  await importList(tc.core, 'Customers', 'phone\n13800000001\n');
  const h2 = await health(tc.core);
  expect(h2.items).toEqual([]);
  expect(h2.setup).toEqual({ accounts: 1, accountsTested: 1, lists: 1, sent: false });
});

it('asks for box pushes until they are set up here or a push arrived (kept across a restart), and flags a SIM at its daily cap', async () => {
  const boxA = await startGsmboxSim({ busyMs: 5, resultDelayMs: 5, reportDelayMs: 10 });
  closers.push(() => boxA.close());
  const ids = await withCore(tmp.dir, async ({ core }) => {
    const a = await call<{ id: string }>(core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Box A', baseUrl: boxA.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 1 },
      secrets: { password: 'demo-box-password' },
    });
    const h = await health(core);
    expect(h.items).toEqual([{ kind: 'box-push-not-set-up', accountId: a.id, accountName: 'Box A' }]);

    // The app points the box here and reads it back: set up.
    await call(core, 'boxPushSetup', { accountId: a.id });
    expect(kinds(await health(core))).toEqual([]);

    // One SMS through the box: its SIM has now sent its cap of 1 today.
    const sent = await call<BoxPushTestResult>(core, 'boxPushTest', { accountId: a.id, number: '13800000002', waitSeconds: 10 });
    expect(sent.arrived).toBe(true);
    const port = Number(boxA.state.outbox[0]!.port);
    expect((await health(core)).items).toEqual([{ kind: 'sim-over-cap', accountId: a.id, accountName: 'Box A', port, sentToday: 1, cap: 1 }]);
    return { a: a.id, receiverPort: (await call<ReceiverStatus>(core, 'receiverStatus')).boundPort! };
  });

  // Box B was pointed here by hand on the box itself: the app never confirmed it, but its first push clears the item.
  await withCore(tmp.dir, async ({ core }) => {
    const b = await call<{ id: string }>(core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Box B', baseUrl: 'http://127.0.0.1:9', username: 'admin', secondsPerSms: 1, dailyCapPerSim: 0 },
      secrets: { password: 'x' },
    });
    const status = await call<ReceiverStatus>(core, 'receiverStatus');
    const url = new URL(status.urls.find((u) => u.accountId === b.id)!.url);
    const boxB = await startGsmboxSim({ pushConfig: { enable: 1, url_host: '127.0.0.1', url_port: url.port, url_path: url.pathname } });
    closers.push(() => boxB.close());

    // Box A stays set up after the restart; Box B has neither a confirmation nor a push.
    const before = await health(core);
    expect(before.items.filter((i) => i.kind === 'box-push-not-set-up')).toEqual([{ kind: 'box-push-not-set-up', accountId: b.id, accountName: 'Box B' }]);
    expect(before.items.some((i) => i.kind === 'sim-over-cap' && i.accountId === ids.a)).toBe(true);

    await boxB.receiveSms({ from: '13900000009', port: 1, text: 'hello' });
    expect(boxB.state.pushes.map((p) => p.status)).toEqual([200]);
    expect((await health(core)).items.filter((i) => i.kind === 'box-push-not-set-up')).toEqual([]);
  });
});
