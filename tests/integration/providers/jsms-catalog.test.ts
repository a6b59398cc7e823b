/**
 * JSMS templates and signatures (issue 17.6) against the simulator over real HTTP: what JSMS received
 * (its template and signature store, the pictures of a signature), the review status read back, a
 * refusal reason pushed by JSMS's review callback to the receiver, the edit JSMS allows only after a
 * refusal, deletes, and the campaign summary reading the template's text.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignPreview } from '../../../src/shared/campaigns.ts';
import type { JsmsSignView, JsmsTemplateView } from '../../../src/shared/jsms-catalog.ts';
import type { ReceiverStatus } from '../../../src/shared/monitoring.ts';
import { startJsmsSim, type JsmsSim } from '../../sim/jsms.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';
import { call } from '../../helpers/sending.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
let sim: JsmsSim;
let accountId: string;

beforeEach(async () => {
  tmp = makeTempDir();
  tc = makeTestCore(tmp.dir);
  await tc.core.start();
  sim = await startJsmsSim();
  accountId = (
    await call<{ id: string }>(tc.core, 'accountsCreate', {
      config: { kind: 'jsms', name: 'J', baseUrl: sim.url, appKey: 'demo-app-key' },
      secrets: { masterSecret: 'demo-master-secret' },
    })
  ).id;
});
afterEach(async () => {
  await tc.core.stop();
  await sim.close();
  tmp.cleanup();
});

const callbackUrl = async () => (await call<ReceiverStatus>(tc.core, 'receiverStatus')).urls.find((u) => u.accountId === accountId)!.url;

describe('templates', () => {
  it('creates and submits, reads the status, gets the refusal reason by callback, edits only after a refusal, deletes', async () => {
    const created = await call<JsmsTemplateView>(tc.core, 'jsmsTemplateCreate', {
      accountId,
      fields: { template: '{{name}}您好，订单{{order}}已发货', type: 2, remark: '发货通知' },
    });
    expect(created).toMatchObject({ status: 'reviewing', params: ['name', 'order'], remark: '发货通知', refuseReason: null });
    // What JSMS holds.
    expect(sim.state.templates.get(created.tempId)).toMatchObject({ template: '{{name}}您好，订单{{order}}已发货', type: 2, status: 0, remark: '发货通知' });

    // Editing a template under review: JSMS refuses (50047) and nothing changes.
    await expect(call(tc.core, 'jsmsTemplateUpdate', { accountId, tempId: created.tempId, fields: { template: 'x {{a}}', type: 2 } })).rejects.toThrow(/JSMS_50047/);
    expect(sim.state.templates.get(created.tempId)!.template).toBe('{{name}}您好，订单{{order}}已发货');

    // JSMS rejects it and pushes the reason to the receiver.
    expect(await sim.review('template', created.tempId, 2, '含有营销词汇', await callbackUrl())).toBe(200);
    const [listed] = await call<JsmsTemplateView[]>(tc.core, 'jsmsTemplatesList', { accountId });
    expect(listed).toMatchObject({ tempId: created.tempId, status: 'rejected', refuseReason: '含有营销词汇' });
    // The push is what JSMS said at that moment: the screen shows when, not "not checked yet".
    expect(created.checkedAt).toBeNull();
    expect(listed!.checkedAt).toBeGreaterThanOrEqual(created.updatedAt);
    expect(tc.events.some((e) => e.name === 'jsmsCatalogChanged')).toBe(true);
    // A refresh reads the status again and keeps the reason while the template stays rejected.
    const refreshed = await call<JsmsTemplateView[]>(tc.core, 'jsmsTemplateRefresh', { accountId });
    expect(refreshed[0]).toMatchObject({ status: 'rejected', refuseReason: '含有营销词汇' });

    const edited = await call<JsmsTemplateView>(tc.core, 'jsmsTemplateUpdate', {
      accountId,
      tempId: created.tempId,
      fields: { template: '{{name}}您好，您的订单{{order}}已发货', type: 2 },
    });
    expect(edited).toMatchObject({ status: 'reviewing', refuseReason: null });
    expect(sim.state.templates.get(created.tempId)).toMatchObject({ template: '{{name}}您好，您的订单{{order}}已发货', status: 0 });

    await sim.review('template', created.tempId, 1, null);
    expect((await call<JsmsTemplateView[]>(tc.core, 'jsmsTemplateRefresh', { accountId, tempId: created.tempId }))[0]).toMatchObject({ status: 'passed' });

    await call(tc.core, 'jsmsTemplateDelete', { accountId, tempId: created.tempId });
    expect(sim.state.templates.has(created.tempId)).toBe(false);
    expect(await call<JsmsTemplateView[]>(tc.core, 'jsmsTemplatesList', { accountId })).toEqual([]);
  });

  it('adds a template made in the JSMS console by id, marks one JSMS no longer has, and checks fields before calling', async () => {
    const added = await call<JsmsTemplateView>(tc.core, 'jsmsTemplateAdd', { accountId, tempId: 1 });
    expect(added).toMatchObject({ tempId: 1, type: 1, ttl: 300, template: 'Your code is {{code}}', status: 'passed', params: ['code'] });
    await expect(call(tc.core, 'jsmsTemplateAdd', { accountId, tempId: 99 })).rejects.toThrow(/TEMPLATE_NOT_FOUND: JSMS has no template 99/);
    sim.state.templates.delete(1);
    expect((await call<JsmsTemplateView[]>(tc.core, 'jsmsTemplateRefresh', { accountId }))[0]).toMatchObject({ tempId: 1, status: 'gone' });

    const before = sim.state.requests.length;
    await expect(call(tc.core, 'jsmsTemplateCreate', { accountId, fields: { template: 'Code {{code}}', type: 1 } })).rejects.toThrow(/needs a validity/);
    await expect(call(tc.core, 'jsmsTemplateCreate', { accountId, fields: { template: 'x'.repeat(351), type: 2 } })).rejects.toThrow(/at most 350/);
    expect(sim.state.requests.length).toBe(before);
  });

  it('the campaign summary reads a template as JSMS holds it and warns about one under review or a parameter left empty', async () => {
    const draft = (tempId: number, params: Record<string, string>) => ({ name: 'x', accountId, content: { mode: 'template', tempId, params }, recipients: { listIds: [], pasted: '13912340001' } });
    const ok = await call<CampaignPreview>(tc.core, 'campaignPreview', draft(2, { name: 'Li', order: 'A-1' }));
    expect(ok.sample[0]!.text).toBe('Hello Li, your order A-1 has shipped.');
    expect(ok.warnings.filter((w) => /template/i.test(w))).toEqual([]);
    // Reading it for the summary put it in the list.
    expect((await call<JsmsTemplateView[]>(tc.core, 'jsmsTemplatesList', { accountId })).map((t) => t.tempId)).toEqual([2]);

    const pending = await call<CampaignPreview>(tc.core, 'campaignPreview', draft(4, { x: '1' }));
    expect(pending.warnings).toContain('Template 4 is still being reviewed by JSMS: it cannot send until it passes.');
    const unset = await call<CampaignPreview>(tc.core, 'campaignPreview', draft(2, { name: 'Li' }));
    expect(unset.warnings).toContain('The template needs a value for {{order}}: JSMS refuses a message with a parameter left empty.');
  });
});

describe('signatures', () => {
  it('submits a signature with pictures as multipart, reads the review, edits after a refusal, refuses to delete one in use', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const created = await call<JsmsSignView>(tc.core, 'jsmsSignCreate', {
      accountId,
      fields: { sign: '极光商城', images: [{ fileName: 'licence.png', mime: 'image/png', base64: png.toString('base64') }] },
    });
    expect(created).toMatchObject({ sign: '极光商城', status: 'reviewing' });
    const held = sim.state.signs.get(created.signId)!;
    expect(held).toMatchObject({ sign: '极光商城', status: 0 });
    expect(held.pictures.map((p) => [p.field, p.name, p.type, p.bytes.toString('hex')])).toEqual([['image0', 'licence.png', 'image/png', png.toString('hex')]]);

    // JSMS takes one signature under review at a time (50103), said plainly.
    await expect(call(tc.core, 'jsmsSignCreate', { accountId, fields: { sign: '第二个' } })).rejects.toThrow(/another signature is still being reviewed/);

    expect(await sim.review('sign', created.signId, 2, '需要营业执照', await callbackUrl())).toBe(200);
    expect((await call<JsmsSignView[]>(tc.core, 'jsmsSignsList', { accountId }))[0]).toMatchObject({ status: 'rejected', refuseReason: '需要营业执照' });

    const edited = await call<JsmsSignView>(tc.core, 'jsmsSignUpdate', { accountId, signId: created.signId, fields: { sign: '极光商城官方' } });
    expect(edited).toMatchObject({ sign: '极光商城官方', status: 'reviewing', refuseReason: null });
    expect(sim.state.signs.get(created.signId)).toMatchObject({ sign: '极光商城官方', status: 0, pictures: [] });

    await sim.review('sign', created.signId, 1, null);
    sim.state.signs.get(created.signId)!.useStatus = 1;
    expect((await call<JsmsSignView[]>(tc.core, 'jsmsSignRefresh', { accountId }))[0]).toMatchObject({ status: 'passed', inUse: true });
    await expect(call(tc.core, 'jsmsSignDelete', { accountId, signId: created.signId })).rejects.toThrow(/JSMS_50105/);
    expect(sim.state.signs.has(created.signId)).toBe(true);
    sim.state.signs.get(created.signId)!.useStatus = 0;
    await call(tc.core, 'jsmsSignDelete', { accountId, signId: created.signId });
    expect(sim.state.signs.has(created.signId)).toBe(false);
    expect(await call<JsmsSignView[]>(tc.core, 'jsmsSignsList', { accountId })).toEqual([]);
  });
});
