/** The box push test proves a pushed result arrives; the dashboard asks every account (balances, ports). */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { BoxPushTestResult, DashboardAccounts } from '../../../src/shared/monitoring.ts';
import { startEimsSim } from '../../sim/eims.ts';
import { startGsmboxSim } from '../../sim/gsmbox.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
const sims: { close(): Promise<void> }[] = [];
beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, { dispatch: { boxPaceMs: 5, progressEveryMs: 20 } });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  await Promise.all(sims.splice(0).map((s) => s.close()));
  tmp.cleanup();
});

it('sends a box test SMS and sees its pushed result; the dashboard flags a low balance and counts sends per port', async () => {
  const box = await startGsmboxSim({ busyMs: 5, resultDelayMs: 5, reportDelayMs: 10 });
  const eims = await startEimsSim({ balance: 42 });
  sims.push(box, eims);
  const { id: boxId } = await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'gsmbox', name: 'Box', baseUrl: box.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 300 },
    secrets: { password: 'demo-box-password' },
  });
  await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'eims', name: 'Platform', baseUrl: eims.url, account: 'demo', encrypted: false },
    secrets: { password: 'demo-password' },
  });

  const silent = await call<BoxPushTestResult>(tc.core, 'boxPushTest', { accountId: boxId, number: '13800000001', waitSeconds: 2 });
  expect(silent.arrived).toBe(false);
  expect(silent.summary).toMatch(/No push arrived/);

  await call(tc.core, 'boxPushSetup', { accountId: boxId });
  const ok = await call<BoxPushTestResult>(tc.core, 'boxPushTest', { accountId: boxId, number: '13800000002', waitSeconds: 10 });
  expect(ok.arrived).toBe(true);
  expect(['sent', 'delivered']).toContain(ok.state);

  const d = await call<DashboardAccounts>(tc.core, 'dashboardAccounts');
  expect(d.balances).toHaveLength(1);
  expect(d.balances[0]).toMatchObject({ provider: 'eims', low: true, error: null });
  // A gift balance under the threshold does not make the account low: sends draw from the balance.
  eims.state.balance = 5000;
  const topped = await call<DashboardAccounts>(tc.core, 'dashboardAccounts');
  expect(topped.balances[0]).toMatchObject({ low: false });
  expect(topped.balances[0]!.balances.find((b) => b.label === 'Gift balance')?.amount).toBe(50);
  expect(d.boxes).toHaveLength(1);
  const sentToday = d.boxes[0]!.ports.reduce((n, p) => n + p.sentToday, 0);
  expect(sentToday).toBe(2);
  expect(d.boxes[0]!.ports.every((p) => p.cap === 300)).toBe(true);
});
