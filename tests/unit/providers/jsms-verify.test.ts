import { describe, expect, it } from 'vitest';
import { createJsmsClient } from '../../../src/main/core/providers/jsms/client.ts';
import { systemClock } from '../../../src/main/core/ports.ts';

function clientReplying(status: number, body: unknown) {
  const calls: Request[] = [];
  const fetchStub = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push(new Request(input, init));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const c = createJsmsClient({ id: 'a', baseUrl: 'http://jsms.test', appKey: 'key' }, (f) => (f === 'masterSecret' ? 'ms' : undefined), {
    fetch: fetchStub, clock: systemClock, nextSeq: () => 1,
  });
  return { c, calls };
}

describe('JSMS code check variants', () => {
  it('reads {is_valid:false, error} as a normal answer', async () => {
    const { c } = clientReplying(200, { is_valid: false, error: { code: 50011, message: 'expired code' } });
    expect(await c.verifyCode('1', '123')).toEqual({ valid: false, reasonCode: 50011, reason: 'The code has expired.' });
  });

  it.each([50010, 50011, 50012])('reads a plain 403 error envelope %i as a normal answer too', async (code) => {
    const { c } = clientReplying(403, { error: { code, message: 'x' } });
    expect(await c.verifyCode('1', '123')).toMatchObject({ valid: false, reasonCode: code });
  });

  it('other errors still throw', async () => {
    const { c } = clientReplying(403, { error: { code: 50026, message: 'wrong msg_id' } });
    await expect(c.verifyCode('1', '123')).rejects.toMatchObject({ code: 'JSMS_50026' });
  });

  it('sends Basic auth of appKey:masterSecret and the code in the body', async () => {
    const { c, calls } = clientReplying(200, { is_valid: true });
    expect(await c.verifyCode('77 8', '123456')).toEqual({ valid: true });
    expect(calls[0]?.url).toBe('http://jsms.test/v1/codes/77%208/valid');
    expect(calls[0]?.headers.get('authorization')).toBe(`Basic ${Buffer.from('key:ms').toString('base64')}`);
    expect(await calls[0]?.json()).toEqual({ code: '123456' });
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
  });

  it('reads a balance of only app_balance (null = no quota)', async () => {
    expect(await clientReplying(200, { app_balance: 20 }).c.appBalance()).toEqual({ balance: 20, voice: null, industry: null, market: null });
    expect((await clientReplying(200, { app_balance: null }).c.appBalance()).balance).toBeNull();
  });

  it('a 2xx reply of the wrong shape is a clear bad reply (unknown for sends)', async () => {
    const { c } = clientReplying(200, { hello: 1 });
    await expect(c.sendTemplate({ mobile: '1380000', tempId: 1 })).rejects.toMatchObject({ code: 'PROVIDER_BAD_REPLY', outcome: 'unknown' });
    await expect(c.appBalance()).rejects.toMatchObject({ code: 'PROVIDER_BAD_REPLY', outcome: 'not-sent' });
  });
});
