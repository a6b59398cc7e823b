/**
 * Issue 15: a file (or a campaign) that would blow a worker's memory cap ends that worker with a clear
 * error — and the app carries on: a campaign keeps sending to the simulator, window calls keep being
 * answered meanwhile, nothing half-written is left, and the next import works. The caps are made small
 * here (CoreOptions.workerHeapMb) so an ordinary big file is enough to reach them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import type { ListView } from '../../../src/shared/contact-lists.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { call, cnMobiles, waitForCampaign } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
let sim: EimsSim;
let accountId: string;

beforeEach(async () => {
  tmp = makeTempDir('sms-limits-');
  // Slow replies: the campaign is still sending while the big file is read.
  sim = await startEimsSim({ balance: 1e9, faults: { latencyMs: 150 } });
  tc = makeTestCore(tmp.dir, { workerHeapMb: { import: 48, compose: 24 }, dispatch: { eimsBatchSize: 50, concurrency: 1 } });
  await tc.core.start();
  accountId = (
    await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
      secrets: { password: 'demo-password' },
    })
  ).id;
});
afterEach(async () => {
  await tc.core.stop();
  await sim.close();
  tmp.cleanup();
});

/** A CSV of `rows` numbers with two text columns (~70 bytes a row). */
function bigCsv(rows: number): string {
  const parts = ['手机号,姓名,备注\n'];
  for (let i = 0; i < rows; i++) parts.push(`${13_700_000_000 + i},客户 ${i} 的名字,这是一段比较长的备注文字 ${i}\n`);
  return parts.join('');
}

/** Calls appInfo back to back until stopped; how many were answered. */
function keepAsking(core: TestCore['core']): { stop: () => Promise<number> } {
  let running = true;
  let answered = 0;
  const loop = (async () => {
    while (running) {
      await call(core, 'appInfo');
      answered++;
      await new Promise((r) => setImmediate(r));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return answered;
    },
  };
}

describe('a worker that runs out of its memory cap', () => {
  it('an import: a clear error, the campaign keeps sending, window calls are answered, and the next import works', async () => {
    const numbers = cnMobiles(400);
    const campaign = await call<CampaignView>(tc.core, 'campaignCreate', {
      name: 'Sending meanwhile',
      accountId,
      content: { mode: 'text', body: 'Hello' },
      recipients: { listIds: [], pasted: numbers.join('\n') },
      confirmed: true,
    });
    const asking = keepAsking(tc.core);
    const csv = bigCsv(300_000);
    const { importId } = await call<{ importId: string }>(tc.core, 'importOpen', { fileName: 'huge.csv', base64: Buffer.from(csv).toString('base64') });
    const failed = await tc.core.invoke('importAnalyse', { importId, options: {} });
    const answered = await asking.stop();
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.error).toMatchObject({ code: 'CONTACTS_FILE_TOO_LARGE', message: expect.stringMatching(/more memory than the app allows.*Split it into smaller files/) });
    expect(answered).toBeGreaterThan(10);

    // The campaign went on: every number reached the simulator once.
    const done = await waitForCampaign(tc.core, campaign.id, { timeoutMs: 30_000 });
    expect(done.counts.submitted).toBe(400);
    expect(sim.state.accepted.map((a) => a.number).sort()).toEqual(numbers.map((n) => `86${n}`).sort());

    // Nothing half-imported, and the app still imports.
    expect(await call<ListView[]>(tc.core, 'listsList')).toEqual([]);
    const small = await call<{ importId: string }>(tc.core, 'importOpen', { fileName: 'small.csv', base64: Buffer.from(bigCsv(20)).toString('base64') });
    await call(tc.core, 'importAnalyse', { importId: small.importId, options: {} });
    const summary = await call<{ added: number }>(tc.core, 'importCommit', { importId: small.importId, target: { newListName: 'Small' } });
    expect(summary.added).toBe(20);
  });

  it('a campaign: a clear error, nothing written, and a smaller campaign goes out', async () => {
    const pasted = cnMobiles(150_000).join('\n');
    const r = await tc.core.invoke('campaignCreate', { name: 'Too big', accountId, content: { mode: 'text', body: 'Hello {name}, a long enough text to fill some memory per recipient.' }, recipients: { listIds: [], pasted }, confirmed: true });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'CAMPAIGN_TOO_BIG', message: expect.stringMatching(/more memory than the app allows/) });
    expect(await call<CampaignView[]>(tc.core, 'campaignsList')).toEqual([]);
    expect(sim.state.accepted).toHaveLength(0);

    const ok = await call<CampaignView>(tc.core, 'campaignCreate', { name: 'Fine', accountId, content: { mode: 'text', body: 'Hello' }, recipients: { listIds: [], pasted: cnMobiles(30).join('\n') }, confirmed: true });
    const done = await waitForCampaign(tc.core, ok.id, { timeoutMs: 30_000 });
    expect(done.counts.submitted).toBe(30);
  });
});
