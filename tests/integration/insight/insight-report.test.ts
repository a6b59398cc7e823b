/**
 * Insight against the simulators: a GSM box campaign over several ports (results, reports and inbound
 * pushed by the box simulator) and an EIMS campaign (reports pushed by the platform simulator). The
 * report's numbers must equal what the simulators did: the messages each port sent (the box's outbox),
 * what was delivered, failed and expired, the replies and opt-outs from the campaign's numbers — and
 * the .xlsx export says the same. The test core's stop() checks the kept counts against the messages.
 */
import * as XLSX from '@e965/xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import type { FileDownload } from '../../../src/shared/contact-lists.ts';
import type { InsightRange, InsightReport } from '../../../src/shared/insight.ts';
import type { ReceiverStatus } from '../../../src/shared/monitoring.ts';
import { startEimsSim } from '../../sim/eims.ts';
import { startGsmboxSim } from '../../sim/gsmbox.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call, cnMobiles, handedOver, waitForCampaign } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
const sims: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, {
    dispatch: { progressEveryMs: 20, eimsBatchSize: 100, retryBaseMs: 50, boxPaceMs: 5 },
    monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false, pollEveryMs: 10, changesEveryMs: 20 },
  });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  await Promise.all(sims.splice(0).map((s) => s.close()));
  tmp.cleanup();
});

/** Today, in this machine's time zone, as the screen asks for it. */
function today(): InsightRange {
  const now = new Date();
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  return { from: from.getTime(), to: new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime(), utcOffsetMinutes: -from.getTimezoneOffset() };
}

async function send(accountId: string, name: string, numbers: string[]): Promise<CampaignView> {
  const c = await call<CampaignView>(tc.core, 'campaignCreate', { name, accountId, content: { mode: 'text', body: `${name} today` }, recipients: { listIds: [], pasted: numbers.join('\n') }, confirmed: true });
  return waitForCampaign(tc.core, c.id, { until: handedOver });
}

const settled = (c: CampaignView) => c.counts.delivered + c.counts.failed + c.counts.expired === c.total;

