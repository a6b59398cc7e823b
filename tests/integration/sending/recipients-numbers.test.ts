/**
 * Numbers as the campaign reads them, through the contract and at the simulator: landlines and other
 * numbers that cannot take an SMS are left out by default with the reason in the preview (and never
 * reach the provider); pasted text is split exactly as the paste box counts it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignPreview, CampaignView } from '../../../src/shared/campaigns.ts';
import { countPastedNumbers } from '../../../src/shared/phone/pasted-numbers.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call, importList, waitForCampaign, handedOver } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
let sim: EimsSim;
let accountId: string;

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, { dispatch: { progressEveryMs: 20 } });
  await tc.core.start();
  sim = await startEimsSim({ balance: 1_000_000 });
  accountId = (await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
    secrets: { password: 'demo-password' },
  })).id;
});
afterEach(async () => {
  await tc.core.stop();
  await sim.close();
  tmp.cleanup();
});

const PASTED = '13912340001, 139-1234-0002 / +86 139 1234 0003 / 12345';

describe('numbers in a campaign', () => {
  it('landlines are left out by default with the reason; pasted text counts as the paste box says; the provider never sees the landline', async () => {
    const listId = await importList(tc.core, 'Mixed', 'phone,name\n13800000001,Ann\n010-6552 1234,Front desk\n4008123123,Hotline\n');
    const draft = { name: 'Mixed', accountId, content: { mode: 'text', body: 'Hi {name}' }, recipients: { listIds: [listId], pasted: PASTED } };
    const preview = await call<CampaignPreview>(tc.core, 'campaignPreview', draft);
    // The paste box's count for the same text, from the one shared splitter:
    expect(countPastedNumbers(PASTED, 'CN')).toEqual({ valid: 3, invalid: 1 });
    expect(preview).toMatchObject({ recipients: 4, invalid: 1, nonMobile: 2, optedOut: 0 });
    expect(preview.excluded).toEqual(
      expect.arrayContaining([
        { value: '010-6552 1234', reason: 'A landline: it cannot receive SMS.' },
        { value: '4008123123', reason: 'A shared-cost service number (such as 400): it cannot receive SMS.' },
        { value: '12345', reason: expect.stringMatching(/Too few digits/) },
      ]),
    );

    const c = await call<CampaignView>(tc.core, 'campaignCreate', { ...draft, confirmed: true });
    await waitForCampaign(tc.core, c.id, { until: handedOver });
    expect(sim.state.accepted.map((a) => a.number).sort()).toEqual(['8613800000001', '8613912340001', '8613912340002', '8613912340003']);

    // Asked for explicitly, they are included.
    const all = await call<CampaignPreview>(tc.core, 'campaignPreview', { ...draft, includeNonMobile: true });
    expect(all).toMatchObject({ recipients: 6, nonMobile: 0 });
  });
});
