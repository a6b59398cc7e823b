/** Unusual DST rules (midnight gaps, 30-minute shifts) and whether a served URL is reachable from the internet. */
import { describe, expect, it } from 'vitest';
import { addressReach, reachWarning } from '../../../src/shared/reachability.ts';
import { upcomingRuns } from '../../../src/shared/recurrence.ts';
import { whenSchema } from '../../../src/shared/schedules.ts';
import { formatLocalDateTime, instantOf, offsetAt, parseLocalDateTime } from '../../../src/shared/zoned-time.ts';

const at = (local: string, zone: string) => instantOf(parseLocalDateTime(local), zone);

describe('zones with unusual transitions', () => {
  it('Santiago skips midnight on its spring-forward day: a daily 00:00 runs at 01:00 that day, once', () => {
    // Chile 2026-09-06: 00:00 -04 → 01:00 -03.
    const w = whenSchema.parse({ zone: 'America/Santiago', repeat: { kind: 'daily', time: '00:00' } });
    const runs = upcomingRuns(w, at('2026-09-04T12:00', 'America/Santiago'), 3);
    expect(runs.map((t) => formatLocalDateTime(t, 'America/Santiago'))).toEqual(['2026-09-05T00:00', '2026-09-06T01:00', '2026-09-07T00:00']);
  });
  it('Lord Howe moves by 30 minutes: 02:15 in the gap becomes 02:30, once', () => {
    // Lord Howe 2026-10-04: 02:00 +10:30 → 02:30 +11.
    expect(formatLocalDateTime(at('2026-10-04T02:15', 'Australia/Lord_Howe'), 'Australia/Lord_Howe')).toBe('2026-10-04T02:30');
    expect(offsetAt(at('2026-10-04T02:15', 'Australia/Lord_Howe'), 'Australia/Lord_Howe')).toBe(11 * 3_600_000);
    const w = whenSchema.parse({ zone: 'Australia/Lord_Howe', repeat: { kind: 'daily', time: '02:15' } });
    const runs = upcomingRuns(w, at('2026-10-03T12:00', 'Australia/Lord_Howe'), 2);
    expect(runs.map((t) => formatLocalDateTime(t, 'Australia/Lord_Howe'))).toEqual(['2026-10-04T02:30', '2026-10-05T02:15']);
  });
  it('zones without DST map one to one (Shanghai, UTC)', () => {
    expect(new Date(at('2026-03-29T02:30', 'Asia/Shanghai')).toISOString()).toBe('2026-03-28T18:30:00.000Z');
    expect(new Date(at('2024-02-29T23:59', 'UTC')).toISOString()).toBe('2024-02-29T23:59:00.000Z');
  });
});

describe('reachability of a served URL', () => {
  it.each([
    ['http://127.0.0.1:8787/files/x.xls', 'loopback'],
    ['http://localhost:8787/files/x.xls', 'loopback'],
    ['http://[::1]:8787/files/x.xls', 'loopback'],
    ['http://192.168.1.20:8787/files/x.xls', 'private'],
    ['http://10.0.0.5/files/x.xls', 'private'],
    ['http://172.20.1.1/files/x.xls', 'private'],
    ['http://100.64.0.1/files/x.xls', 'private'],
    ['http://169.254.1.1/files/x.xls', 'private'],
    ['http://[fd00::1]/files/x.xls', 'private'],
    ['http://office-pc/files/x.xls', 'private'],
    ['http://172.32.0.1/files/x.xls', 'public'],
    ['http://203.0.113.7:8787/files/x.xls', 'public'],
    ['https://sms.example.com/files/x.xls', 'public'],
  ])('%s is %s', (url, reach) => {
    expect(addressReach(url)).toBe(reach);
    expect(reachWarning(url) === null).toBe(reach === 'public');
  });
});
