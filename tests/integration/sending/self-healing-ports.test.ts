/**
 * Self-healing GSM box ports (issue 19) against the box simulator, over real HTTP and pushes: a port
 * whose SIM cannot send is taken out of rotation, gets nothing but one trial message per rest, and is
 * back after a trial that was sent; a port the box reports unavailable is out until the box reports it
 * back; a new SIM is noticed. Asserted at the far end (the box's outbox), on the campaign's history,
 * on the notices and on what the Accounts test and the dashboard return.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignPortEvent } from '../../../src/shared/box-ports.ts';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import type { DashboardAccounts } from '../../../src/shared/monitoring.ts';
import type { NotifyEvent } from '../../../src/shared/notifications.ts';
import type { ConnectionCheck } from '../../../src/shared/providers.ts';
import { startGsmboxSim, type GsmboxSim } from '../../sim/gsmbox.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call, cnMobiles, handedOver, waitForCampaign } from '../../helpers/sending.ts';

const PACE_MS = 250;
const REST_MS = 1_200;

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
let sim: GsmboxSim;
let accountId: string;

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, {
    dispatch: { progressEveryMs: 20, retryBaseMs: 50, boxPaceMs: PACE_MS, boxPortRefreshMs: 300 },
    monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false, changesEveryMs: 20 },
    ports: { restMs: REST_MS },
  });
  await tc.core.start();
  sim = await startGsmboxSim({ ports: 4, busyMs: 20, resultDelayMs: 10, reportDelayMs: 30 });
  const v = await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'gsmbox', name: 'Office box', baseUrl: sim.url, username: 'admin', dailyCapPerSim: 0 },
    secrets: { password: 'demo-box-password' },
  });
  accountId = v.id;
  await call(tc.core, 'boxPushSetup', { accountId });
});
afterEach(async () => {
  await tc.core.stop();
  await sim.close();
  tmp.cleanup();
});

const send = (numbers: string[]) =>
  call<CampaignView>(tc.core, 'campaignCreate', {
    name: 'Ports',
    accountId,
    content: { mode: 'text', body: 'Hello' },
    recipients: { listIds: [], pasted: numbers.join('\n') },
    confirmed: true,
  });
const history = (id: string) => call<CampaignPortEvent[]>(tc.core, 'campaignHistory', { id });
const notices = () => tc.events.filter((e) => e.name === 'notify').map((e) => e.payload as NotifyEvent);

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a port whose SIM cannot send', () => {
  it('is taken out after 5 failed sends, gets only one trial message per rest, and is back after a trial that was sent', async () => {
    sim.state.failPorts.add(2);
    const numbers = cnMobiles(90, 3000);
    const c = await send(numbers);

    const out = await until('port 2 out', async () => (await history(c.id)).find((e) => e.kind === 'out'));
    expect(out).toMatchObject({ port: 2, portName: 'gsm-1.2', reason: 'failing', facts: { failures: 5 } });
    expect(out.retryAt).toBe(out.at + REST_MS);
    // The first trial fails (the SIM still cannot send); then the SIM gets credit and the next one is sent.
    await until('a failed trial', async () => (await history(c.id)).find((e) => e.kind === 'rest-again'));
    sim.state.failPorts.delete(2);
    const back = await until('port 2 back', async () => (await history(c.id)).find((e) => e.kind === 'back'));
    expect(back).toMatchObject({ port: 2, reason: 'trial-sent' });
    const done = await waitForCampaign(tc.core, c.id, { until: handedOver, timeoutMs: 30_000 });

    const lines = await history(c.id);
    expect(lines.map((e) => e.kind)).toEqual(['out', 'trial', 'rest-again', 'trial', 'back']);
    const trials = lines.filter((e) => e.kind === 'trial');
    expect(lines[2]).toMatchObject({ reason: 'trial-failed' });
    // Each trial went out after its rest.
    expect(trials[0]!.at).toBeGreaterThanOrEqual(out.retryAt!);
    expect(trials[1]!.at).toBeGreaterThanOrEqual(lines[2]!.retryAt!);

    // The far end: after port 2 was taken out it got nothing but the two trial numbers until it was
    // back. The one send that may have been on its way when the fifth failure came in (a port never has
    // two) is the only exception, and it was claimed before the port went out.
    const onPort2 = sim.state.outbox.filter((r) => r.port === 2);
    const failedBeforeOut = onPort2.filter((r) => r.time <= out.at);
    expect(failedBeforeOut.length).toBeGreaterThanOrEqual(5);
    expect(failedBeforeOut.every((r) => r.status === 'FAILED')).toBe(true);
    const whileOut = onPort2.filter((r) => r.time > out.at && r.time <= back.at);
    const trialNumbers = trials.map((t) => t.number!);
    const inFlight = whileOut.filter((r) => !trialNumbers.includes(r.phonenumber));
    expect(inFlight.length).toBeLessThanOrEqual(1);
    expect(whileOut.filter((r) => r.time >= trials[0]!.at).map((r) => r.phonenumber)).toEqual(trialNumbers);
    expect(whileOut.filter((r) => trialNumbers.includes(r.phonenumber)).map((r) => r.status)).toEqual(['FAILED', expect.stringMatching(/SENT|DELIVERD/)]);
    // Back in rotation, it sends its share again.
    expect(onPort2.filter((r) => r.time > back.at).length).toBeGreaterThan(0);

    // Every number reached the box exactly once; only those sent on the failing SIM failed.
    const failedOn2 = failedBeforeOut.length + inFlight.length + 1;
    expect(sim.state.outbox).toHaveLength(90);
    expect(new Set(sim.state.outbox.map((r) => r.phonenumber))).toEqual(new Set(numbers));
    expect(sim.state.outbox.filter((r) => r.status === 'FAILED').every((r) => r.port === 2)).toBe(true);
    expect(sim.state.outbox.filter((r) => r.status === 'FAILED')).toHaveLength(failedOn2);
    expect(done.counts.failed).toBe(failedOn2);

    // The user was told which port and why, and when it was back.
    const told = notices().filter((n) => n.kind === 'port-down');
    expect(told.map((n) => n.title)).toEqual(['Port 2 of Office box taken out of rotation', 'Port 2 of Office box is back in rotation']);
    expect(told[0]!.body).toMatch(/^Its last 5 sends failed\. Its messages go to the other ports/);

    await sim.flushPushes();
    // The Accounts test shows the week's success per port and the SIM the pushes named.
    const check = await call<ConnectionCheck>(tc.core, 'accountsTest', { id: accountId });
    const p2 = check.ports.find((p) => p.port === 2)!.health!;
    expect(p2).toMatchObject({ rotation: 'in', failed: failedOn2, imsi: sim.state.ports[1]!.imsi });
    expect(p2.sent).toBe(onPort2.length - failedOn2);
    const p1 = check.ports.find((p) => p.port === 1)!.health!;
    expect(p1).toMatchObject({ failed: 0, sent: sim.state.outbox.filter((r) => r.port === 1).length });
  });

  it('a trial with no answer in time rests the port again; the rotation survives a restart', async () => {
    const secrets = tc.secrets;
    await tc.core.stop();
    tc = makeTestCore(tmp.dir, {
      secrets,
      dispatch: { progressEveryMs: 20, retryBaseMs: 50, boxPaceMs: PACE_MS, boxPortRefreshMs: 300 },
      monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false, changesEveryMs: 20 },
      ports: { restMs: REST_MS, trialWaitMs: 400 },
    });
    await tc.core.start();
    await call(tc.core, 'boxPushSetup', { accountId }); // the new receiver's port
    sim.state.failPorts.add(3);
    const c = await send(cnMobiles(40, 5000));
    await until('port 3 out', async () => (await history(c.id)).find((e) => e.kind === 'out'));
    // The box stops pushing: the trial's result never comes.
    sim.state.config.enable = 0;
    const again = await until('no trial result', async () => (await history(c.id)).find((e) => e.kind === 'rest-again'));
    expect(again).toMatchObject({ port: 3, reason: 'no-trial-result' });
    await waitForCampaign(tc.core, c.id, { until: handedOver, timeoutMs: 30_000 });

    await tc.core.stop();
    tc = makeTestCore(tmp.dir, { secrets, monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false }, ports: { restMs: REST_MS } });
    await tc.core.start();
    const check = await call<ConnectionCheck>(tc.core, 'accountsTest', { id: accountId });
    expect(check.ports.find((p) => p.port === 3)!.health).toMatchObject({ rotation: 'resting', reason: 'no-trial-result' });
    expect(check.ports.find((p) => p.port === 1)!.health).toMatchObject({ rotation: 'in', reason: null });
  });
});

describe('what the box reports', () => {
  it('a port reported unavailable is out (no sends on it) until the box reports it back; a new SIM is noticed', async () => {
    const numbers = cnMobiles(60, 7000);
    const c = await send(numbers);
    await until('some sends', () => (sim.state.outbox.length >= 8 ? true : undefined));
    sim.setPortStatus(4, 0);
    const out = await until('port 4 out', async () => (await history(c.id)).find((e) => e.kind === 'out'));
    expect(out).toMatchObject({ port: 4, reason: 'unavailable' });
    sim.setImsi(1, '460019876543210');
    const swapped = await until('SIM change', async () => (await history(c.id)).find((e) => e.kind === 'sim-changed'));
    expect(swapped).toMatchObject({ port: 1, imsi: '460019876543210', previousImsi: '460001234567890' });

    const d = await call<DashboardAccounts>(tc.core, 'dashboardAccounts');
    const ports = d.boxes[0]!.ports;
    expect(ports.find((p) => p.port === 4)!.health).toMatchObject({ rotation: 'unavailable', reason: 'unavailable' });
    expect(ports.find((p) => p.port === 1)!.health).toMatchObject({ rotation: 'in', imsi: '460019876543210', previousImsi: '460001234567890' });

    await new Promise((r) => setTimeout(r, 600));
    sim.setPortStatus(4, 1);
    const back = await until('port 4 back', async () => (await history(c.id)).find((e) => e.kind === 'back'));
    expect(back).toMatchObject({ port: 4, reason: 'available' });
    await waitForCampaign(tc.core, c.id, { until: handedOver, timeoutMs: 30_000 });

    // Nothing went to port 4 while it was out. The box refuses ("No available port") sends on it from the
    // moment it went down until the console reads the new port list; after that the console never tried
    // it again, but for the one send that may have been on its way then (a port never has two).
    expect(sim.state.outbox.filter((r) => r.port === 4 && r.time > out.at && r.time < back.at)).toEqual([]);
    const refusedAfter = sim.state.requests.filter((r) => r.uri === '/sms/send' && r.code !== 200 && r.at > out.at);
    expect(refusedAfter.length, JSON.stringify({ out: out.at, refusedAfter })).toBeLessThanOrEqual(1);
    expect(new Set(sim.state.outbox.map((r) => r.phonenumber))).toEqual(new Set(numbers));
    expect(sim.state.outbox).toHaveLength(60);
    const told = notices().filter((n) => n.kind === 'port-down').map((n) => n.title);
    expect(told).toEqual(['Port 4 of Office box taken out of rotation', 'New SIM in port 1 of Office box', 'Port 4 of Office box is back in rotation']);
  });
});