describe('insight from what the simulators did', () => {
  it('counts per port, account, hour and campaign what the box and the platform delivered, failed and were replied', async () => {
    // The box: 4 ports, results/reports/inbound pushed to the receiver.
    const box = await startGsmboxSim({ ports: 4, busyMs: 5, resultDelayMs: 5, reportDelayMs: 20 });
    sims.push(box);
    const boxId = (await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'gsmbox', name: 'Office box', baseUrl: box.url, username: 'admin', secondsPerSms: 1, dailyCapPerSim: 0 },
      secrets: { password: 'demo-box-password' },
    })).id;
    await call(tc.core, 'boxPushSetup', { accountId: boxId });
    const boxNumbers = cnMobiles(24, 7000);
    for (const n of boxNumbers.slice(0, 3)) box.state.undeliveredNumbers.add(n);
    box.state.expiredNumbers.add(boxNumbers[3]!);
    const boxCampaign = await send(boxId, 'Box campaign', boxNumbers);
    await box.flushPushes();
    await waitForCampaign(tc.core, boxCampaign.id, { until: settled });

    // The platform: reports pushed; a send failure (1005) and a delivery failure (deliver status 2).
    const eims = await startEimsSim({ balance: 1_000_000 });
    sims.push(eims);
    const eimsId = (await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'eims', name: 'Platform', baseUrl: eims.url, account: 'demo', encrypted: false },
      secrets: { password: 'demo-password' },
    })).id;
    eims.state.pushUrl = (await call<ReceiverStatus>(tc.core, 'receiverStatus')).urls.find((u) => u.accountId === eimsId)!.url;
    const eimsCampaign = await send(eimsId, 'Platform campaign', cnMobiles(40, 9000));
    eims.deliverAll(3);
    const ids = [...eims.state.messages.keys()];
    ids.slice(0, 4).forEach((i) => eims.setReport(i, 1005));
    ids.slice(4, 6).forEach((i) => eims.setReport(i, 0, 2));
    await eims.pushReports();
    await waitForCampaign(tc.core, eimsCampaign.id, { until: settled });

    // Replies to the box campaign: two numbers write, one of them an opt-out; a stranger writes too.
    await box.receiveSms({ from: `+86${boxNumbers[5]}`, port: 2, text: 'Thanks, see you Friday' });
    await box.receiveSms({ from: `+86${boxNumbers[6]}`, port: 1, text: 'TD' });
    await box.receiveSms({ from: '+8613512345678', port: 1, text: 'Who is this?' });

    const r = await call<InsightReport>(tc.core, 'insightReport', today());

    // The far end: what the box's outbox holds per port, and what the simulators decided.
    const perPort = Map.groupBy(box.state.outbox, (row) => row.port);
    expect(r.byPort.filter((p) => p.accountId === boxId).map((p) => [p.port, p.handed])).toEqual([...perPort.entries()].sort((a, b) => a[0] - b[0]).map(([port, rows]) => [port, rows.length]));
    expect(perPort.size).toBeGreaterThan(1);
    const boxAcc = r.byAccount.find((a) => a.accountId === boxId)!;
    expect(boxAcc).toMatchObject({ accountName: 'Office box', handed: box.state.accepted.length, delivered: 24 - 4, failed: 3, expired: 1, refused: 0 });
    expect(box.state.accepted).toHaveLength(24);

    const eimsFailedToSend = [...eims.state.messages.values()].filter((m) => m.sendStatus !== 0).length;
    const eimsUndelivered = [...eims.state.messages.values()].filter((m) => m.sendStatus === 0 && m.deliverStatus === 2).length;
    expect([eimsFailedToSend, eimsUndelivered]).toEqual([4, 2]);
    const eimsAcc = r.byAccount.find((a) => a.accountId === eimsId)!;
    expect(eimsAcc.handed).toBe(eims.state.messages.size);
    expect(eimsAcc.delivered).toBe(eims.state.messages.size - eimsFailedToSend - eimsUndelivered);
    expect(eimsAcc.failed + eimsAcc.refused).toBe(eimsFailedToSend + eimsUndelivered);
    expect(eimsAcc.deliveryRate).toBeCloseTo(34 / 40);

    // Everything was sent today: the day's and the hours' sums are the totals.
    expect(r.totals.handed).toBe(64);
    expect(r.byDay).toHaveLength(1);
    expect(r.byDay[0]!.handed).toBe(64);
    expect(r.byHour.reduce((n, h) => n + h.handed, 0)).toBe(64);
    expect(r.byHour[new Date().getHours()]!.handed + (r.byHour[(new Date().getHours() + 23) % 24]!.handed)).toBe(64);

    const boxRow = r.campaigns.find((c) => c.id === boxCampaign.id)!;
    expect(boxRow).toMatchObject({ total: 24, delivered: 20, failed: 3, replies: 2, optOuts: 1 });
    expect(boxRow.deliveredRate).toBeCloseTo(20 / 24);
    expect(boxRow.failedByReason).toEqual([{ code: 'GSMBOX_NOT_DELIVERED', n: 3 }]);
    expect(boxRow.medianDeliverySeconds).not.toBeNull();
    expect(boxRow.medianDeliverySeconds!).toBeLessThan(60);
    const eimsRow = r.campaigns.find((c) => c.id === eimsCampaign.id)!;
    expect(eimsRow).toMatchObject({ total: 40, delivered: 34, failed: 6, replies: 0, optOuts: 0 });
    expect(eimsRow.failedByReason.reduce((n, f) => n + f.n, 0)).toBe(6);

    // The export says the same (numbers stay numbers).
    const file = await call<FileDownload>(tc.core, 'insightExport', today());
    expect(file.fileName).toMatch(/^Insight \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = XLSX.read(Buffer.from(file.base64, 'base64'));
    expect(wb.SheetNames).toEqual(['Summary', 'Accounts', 'Ports', 'Days', 'Hours', 'Campaigns']);
    const campaigns = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Campaigns!);
    expect(campaigns.find((c) => c.campaign === 'Box campaign')).toMatchObject({ messages: 24, delivered: 20, failed: 3, replies: 2, 'opt-outs': 1, 'failures by reason': 'GSMBOX_NOT_DELIVERED: 3' });
    const ports = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Ports!);
    expect(ports.map((p) => p['handed over'])).toEqual(r.byPort.map((p) => p.handed));
  }, 60_000);

  it('refuses a range that ends before it starts, saying what to do', async () => {
    const range = today();
    const res = await tc.core.invoke('insightReport', { ...range, to: range.from - 1 });
    expect(res.ok).toBe(false);
    expect(JSON.stringify(res)).toContain('Pick an end date on or after the start date');
  });
});
