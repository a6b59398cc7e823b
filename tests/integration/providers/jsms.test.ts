import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsmsClient } from '../../../src/main/core/providers/jsms/client.ts';
import { startJsmsSim, type JsmsSim } from '../../sim/jsms.ts';
import { expectNoSecrets, providerError, secrets, testDeps } from './helpers.ts';

let sim: JsmsSim;
const secretMap = { masterSecret: 'demo-master-secret', devSecret: 'demo-dev-secret' };

function client(overrides: { masterSecret?: string; devKey?: string | undefined; devSecret?: string; baseUrl?: string } = {}) {
  return createJsmsClient(
    {
      id: 'acc-1',
      baseUrl: overrides.baseUrl ?? sim.url,
      appKey: 'demo-app-key',
      devKey: 'devKey' in overrides ? overrides.devKey : 'demo-dev-key',
    },
    secrets({ ...secretMap, ...overrides }),
    testDeps(),
  );
}

beforeEach(async () => {
  sim = await startJsmsSim();
});
afterEach(async () => {
  await sim.close();
});

describe('JSMS verification codes', () => {
  it('sends a text code and verifies it once', async () => {
    const c = client();
    const { msgId } = await c.sendTextCode({ mobile: '13800000001', tempId: 1 });
    expect(msgId).toMatch(/^\d+$/);
    const code = sim.codeFor(msgId)!;
    expect(await c.verifyCode(msgId, '000')).toEqual({ valid: false, reasonCode: 50010, reason: 'The code is wrong.' });
    expect(await c.verifyCode(msgId, code)).toEqual({ valid: true });
    expect((await c.verifyCode(msgId, code)).reasonCode).toBe(50012);
    expect(sim.state.accepted.map((r) => r.number)).toEqual(['13800000001']);
  });

  it('reports an expired code', async () => {
    const c = client();
    const { msgId } = await c.sendTextCode({ mobile: '13800000001', tempId: 1 });
    sim.expireCode(msgId);
    expect((await c.verifyCode(msgId, sim.codeFor(msgId)!)).reasonCode).toBe(50011);
  });

  it('sends a voice code with options and validates the code locally first', async () => {
    const c = client();
    const { msgId } = await c.sendVoiceCode({ mobile: '13800000002', code: '123456', voiceLang: 1, ttlSeconds: 120 });
    expect(sim.codeFor(msgId)).toBe('123456');
    const err = await providerError(c.sendVoiceCode({ mobile: '13800000002', code: '12' }));
    expect(err.code).toBe('PROVIDER_INVALID_INPUT');
    expect(err.outcome).toBe('not-sent');
    expect(sim.state.requests.filter((r) => r.path === '/v1/voice_codes')).toHaveLength(1);
  });

  it('maps an unknown msg_id to JSMS_50026', async () => {
    const err = await providerError(client().verifyCode('999', '1234'));
    expect(err.code).toBe('JSMS_50026');
    expect(err.providerCode).toBe(50026);
    expect(err.kind).toBe('permanent');
  });
});

describe('JSMS template SMS', () => {
  it('sends one template SMS with parameters', async () => {
    const r = await client().sendTemplate({ mobile: '13800000003', tempId: 2, tempPara: { name: 'Ann', order: 'A1' } });
    expect(sim.state.accepted[0]).toMatchObject({ number: '13800000003', content: 'Hello Ann, your order A1 has shipped.', providerId: r.msgId });
  });

  it('explains a missing template parameter (50022) and a template in review (50020)', async () => {
    const e1 = await providerError(client().sendTemplate({ mobile: '13800000003', tempId: 2, tempPara: { name: 'Ann' } }));
    expect(e1.code).toBe('JSMS_50022');
    expect(e1.message).toMatch(/JSMS says: .*\(50022\)/);
    const e2 = await providerError(client().sendTemplate({ mobile: '13800000003', tempId: 4 }));
    expect(e2.code).toBe('JSMS_50020');
  });

  it('sends a batch with mixed results (recipients shape)', async () => {
    const r = await client().sendTemplateBatch({
      tempId: 3,
      tag: 'promo',
      recipients: [{ mobile: '13800000004' }, { mobile: 'bad' }, { mobile: '13800000005' }],
    });
    expect(r.accepted.map((a) => a.number)).toEqual(['13800000004', '13800000005']);
    expect(r.accepted.every((a) => typeof a.providerId === 'string')).toBe(true);
    expect(r.rejected).toEqual([expect.objectContaining({ number: 'bad', code: 'JSMS_50006', providerCode: 50006 })]);
    expect(r.successCount).toBe(2);
  });

  it('accepts the failure_recipients shape and numeric msg_ids', async () => {
    sim.state.batchReplyShape = 'failure_recipients';
    sim.state.numericMsgIds = true;
    const c = client();
    const r = await c.sendTemplateBatch({ tempId: 3, recipients: [{ mobile: '13800000004' }, { mobile: 'x1' }] });
    expect(r.accepted).toEqual([{ number: '13800000004', providerId: null }]);
    expect(r.rejected.map((x) => x.number)).toEqual(['x1']);
    const single = await c.sendTemplate({ mobile: '13800000009', tempId: 3 });
    expect(typeof single.msgId).toBe('string');
  });

  it('enforces the 1000-recipient and 10-character tag limits before any request', async () => {
    const c = client();
    const many = Array.from({ length: 1001 }, (_, i) => ({ mobile: `1380000${String(i).padStart(4, '0')}` }));
    const e1 = await providerError(c.sendTemplateBatch({ tempId: 3, recipients: many }));
    expect(e1.code).toBe('JSMS_50031');
    expect(e1.kind).toBe('limit');
    const e2 = await providerError(c.sendTemplateBatch({ tempId: 3, recipients: [{ mobile: '13800000001' }], tag: 'elevenchars' }));
    expect(e2.code).toBe('JSMS_TAG_TOO_LONG');
    expect(sim.state.requests).toHaveLength(0);
  });

  it('says when the balance is insufficient (50014, limit)', async () => {
    sim.setAppBalance(0);
    const err = await providerError(client().sendTemplate({ mobile: '13800000003', tempId: 3 }));
    expect(err.code).toBe('JSMS_50014');
    expect(err.kind).toBe('limit');
    expect(err.outcome).toBe('not-sent');
  });
});

