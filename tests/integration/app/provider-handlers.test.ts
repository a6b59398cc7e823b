/**
 * The provider operations through the contract, as the renderer calls them: a real core (SQLite file,
 * in-memory secrets) against the simulators over real HTTP on 127.0.0.1.
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionCheck } from '../../../src/shared/providers.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { startGsmboxSim, type GsmboxSim } from '../../sim/gsmbox.ts';
import { startJsmsSim, type JsmsSim } from '../../sim/jsms.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

let jsms: JsmsSim;
let eims: EimsSim;
let box: GsmboxSim;
let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;

beforeAll(async () => {
  [jsms, eims, box] = await Promise.all([startJsmsSim(), startEimsSim({ encrypted: true }), startGsmboxSim({ ports: 4, downPorts: [3] })]);
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir);
});
afterAll(async () => {
  await tc.core.stop();
  await Promise.all([jsms.close(), eims.close(), box.close()]);
  tmp.cleanup();
});

/** A loopback port nothing listens on (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function create(config: Record<string, unknown>, secrets: Record<string, string>): Promise<string> {
  const r = await tc.core.invoke('accountsCreate', { config, secrets });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { id: string }).id;
}
async function test(id: string): Promise<ConnectionCheck> {
  const r = await tc.core.invoke('accountsTest', { id });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as ConnectionCheck;
}

describe('Test connection', () => {
  it('shows the JSMS app balance', async () => {
    const id = await create({ kind: 'jsms', name: 'J', baseUrl: jsms.url, appKey: 'demo-app-key' }, { masterSecret: 'demo-master-secret' });
    const check = await test(id);
    expect(check.ok).toBe(true);
    expect(check.balances.map((b) => b.amount)).toContain(1000);
  });

  it('explains wrong JSMS credentials without leaking them', async () => {
    const id = await create({ kind: 'jsms', name: 'J bad', baseUrl: jsms.url, appKey: 'demo-app-key' }, { masterSecret: 'WRONG-secret-value' });
    const check = await test(id);
    expect(check.ok).toBe(false);
    expect(check.error?.kind).toBe('auth');
    expect(JSON.stringify(check)).not.toContain('WRONG-secret-value');
  });

  it('a wrong dev secret alone: connected, with a warning that names the dev key pair (not the AppKey or Master Secret)', async () => {
    const id = await create({ kind: 'jsms', name: 'J dev', baseUrl: jsms.url, appKey: 'demo-app-key', devKey: 'demo-dev-key' }, { masterSecret: 'demo-master-secret', devSecret: 'WRONG-dev-secret' });
    const check = await test(id);
    expect(check.ok).toBe(true);
    expect(check.balances.map((b) => b.label)).not.toContain('Account balance (SMS)');
    expect(check.warnings).toHaveLength(1);
    expect(check.warnings[0]).toMatch(/dev key pair \(50002\): the dev key or dev secret is wrong/);
    expect(check.warnings[0]).not.toMatch(/the AppKey or Master Secret is wrong/);
    expect(JSON.stringify(check)).not.toContain('WRONG-dev-secret');
  });

  it('shows the EIMS balance in encrypted mode, with seq increasing across a restart', async () => {
    const id = await create({ kind: 'eims', name: 'E', baseUrl: eims.url, account: 'demo', encrypted: true }, { password: 'demo-password', key: 'demo-key' });
    expect((await test(id)).ok).toBe(true);
    expect((await test(id)).ok).toBe(true);
    await tc.core.stop();
    tc = makeTestCore(tmp.dir);
    // Secrets were in memory only: set them again on the reopened core.
    await tc.core.invoke('accountsUpdate', { id, config: { kind: 'eims', name: 'E', baseUrl: eims.url, account: 'demo', encrypted: true }, secrets: { password: 'demo-password', key: 'demo-key' } });
    const third = await test(id);
    expect(third.ok).toBe(true);
    expect(third.balances.some((b) => b.amount === 100)).toBe(true);
    expect(eims.state.seq.seen).toEqual([1, 2, 3]);
  });

  it('lists the box ports with their status', async () => {
    const id = await create({ kind: 'gsmbox', name: 'B', baseUrl: box.url, username: 'admin' }, { password: 'demo-box-password' });
    const check = await test(id);
    expect(check.ok).toBe(true);
    expect(check.ports).toHaveLength(4);
    expect(check.ports.filter((p) => !p.available).map((p) => p.port)).toEqual([3]);
  });

  it('turns a refused connection into a clear sentence', async () => {
    const closed = await closedPort();
    const id = await create({ kind: 'gsmbox', name: 'Gone', baseUrl: `http://127.0.0.1:${closed}`, username: 'admin' }, { password: 'x' });
    const check = await test(id);
    expect(check.ok).toBe(false);
    expect(check.error?.code).toBe('PROVIDER_UNREACHABLE');
    expect(check.summary).toMatch(/Could not connect/);
  });

  it('answers for a deleted account with ACCOUNT_NOT_FOUND', async () => {
    const r = await tc.core.invoke('accountsTest', { id: 'nope' });
    expect(!r.ok && r.error.code).toBe('ACCOUNT_NOT_FOUND');
  });
});

describe('verification codes', () => {
  it('sends a text code and verifies it once', async () => {
    const id = await create({ kind: 'jsms', name: 'Codes', baseUrl: jsms.url, appKey: 'demo-app-key' }, { masterSecret: 'demo-master-secret' });
    const sent = await tc.core.invoke('verificationSend', { accountId: id, channel: 'text', mobile: '13812345678', tempId: 1 });
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    const msgId = (sent.value as { msgId: string }).msgId;
    const code = jsms.state.codes.get(msgId)!.code;
    const wrong = await tc.core.invoke('verificationCheck', { accountId: id, msgId, code: code === '0000' ? '1111' : '0000' });
    expect(wrong.ok && wrong.value).toMatchObject({ valid: false });
    const right = await tc.core.invoke('verificationCheck', { accountId: id, msgId, code });
    expect(right.ok && right.value).toEqual({ valid: true });
    const again = await tc.core.invoke('verificationCheck', { accountId: id, msgId, code });
    expect(again.ok && again.value).toMatchObject({ valid: false, reasonCode: 50012 });
  });

  it('sends a voice code', async () => {
    const id = await create({ kind: 'jsms', name: 'Voice', baseUrl: jsms.url, appKey: 'demo-app-key' }, { masterSecret: 'demo-master-secret' });
    const sent = await tc.core.invoke('verificationSend', { accountId: id, channel: 'voice', mobile: '13812345678', code: '123456', voiceLang: 0 });
    expect(sent.ok).toBe(true);
  });

  it('refuses verification codes on a non-JSMS account and bad input', async () => {
    const id = await create({ kind: 'gsmbox', name: 'B2', baseUrl: box.url, username: 'admin' }, { password: 'demo-box-password' });
    const r = await tc.core.invoke('verificationSend', { accountId: id, channel: 'voice', mobile: '13812345678' });
    expect(!r.ok && r.error.code).toBe('PROVIDER_UNSUPPORTED');
    const bad = await tc.core.invoke('verificationSend', { accountId: id, channel: 'voice', mobile: '13812345678', code: '12' });
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
  });
});

describe('ports that fetch refuses', () => {
  it('say so instead of blaming a lost connection', async () => {
    const id = await create({ kind: 'gsmbox', name: 'Blocked', baseUrl: 'http://127.0.0.1:6000', username: 'admin' }, { password: 'x' });
    const check = await test(id);
    expect(check.error?.code).toBe('PROVIDER_BLOCKED_PORT');
    expect(check.summary).toMatch(/another port/);
  });
});
