/**
 * Save as draft and duplicate (issue 17.5): a draft keeps the form as it was left, even incomplete;
 * a duplicated campaign comes back as the form that sends it again — its content, account, quiet
 * hours, ports and its recipients (lists and pasted numbers) — and sending that form reaches the
 * same numbers with the same text.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import type { DraftDetail, DraftView, SavedForm } from '../../../src/shared/drafts.ts';
import { startGsmboxSim } from '../../sim/gsmbox.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call, handedOver, importList, waitForCampaign } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
const sims: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir, { dispatch: { progressEveryMs: 20, boxPaceMs: 20 } });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  await Promise.all(sims.splice(0).map((s) => s.close()));
  tmp.cleanup();
});

it('keeps an incomplete form as a draft, lists it newest first, replaces and deletes it', async () => {
  const first = await call<DraftView>(tc.core, 'draftSave', { form: { name: 'Half done', body: 'Hello {name|客户}', pasted: '13900000001' } });
  expect(first).toMatchObject({ name: 'Half done', accountId: null, accountName: null, text: 'Hello {name|客户}', tempId: '' });
  const second = await call<DraftView>(tc.core, 'draftSave', { form: { name: '', tempId: '2', params: [{ name: 'order', value: '{phone}' }] } });
  expect((await call<DraftView[]>(tc.core, 'draftsList')).map((d) => d.id)).toEqual([second.id, first.id]);

  const changed = await call<DraftView>(tc.core, 'draftSave', { id: first.id, form: { name: 'Now done', body: 'Hello again', quietHours: { start: '21:00', end: '08:00' } } });
  expect(changed).toMatchObject({ id: first.id, name: 'Now done', text: 'Hello again' });
  const detail = await call<DraftDetail>(tc.core, 'draftGet', { id: first.id });
  expect(detail.form).toMatchObject({ name: 'Now done', body: 'Hello again', pasted: '', quietHours: { start: '21:00', end: '08:00' } });
  expect(tc.events.filter((e) => e.name === 'draftsChanged')).toHaveLength(3);

  await call(tc.core, 'draftDelete', { id: first.id });
  expect((await call<DraftView[]>(tc.core, 'draftsList')).map((d) => d.id)).toEqual([second.id]);
  await expect(call(tc.core, 'draftGet', { id: first.id })).rejects.toThrow(/DRAFT_NOT_FOUND/);
});

it('duplicates a campaign as the form that sends it again: same lists, pasted numbers, text, ports and quiet hours', async () => {
  const sim = await startGsmboxSim({ ports: 2, busyMs: 10 });
  sims.push(sim);
  const { id: accountId } = await call<{ id: string }>(tc.core, 'accountsCreate', {
    config: { kind: 'gsmbox', name: 'Box', baseUrl: sim.url, username: 'admin' },
    secrets: { password: 'demo-box-password' },
  });
  const listId = await importList(tc.core, 'VIP', 'phone,name\n13912340001,赵一\n');
  // Quiet hours that are not now: a minute, twelve hours away.
  const hhmm = (t: number) => `${String(new Date(t).getHours()).padStart(2, '0')}:${String(new Date(t).getMinutes()).padStart(2, '0')}`;
  const quietHours = { start: hhmm(Date.now() + 12 * 3_600_000), end: hhmm(Date.now() + 12 * 3_600_000 + 60_000) };
  const draft = {
    name: 'Spring sale',
    accountId,
    content: { mode: 'text', body: '{name|朋友}，春季特卖' },
    recipients: { listIds: [listId], pasted: '13912340002' },
    ports: [2],
    quietHours,
  };
  const c = await call<CampaignView>(tc.core, 'campaignCreate', { ...draft, confirmed: true });
  await waitForCampaign(tc.core, c.id, { until: handedOver });
  const firstRun = sim.state.accepted.map((a) => [a.number, a.content]).sort();

  const form = await call<SavedForm>(tc.core, 'campaignDuplicate', { id: c.id });
  expect(form).toMatchObject({
    name: 'Spring sale',
    accountId,
    body: '{name|朋友}，春季特卖',
    listIds: [listId],
    pasted: '13912340002',
    ports: [2],
    quietHours,
  });
  // Duplicating saved nothing.
  expect(await call<DraftView[]>(tc.core, 'draftsList')).toEqual([]);

  // Sent again from that form, the same numbers get the same texts.
  sim.state.accepted.length = 0;
  const again = await call<CampaignView>(tc.core, 'campaignCreate', {
    name: `${form.name} (2)`,
    accountId: form.accountId,
    content: { mode: 'text', body: form.body },
    recipients: { listIds: form.listIds, pasted: form.pasted },
    ports: form.ports,
    quietHours: form.quietHours,
    confirmed: true,
  });
  await waitForCampaign(tc.core, again.id, { until: handedOver });
  expect(sim.state.accepted.map((a) => [a.number, a.content]).sort()).toEqual(firstRun);
  expect(firstRun).toEqual([
    ['13912340001', '赵一，春季特卖'],
    ['13912340002', '朋友，春季特卖'],
  ]);
});
