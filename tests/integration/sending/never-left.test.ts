/**
 * A request that provably never left — the port refuses the connection, or the connection never
 * completes before the timeout — is "not sent" and retried, never `unknown`. Checked against real
 * sockets on 127.0.0.1: a closed port, and a listener that is frozen (SIGSTOP) with its accept queue
 * full, so the kernel drops our SYNs and the connect hangs. In the end the simulator has exactly one
 * copy of every message and nothing is unknown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView, MessageEventView, MessagePage } from '../../../src/shared/campaigns.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call, cnMobiles, waitForCampaign, handedOver } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
let sim: EimsSim | undefined;
let frozen: { child: ChildProcess; fillers: net.Socket[] } | undefined;

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, { dispatch: { progressEveryMs: 20, eimsBatchSize: 100, retryBaseMs: 200, timeoutMs: 700 } });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  await unfreeze();
  await sim?.close();
  sim = undefined;
  tmp.cleanup();
});

/** A loopback port nothing listens on. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A listener on `port` that takes no connection: a child process listens with a backlog of 1, is
 * stopped, and its accept queue is filled, so further SYNs go unanswered and a connect hangs.
 */
async function freeze(port: number): Promise<void> {
  const child = spawn(process.execPath, ['-e', `const s=require('net').createServer();s.listen({port:${port},host:'127.0.0.1',backlog:1},()=>console.log('up'))`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve) => child.stdout!.once('data', resolve));
  child.kill('SIGSTOP');
  const fillers = Array.from({ length: 4 }, () => net.connect(port, '127.0.0.1').on('error', () => undefined));
  frozen = { child, fillers };
  await new Promise((r) => setTimeout(r, 200));
  // The queue is full: a new connection gets no answer.
  const probe = net.connect(port, '127.0.0.1');
  const connected = await new Promise<boolean>((resolve) => {
    probe.once('connect', () => resolve(true));
    probe.once('error', () => resolve(false));
    setTimeout(() => resolve(false), 300);
  });
  probe.destroy();
  expect(connected, 'the frozen listener must not accept').toBe(false);
}

/** Kills the frozen listener and waits until it is gone, so its port is free again. */
async function unfreeze(): Promise<void> {
  if (!frozen) return;
  const { child, fillers } = frozen;
  frozen = undefined;
  for (const f of fillers) f.destroy();
  if (child.exitCode === null && child.signalCode === null) {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }
}

async function account(port: number): Promise<string> {
  const v = await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'eims', name: 'Platform', baseUrl: `http://127.0.0.1:${port}`, account: 'demo', encrypted: false },
    secrets: { password: 'demo-password' },
  });
  return v.id;
}

async function campaign(accountId: string, numbers: string[]): Promise<CampaignView> {
  return call<CampaignView>(tc.core, 'campaignCreate', {
    name: 'Never left',
    accountId,
    content: { mode: 'text', body: 'Hello' },
    recipients: { listIds: [], pasted: numbers.join('\n') },
    confirmed: true,
  });
}

/** Waits until some message went back to the queue because the connection failed. */
async function firstRetry(id: string): Promise<MessagePage['rows'][number]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const page = await call<MessagePage>(tc.core, 'campaignMessages', { id, limit: 1000 });
    const retried = page.rows.find((m) => m.state === 'queued' && m.attempts >= 1);
    if (retried) return retried;
    expect(page.rows.filter((m) => m.state === 'unknown')).toEqual([]);
    if (Date.now() > deadline) throw new Error('no retry seen');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function expectOneCopyEach(id: string, numbers: string[]): Promise<void> {
  const done = await waitForCampaign(tc.core, id, { until: handedOver, timeoutMs: 20_000 });
  expect(done.counts.unknown).toBe(0);
  expect(done.counts.failed).toBe(0);
  expect(done.counts.submitted).toBe(numbers.length);
  expect(sim!.state.accepted).toHaveLength(numbers.length);
  expect(new Set(sim!.state.accepted.map((a) => a.number))).toEqual(new Set(numbers.map((n) => `86${n}`)));
}

describe('requests that never left are retried, not unknown', () => {
  it('connection refused (a closed port): queued again with the reason, then sent once when the platform is up', async () => {
    const port = await freePort();
    const numbers = cnMobiles(250, 60_000);
    const c = await campaign(await account(port), numbers);
    const retried = await firstRetry(c.id);
    expect(retried.errorCode).toBe('PROVIDER_UNREACHABLE');
    const history = await call<MessageEventView[]>(tc.core, 'messageHistory', { messageId: retried.id });
    // One or more attempts (the page may be read after a few backoffs), each back to the queue, never unknown.
    expect(history.map((h) => h.state).join(',')).toMatch(/^queued(,submitting,queued)+$/);
    expect(history.at(-1)!.detail).toMatch(/^Will retry: Could not connect to EIMS at 127\.0\.0\.1:\d+/);
    sim = await startEimsSim({ port, balance: 1_000_000 });
    await expectOneCopyEach(c.id, numbers);
  });

  it('connect timeout (the listener never accepts): queued again, not unknown, then sent once', async () => {
    const port = await freePort();
    await freeze(port);
    const numbers = cnMobiles(150, 70_000);
    const c = await campaign(await account(port), numbers);
    const retried = await firstRetry(c.id);
    // The call timed out (700 ms) while connecting: the same "could not connect", not "may have been accepted".
    expect(retried.errorCode).toBe('PROVIDER_UNREACHABLE');
    expect(retried.errorMessage).not.toMatch(/may have been accepted/);
    await unfreeze();
    sim = await startEimsSim({ port, balance: 1_000_000 });
    await expectOneCopyEach(c.id, numbers);
  });
});
