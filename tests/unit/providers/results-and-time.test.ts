import { describe, expect, it } from 'vitest';
import { matchAccepted } from '../../../src/main/core/providers/eims/send-result.ts';
import { toSendResult } from '../../../src/main/core/providers/jsms/results.ts';
import { formatCompact, formatDashed, parseProviderTime } from '../../../src/main/core/providers/provider-time.ts';

describe('JSMS batch results', () => {
  const asked = [{ mobile: '1' }, { mobile: '2' }, { mobile: '2' }, { mobile: '3' }];

  it('reads `recipients` mixing accepted and rejected rows', () => {
    const r = toSendResult(
      { success_count: 2, failure_count: 1, recipients: [{ msg_id: '10', mobile: '1' }, { mobile: '2', error_code: 50006, error_message: 'invalid mobile' }, { msg_id: '11', mobile: '3' }] },
      asked,
    );
    expect(r.accepted).toEqual([{ number: '1', providerId: '10' }, { number: '3', providerId: '11' }]);
    expect(r.rejected).toEqual([expect.objectContaining({ number: '2', code: 'JSMS_50006', providerCode: 50006 })]);
    expect([r.successCount, r.failureCount]).toEqual([2, 1]);
  });

  it('reads `failure_recipients` only: the rest count as accepted without ids (duplicates counted)', () => {
    const r = toSendResult({ failure_recipients: [{ mobile: '2', error_code: 50006 }] }, asked);
    expect(r.accepted).toEqual([{ number: '1', providerId: null }, { number: '2', providerId: null }, { number: '3', providerId: null }]);
    expect(r.rejected.map((x) => x.number)).toEqual(['2']);
    expect(r.successCount).toBe(3);
  });
});

describe('EIMS send reply matching', () => {
  it('matches [number, id] rows to requested numbers, even when the platform drops "+" or sends numbers', () => {
    const r = matchAccepted(['+8613800000001', '8613800000002', 'bad'], [[8613800000001, 1], ['8613800000002', '2']]);
    expect(r.accepted).toEqual([{ number: '+8613800000001', providerId: '1' }, { number: '8613800000002', providerId: '2' }]);
    expect(r.rejected.map((x) => [x.number, x.code])).toEqual([['bad', 'EIMS_NUMBER_REJECTED']]);
  });

  it('reads a swapped [id, number] row and handles the same number twice', () => {
    const r = matchAccepted(['100200300', '100200300'], [[7, '100200300'], ['100200300', 8]]);
    expect(r.accepted).toEqual([{ number: '100200300', providerId: '7' }, { number: '100200300', providerId: '8' }]);
    expect(r.rejected).toEqual([]);
  });
});

describe('provider time formats', () => {
  const t = Date.UTC(2030, 11, 31, 16, 5, 9); // 2031-01-01 00:05:09 at UTC+8

  it('formats in an explicit zone, whatever the PC zone is', () => {
    expect(formatDashed(t, 480)).toBe('2031-01-01 00:05:09');
    expect(formatCompact(t, 480)).toBe('20310101000509');
    expect(formatDashed(t, 0)).toBe('2030-12-31 16:05:09');
    expect(formatDashed(t, -300)).toBe('2030-12-31 11:05:09');
  });

  it('parses every format providers use', () => {
    expect(parseProviderTime('20310101000509', 480)).toBe(t);
    expect(parseProviderTime(20310101000509, 480)).toBe(t);
    expect(parseProviderTime('2031-01-01 00:05:09', 480)).toBe(t);
    expect(parseProviderTime('2031/01/01 00:05:09', 480)).toBe(t);
    expect(parseProviderTime('31-01-01 00:05:09', 480)).toBe(t);
    expect(parseProviderTime(Math.floor(t / 1000), 480)).toBe(t);
    expect(parseProviderTime(String(t), 0)).toBe(t);
  });

  it('returns undefined for anything unreadable', () => {
    for (const v of ['', 'soon', '20311301000000', 0, -5, null, {}, '2031-13-01']) expect(parseProviderTime(v, 0)).toBeUndefined();
  });
});
