import { describe, expect, it } from 'vitest';
import { eimsAuthFields, eimsDigest } from '../../../src/main/core/providers/eims/auth.ts';
import { buildJobBody, type EimsJobInput } from '../../../src/main/core/providers/eims/job.ts';
import { ProviderError } from '../../../src/main/core/providers/errors.ts';

describe('EIMS auth fields', () => {
  it('md5(account + password + seq + time + key) in lowercase hex', () => {
    expect(eimsDigest('demo', 'pw', 7, 1700000000, 'k')).toBe('f4283462936920181f66a401e7ac0500');
    expect(eimsDigest('账号', '密码', 1, 1700000000, '钥')).toBe('f09cc78e67bdca11f704579f2f92859b');
  });

  it('plain mode sends the password and consumes no seq', () => {
    let calls = 0;
    const f = eimsAuthFields({ account: 'a', encrypted: false, password: 'p', key: undefined, nextSeq: () => ++calls, nowMs: 0 });
    expect(f).toEqual({ account: 'a', password: 'p' });
    expect(calls).toBe(0);
  });

  it('encrypted mode takes a fresh seq each time and Unix seconds', () => {
    let seq = 41;
    const mk = () => eimsAuthFields({ account: 'demo', encrypted: true, password: 'pw', key: 'k', nextSeq: () => ++seq, nowMs: 1700000000999 });
    const a = mk();
    const b = mk();
    expect([a.seq, b.seq]).toEqual([42, 43]);
    expect(a.time).toBe(1700000000);
    expect(a.password).toBe(eimsDigest('demo', 'pw', 42, 1700000000, 'k'));
    expect(a.password).not.toBe(b.password);
  });

  it('needs password and key, and rejects a broken counter', () => {
    const base = { account: 'a', encrypted: true, nextSeq: () => 1, nowMs: 0 };
    expect(() => eimsAuthFields({ ...base, password: undefined, key: 'k' })).toThrow(ProviderError);
    expect(() => eimsAuthFields({ ...base, password: 'p', key: undefined })).toThrow(/key/);
    expect(() => eimsAuthFields({ ...base, password: 'p', key: 'k', nextSeq: () => 0 })).toThrow();
  });
});

describe('EIMS smsjob body', () => {
  const inline = { source: 'inline' as const, numbers: ['8613800000001', ' 8613800000002 '] };
  const job = (extra: Partial<EimsJobInput>): EimsJobInput => ({ name: 'j', content: 'c', numbers: inline, ...extra });
  const fails = (input: EimsJobInput) => {
    try {
      buildJobBody(input);
    } catch (e) {
      return e as ProviderError;
    }
    throw new Error('expected a failure');
  };

  it('builds the documented fields for each job type', () => {
    expect(buildJobBody(job({}))).toEqual({ job: 'j', jobtype: 0, content: 'c', numbersrc: 0, numbers: '8613800000001,8613800000002' });
    expect(buildJobBody(job({ jobType: 1, planStart: 1_700_000_000_500, planEnd: 1_700_000_900_000 }))).toMatchObject({ jobtype: 1, planstarttm: 1700000000, planendtm: 1700000900 });
    expect(buildJobBody(job({ jobType: 2, interval: 15, hour: 8, min: 0 }))).toMatchObject({ jobtype: 2, interval: 15 });
    expect(buildJobBody(job({ jobType: 3, period: 10, hour: 9, min: 0 }))).toMatchObject({ jobtype: 3, period: 10, hour: 9, min: 0 });
    expect(buildJobBody(job({ jobType: 4, week: 7, hour: 9, min: 0 }))).toMatchObject({ week: 7 });
    expect(buildJobBody(job({ jobType: 5, day: 31, mon: 12, hour: 23, min: 59, flash: false, senderId: 'S', smsType: 1, mmsTitle: 'T' }))).toMatchObject({
      day: 31, mon: 12, flash: 0, SenderId: 'S', SMStype: 1, MMStitle: 'T',
    });
  });

  it('numbers by URL must be an .xls file', () => {
    expect(buildJobBody(job({ numbers: { source: 'url', url: 'http://10.0.0.2:8080/n/tok.xls' } }))).toMatchObject({ numbersrc: 1, numbers: 'http://10.0.0.2:8080/n/tok.xls' });
    expect(buildJobBody(job({ numbers: { source: 'url', url: 'https://h/a.XLS?x=1' } })).numbersrc).toBe(1);
    for (const url of ['http://h/a.xlsx', 'ftp://h/a.xls', 'nope']) expect(fails(job({ numbers: { source: 'url', url } })).code).toBe('PROVIDER_INVALID_INPUT');
  });

  it('checks names, types, required fields and ranges', () => {
    expect(fails(job({ name: '' })).code).toBe('EIMS_LIMIT_JOB_NAME');
    expect(fails(job({ name: 'x'.repeat(65) })).code).toBe('EIMS_LIMIT_JOB_NAME');
    expect(buildJobBody(job({ name: '名'.repeat(64) })).job).toHaveLength(64);
    expect(fails(job({ jobType: 7 as 0 })).fields).toHaveProperty('jobType');
    expect(fails(job({ jobType: 1 })).fields).toHaveProperty('planStart');
    expect(fails(job({ jobType: 2, hour: 1, min: 1 })).fields).toHaveProperty('interval');
    expect(fails(job({ jobType: 3, hour: 1 })).fields).toHaveProperty('min');
    expect(fails(job({ jobType: 5, hour: 1, min: 1, day: 1 })).fields).toHaveProperty('mon');
    expect(fails(job({ jobType: 3, hour: 24, min: 0 })).fields).toHaveProperty('hour');
    expect(fails(job({ content: '' })).fields).toHaveProperty('content');
    expect(fails(job({ content: 'x'.repeat(1025) })).code).toBe('EIMS_LIMIT_CONTENT');
  });

  it('inline numbers are limited to 4 KiB', () => {
    const numbers = (n: number) => Array.from({ length: n }, () => '861380000000'); // 12 bytes + comma
    expect(buildJobBody(job({ numbers: { source: 'inline', numbers: numbers(315) } })).numbersrc).toBe(0); // 315*13-1 = 4094
    expect(fails(job({ numbers: { source: 'inline', numbers: numbers(316) } })).code).toBe('EIMS_LIMIT_JOB_NUMBERS');
    expect(fails(job({ numbers: { source: 'inline', numbers: [' '] } })).fields).toHaveProperty('numbers');
  });
});