describe('JSMS frequency limit', () => {
  it('maps "out of freq" to JSMS_50009 (limit)', async () => {
    await sim.close();
    sim = await startJsmsSim({ maxPerMobilePerMinute: 1 });
    const c = client();
    await c.sendTextCode({ mobile: '13800000001', tempId: 1 });
    const err = await providerError(c.sendTextCode({ mobile: '13800000001', tempId: 1 }));
    expect(err).toMatchObject({ code: 'JSMS_50009', kind: 'limit', outcome: 'not-sent' });
    expect(sim.state.accepted).toHaveLength(1);
  });
});

describe('JSMS scheduled SMS', () => {
  const future = () => Date.now() + 3600_000;

  it('creates, reads, modifies and deletes a single schedule', async () => {
    const c = client();
    const at = future();
    const { scheduleId } = await c.scheduleCreate({ sendAt: at, mobile: '13800000006', tempId: 2, tempPara: { name: 'B', order: 'O' } });
    const q = await c.scheduleGet(scheduleId);
    expect(q.tempId).toBe(2);
    expect(q.recipients[0]?.mobile).toBe('13800000006');
    // China time = UTC+8, whatever the PC's zone is
    const expected = new Date(at + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    expect(q.sendTime).toBe(expected);
    expect(q.sendAt).toBe(Math.floor(at / 1000) * 1000);
    await c.scheduleUpdate(scheduleId, { sendAt: at + 60_000, mobile: '13800000007', tempId: 3 });
    expect((await c.scheduleGet(scheduleId)).recipients[0]?.mobile).toBe('13800000007');
    await c.scheduleDelete(scheduleId);
    const err = await providerError(c.scheduleUpdate(scheduleId, { sendAt: at, mobile: '13800000007', tempId: 3 }));
    expect(err.code).toBe('JSMS_50029');
    expect(sim.state.accepted).toHaveLength(0);
  });

  it('refuses a send time in the past (50027)', async () => {
    const err = await providerError(client().scheduleCreate({ sendAt: Date.now() - 60_000, mobile: '13800000006', tempId: 3 }));
    expect(err.code).toBe('JSMS_50027');
  });

  it('creates and modifies a batch schedule', async () => {
    const c = client();
    const r = await c.scheduleBatchCreate({ sendAt: future(), tempId: 3, recipients: [{ mobile: '13800000008' }, { mobile: 'nope' }] });
    expect(r.scheduleId).toBeTruthy();
    expect(r.rejected.map((x) => x.number)).toEqual(['nope']);
    expect(r.accepted).toEqual([{ number: '13800000008', providerId: null }]);
    const u = await c.scheduleBatchUpdate(r.scheduleId, { sendAt: future(), tempId: 3, recipients: [{ mobile: '13800000010' }] });
    expect(u.scheduleId).toBe(r.scheduleId);
    expect(sim.fireSchedules(true)).toBe(1);
    expect(sim.state.accepted.map((x) => x.number)).toEqual(['13800000010']);
  });

  it('maps an unknown schedule id to JSMS_50028', async () => {
    expect((await providerError(client().scheduleGet('missing'))).code).toBe('JSMS_50028');
  });
});

describe('JSMS balances, templates and auth', () => {
  it('reads app and dev balances (dev with the dev key pair)', async () => {
    const c = client();
    expect((await c.appBalance()).balance).toBe(1000);
    expect((await c.devBalance()).balance).toBe(5000);
    expect((await c.appBalance()).market).toBeNull();
  });

  it('maps no app quota to JSMS_50033; the connection check still passes with a warning', async () => {
    sim.setAppBalance(null);
    expect((await providerError(client().appBalance())).code).toBe('JSMS_50033');
    const check = await client({ devKey: undefined }).checkConnection();
    expect(check.ok).toBe(true);
    expect(check.balances[0]).toEqual({ label: 'App SMS, all types', amount: null, unit: 'messages', pool: 'all' });
    expect(check.warnings[0]).toContain('50033');
  });

  it('fails auth clearly without leaking the secret', async () => {
    const err = await providerError(client({ masterSecret: 'wrong-secret-value' }).appBalance());
    expect(err.code).toBe('JSMS_50002');
    expect(err.kind).toBe('auth');
    expectNoSecrets(err, ['wrong-secret-value', 'demo-master-secret']);
  });

  it('asks for a missing secret before any request', async () => {
    const c = createJsmsClient(
      { id: 'a', baseUrl: sim.url, appKey: 'demo-app-key' },
      () => undefined,
      testDeps(),
    );
    expect((await providerError(c.appBalance())).code).toBe('PROVIDER_SECRET_MISSING');
    expect(sim.state.requests).toHaveLength(0);
  });

  it('wrong dev secret gives an auth error on the dev balance only', async () => {
    const c = client({ devSecret: 'nope-nope' });
    expect((await c.appBalance()).balance).toBe(1000);
    expect((await providerError(c.devBalance())).code).toBe('JSMS_50002');
  });

  it('creates, reads, refuses to modify an unrejected, and deletes a template', async () => {
    const c = client();
    const { tempId } = await c.templateCreate({ template: 'Hi {{n}}', type: 2, remark: 'test' });
    expect((await c.templateGet(tempId)).status).toBe(0);
    expect((await providerError(c.templateUpdate(tempId, { template: 'x', type: 2 }))).code).toBe('JSMS_50047');
    await c.templateDelete(tempId);
    expect((await providerError(c.templateGet(tempId))).code).toBe('JSMS_50013');
  });

  it('summarises a connection check with the app’s four quotas and the account balance', async () => {
    sim.state.appIndustry = 700;
    const check = await client().checkConnection();
    expect(check.ok).toBe(true);
    expect(check.balances.map((b) => [b.label, b.amount])).toEqual([
      ['App SMS, all types', 1000],
      ['App industry SMS (codes, notices)', 700],
      ['App marketing SMS', null],
      ['App voice codes', 100],
      ['Account balance (SMS)', 5000],
    ]);
    const noDev = await client({ devKey: undefined }).checkConnection();
    expect(noDev.balances.map((b) => b.pool)).toEqual(['all', 'industry', 'market', 'voice']);
  });
});

describe('JSMS report and reply pull', () => {
  it('returns each record once, at most 500 a call, and explains a call that came too soon (50009)', async () => {
    const fast = await startJsmsSim({ pullGapMs: 300, appBalance: 10_000 });
    try {
      const c = createJsmsClient({ id: 'acc-1', baseUrl: fast.url, appKey: 'demo-app-key' }, secrets(secretMap), testDeps());
      const recipients = Array.from({ length: 501 }, (_, i) => ({ mobile: `139${String(10_000_000 + i).slice(-8)}` }));
      await c.sendTemplateBatch({ tempId: 3, recipients });
      expect(fast.reportAll((_id, mobile) => (mobile.endsWith('7') ? 4003 : 4001))).toBe(501);
      fast.addReply({ phone: '13910000001', content: '好的' });
      const first = await c.pullReports();
      expect(first).toHaveLength(500);
      expect(first[0]).toMatchObject({ msgId: fast.state.accepted[0]!.providerId, status: 4001, phone: recipients[0]!.mobile });
      const tooSoon = await providerError(c.pullReports());
      expect(tooSoon.code).toBe('JSMS_50009');
      expect(fast.state.pullRefused).toBe(1);
      expect(await c.pullReplies()).toMatchObject([{ phone: '13910000001', content: '好的' }]);
      await new Promise((r) => setTimeout(r, 320));
      expect(await c.pullReports()).toMatchObject([{ status: 4001 }]);
      await new Promise((r) => setTimeout(r, 320));
      expect(await c.pullReports()).toEqual([]);
      expect(await c.pullReplies()).toEqual([]);
    } finally {
      await fast.close();
    }
  });

  it('a pull answered with something other than an array is a bad reply, not an empty pull', async () => {
    const fetchObject: typeof fetch = () => Promise.resolve(new Response('{"msgId":"1","status":4001}', { status: 200, headers: { 'content-type': 'application/json' } }));
    const c = createJsmsClient({ id: 'acc-1', baseUrl: sim.url, appKey: 'demo-app-key' }, secrets(secretMap), testDeps({ fetch: fetchObject }));
    const err = await providerError(c.pullReports());
    expect(err.code).toBe('PROVIDER_BAD_REPLY');
    expect(err.outcome).toBe('not-sent');
    expect(err.message).toContain('delivery report pull');
    expect((await providerError(c.pullReplies())).message).toContain('reply pull');
  });
});
