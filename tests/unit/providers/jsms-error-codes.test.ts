import { describe, expect, it } from 'vitest';
import { JSMS_ERROR_CODES, describeJsmsCode, jsmsErrorCode, jsmsSentence } from '../../../src/main/core/providers/jsms/error-codes.ts';
import { createJsmsClient } from '../../../src/main/core/providers/jsms/client.ts';
import { systemClock } from '../../../src/main/core/ports.ts';
import { ProviderError } from '../../../src/main/core/providers/errors.ts';

const ALL = Array.from({ length: 55 }, (_, i) => 50000 + i);

describe('JSMS code table', () => {
  it('has an entry for every code 50000–50054', () => {
    for (const code of ALL) expect(JSMS_ERROR_CODES[code], String(code)).toBeDefined();
  });

  it.each(ALL.filter((c) => c !== 50000))('%i has a stable code and a plain sentence', (code) => {
    expect(jsmsErrorCode(code)).toBe(`JSMS_${code}`);
    const sentence = jsmsSentence(code);
    expect(sentence).toMatch(new RegExp(`^JSMS says: .+ \\(${code}\\)\\. .+\\.$`));
  });

  it('classifies: only 50019 transient; credentials auth; quota/frequency limits', () => {
    const transient = ALL.filter((c) => describeJsmsCode(c).kind === 'transient');
    expect(transient).toEqual([50019]);
    for (const c of [50001, 50002, 50008, 50035, 50036]) expect(describeJsmsCode(c).kind).toBe('auth');
    for (const c of [50009, 50014, 50031, 50033]) expect(describeJsmsCode(c).kind).toBe('limit');
    expect(describeJsmsCode(50006).kind).toBe('permanent');
  });

  it('adds the provider text for codes without a confirmed description, and handles unknown codes', () => {
    expect(jsmsSentence(50050, 'sign invalid')).toContain('“sign invalid”');
    expect(jsmsSentence(50006, 'invalid mobile')).not.toContain('“');
    expect(describeJsmsCode(59999).kind).toBe('permanent');
    expect(jsmsSentence(59999, 'odd')).toContain('(59999)');
  });
});

describe('every JSMS error envelope becomes a ProviderError through the client', () => {
  const statusOf = (code: number) => (code === 50019 ? 500 : code === 50002 ? 401 : [50001, 50003, 50004, 50005, 50015].includes(code) ? 400 : 403);
  it.each(ALL.filter((c) => c !== 50000))('code %i', async (code) => {
    const fetchStub = (async () =>
      new Response(JSON.stringify({ error: { code, message: 'provider text' } }), {
        status: statusOf(code),
        headers: { 'content-type': 'application/json' },
      })) as typeof fetch;
    const client = createJsmsClient({ id: 'a', baseUrl: 'http://jsms.test', appKey: 'k' }, () => 'secret-value', {
      fetch: fetchStub, clock: systemClock, nextSeq: () => 1,
    });
    const err = await client.sendTemplate({ mobile: '13800000000', tempId: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProviderError);
    const e = err as ProviderError;
    expect(e.code).toBe(`JSMS_${code}`);
    expect(e.providerCode).toBe(code);
    expect(e.outcome).toBe('not-sent');
    expect(e.kind).toBe(describeJsmsCode(code).kind);
    expect(e.message).not.toContain('secret-value');
  });

  it('a string error code is accepted too', async () => {
    const fetchStub = (async () => new Response('{"error":{"code":"50013","message":"invalid temp_id"}}', { status: 403 })) as typeof fetch;
    const client = createJsmsClient({ id: 'a', baseUrl: 'http://jsms.test', appKey: 'k' }, () => 's', { fetch: fetchStub, clock: systemClock, nextSeq: () => 1 });
    await expect(client.appBalance()).rejects.toMatchObject({ code: 'JSMS_50013' });
  });
});
