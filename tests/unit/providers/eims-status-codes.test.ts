import { describe, expect, it } from 'vitest';
import {
  EIMS_DELIVER_STATUS,
  EIMS_REPLY_STATUS,
  EIMS_SEND_STATUS,
  describeEimsStatus,
  eimsSendStatusCode,
  eimsSendStatusSentence,
  eimsStatusSentence,
} from '../../../src/main/core/providers/eims/status-codes.ts';
import { createEimsClient } from '../../../src/main/core/providers/eims/client.ts';
import { ProviderError } from '../../../src/main/core/providers/errors.ts';
import { systemClock } from '../../../src/main/core/ports.ts';

const NEGATIVE = Array.from({ length: 17 }, (_, i) => -(i + 1));
const SEND = [1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1016, 1017, 1018, 1019, 1020, 1021, 1022, 1023];

describe('EIMS reply statuses -1..-17', () => {
  it('has every documented status with a distinct stable code', () => {
    const codes = NEGATIVE.map((s) => EIMS_REPLY_STATUS[s]?.code);
    expect(codes.every((c) => typeof c === 'string' && c.startsWith('EIMS_'))).toBe(true);
    expect(new Set(codes).size).toBe(17);
  });

  it('only -12 and -17 are transient; -1/-2/-13 are auth; -5/-7/-10 limits', () => {
    expect(NEGATIVE.filter((s) => describeEimsStatus(s).kind === 'transient')).toEqual([-12, -17]);
    expect(NEGATIVE.filter((s) => describeEimsStatus(s).kind === 'auth')).toEqual([-1, -2, -13]);
    expect(NEGATIVE.filter((s) => describeEimsStatus(s).kind === 'limit')).toEqual([-5, -7, -10]);
  });

  it('says -10 exactly as the design asks', () => {
    expect(eimsStatusSentence(-10)).toBe('EIMS says: balance insufficient (-10). Top up the account or lower the batch.');
  });

  it('handles an undocumented status', () => {
    expect(describeEimsStatus(-99).code).toBe('EIMS_STATUS_-99');
  });

  it.each(NEGATIVE)('status %i from the platform becomes its ProviderError', async (status) => {
    const fetchStub = (async () => new Response(JSON.stringify({ status }), { status: 200 })) as typeof fetch;
    const c = createEimsClient({ id: 'e', baseUrl: 'http://eims.test', account: 'a', encrypted: false }, () => 'pw-secret', {
      fetch: fetchStub, clock: systemClock, nextSeq: () => 1,
    });
    const err = await c.balance().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).code).toBe(EIMS_REPLY_STATUS[status]!.code);
    expect((err as ProviderError).providerCode).toBe(status);
    expect((err as ProviderError).message).toBe(eimsStatusSentence(status));
    expect((err as ProviderError).message).not.toContain('pw-secret');
  });

  it('a status sent as a string is read too', async () => {
    const fetchStub = (async () => new Response('{"status":"-10"}')) as typeof fetch;
    const c = createEimsClient({ id: 'e', baseUrl: 'http://eims.test', account: 'a', encrypted: false }, () => 'pw', { fetch: fetchStub, clock: systemClock, nextSeq: () => 1 });
    await expect(c.balance()).rejects.toMatchObject({ code: 'EIMS_BALANCE' });
  });
});

describe('EIMS send and delivery statuses', () => {
  it.each(SEND)('send status %i has a code and names its label', (code) => {
    expect(EIMS_SEND_STATUS[code]).toBeDefined();
    expect(eimsSendStatusCode(code)).toBe(`EIMS_SEND_${code}`);
    expect(eimsSendStatusSentence(code)).toContain(`(${code} ${EIMS_SEND_STATUS[code]!.label})`);
  });

  it('an undocumented send status still gives a sentence', () => {
    expect(eimsSendStatusSentence(1015)).toContain('status 1015');
  });

  it('has all six delivery statuses, each with a distinct stable code and a state', () => {
    expect(Object.keys(EIMS_DELIVER_STATUS).map(Number)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(Object.values(EIMS_DELIVER_STATUS).map((d) => d.code)).size).toBe(6);
    expect(Object.values(EIMS_DELIVER_STATUS).map((d) => d.state)).toEqual(['sent', 'sent', 'failed', 'delivered', 'expired', 'sent']);
  });
});
