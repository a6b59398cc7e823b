/** Next-run computation in explicit zones: month ends, leap days, DST gaps and overlaps. */
import { describe, expect, it } from 'vitest';
import { nextRun, upcomingRuns } from '../../../src/shared/recurrence.ts';
import { whenSchema, type WhenInput } from '../../../src/shared/schedules.ts';
import { formatLocalDateTime, instantOf, parseLocalDateTime } from '../../../src/shared/zoned-time.ts';

const when = (w: WhenInput) => whenSchema.parse(w);
const at = (local: string, zone: string) => instantOf(parseLocalDateTime(local), zone);
const iso = (t: number) => new Date(t).toISOString();
const walls = (ts: number[], zone: string) => ts.map((t) => formatLocalDateTime(t, zone));

describe('wall time ↔ instant', () => {
  it('maps ordinary times both ways in Berlin and New York', () => {
    expect(iso(at('2026-01-15T09:30', 'Europe/Berlin'))).toBe('2026-01-15T08:30:00.000Z');
    expect(iso(at('2026-07-15T09:30', 'Europe/Berlin'))).toBe('2026-07-15T07:30:00.000Z');
    expect(iso(at('2026-07-15T09:30', 'America/New_York'))).toBe('2026-07-15T13:30:00.000Z');
    expect(formatLocalDateTime(Date.parse('2026-07-15T13:30:00Z'), 'America/New_York')).toBe('2026-07-15T09:30');
  });
  it('a time in the spring-forward gap becomes the first valid time after it', () => {
    // Berlin 2026-03-29: 02:00 CET → 03:00 CEST.
    expect(iso(at('2026-03-29T02:30', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    // New York 2026-03-08: 02:00 EST → 03:00 EDT.
    expect(iso(at('2026-03-08T02:30', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
  });
  it('a time that happens twice at fall-back is its first occurrence', () => {
    // New York 2026-11-01: 02:00 EDT → 01:00 EST; 01:30 happens at 05:30Z and 06:30Z.
    expect(iso(at('2026-11-01T01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    // Berlin 2026-10-25: 03:00 CEST → 02:00 CET; 02:30 happens at 00:30Z and 01:30Z.
    expect(iso(at('2026-10-25T02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('daily runs across DST', () => {
  it('02:30 Berlin runs once on the spring-forward day, at 03:00, and at 02:30 again the day after', () => {
    const w = when({ zone: 'Europe/Berlin', repeat: { kind: 'daily', time: '02:30' } });
    const runs = upcomingRuns(w, at('2026-03-27T12:00', 'Europe/Berlin'), 4);
    expect(walls(runs, 'Europe/Berlin')).toEqual(['2026-03-28T02:30', '2026-03-29T03:00', '2026-03-30T02:30', '2026-03-31T02:30']);
  });
  it('01:30 New York does not run twice on the fall-back day', () => {
    const w = when({ zone: 'America/New_York', repeat: { kind: 'daily', time: '01:30' } });
    const runs = upcomingRuns(w, at('2026-10-31T12:00', 'America/New_York'), 3);
    expect(runs.map(iso)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z', '2026-11-03T06:30:00.000Z']);
    // Asked from between the two 01:30s, the next run is the next day (not the second 01:30).
    expect(iso(nextRun(w, Date.parse('2026-11-01T06:00:00Z'))!)).toBe('2026-11-02T06:30:00.000Z');
  });
  it('keeps 09:00 wall time across the change (23- and 25-hour days)', () => {
    const w = when({ zone: 'America/New_York', repeat: { kind: 'daily', time: '09:00' } });
    const runs = upcomingRuns(w, at('2026-03-07T08:00', 'America/New_York'), 2);
    expect(runs[1]! - runs[0]!).toBe(23 * 3_600_000);
    expect(walls(runs, 'America/New_York')).toEqual(['2026-03-07T09:00', '2026-03-08T09:00']);
  });
});

describe('monthly, weekly and every-N', () => {
  it('day 31 clamps to the month end, Feb 29 in a leap year', () => {
    const w = when({ zone: 'Asia/Shanghai', repeat: { kind: 'monthly', time: '10:00', day: 31 } });
    const runs = upcomingRuns(w, at('2028-01-01T00:00', 'Asia/Shanghai'), 5);
    expect(walls(runs, 'Asia/Shanghai')).toEqual(['2028-01-31T10:00', '2028-02-29T10:00', '2028-03-31T10:00', '2028-04-30T10:00', '2028-05-31T10:00']);
    const plain = upcomingRuns(w, at('2027-02-01T00:00', 'Asia/Shanghai'), 1);
    expect(walls(plain, 'Asia/Shanghai')).toEqual(['2027-02-28T10:00']);
  });
  it('day 29 runs on Feb 28 in common years and Feb 29 in leap years', () => {
    const w = when({ zone: 'Europe/Berlin', repeat: { kind: 'monthly', time: '08:00', day: 29 } });
    expect(walls(upcomingRuns(w, at('2100-02-01T00:00', 'Europe/Berlin'), 1), 'Europe/Berlin')).toEqual(['2100-02-28T08:00']);
    expect(walls(upcomingRuns(w, at('2000-02-01T00:00', 'Europe/Berlin'), 1), 'Europe/Berlin')).toEqual(['2000-02-29T08:00']);
  });
  it('weekly on chosen days, with an end date and a run count', () => {
    const w = when({ zone: 'Europe/Berlin', repeat: { kind: 'weekly', time: '18:00', days: [1, 5] }, endDate: '2026-03-16' });
    // 2026-03-02 is a Monday.
    expect(walls(upcomingRuns(w, at('2026-03-01T00:00', 'Europe/Berlin'), 10), 'Europe/Berlin')).toEqual([
      '2026-03-02T18:00',
      '2026-03-06T18:00',
      '2026-03-09T18:00',
      '2026-03-13T18:00',
      '2026-03-16T18:00',
    ]);
    const counted = when({ zone: 'Europe/Berlin', repeat: { kind: 'daily', time: '07:00' }, maxRuns: 2 });
    expect(nextRun(counted, 0, 2)).toBeNull();
    expect(upcomingRuns(counted, at('2026-03-01T00:00', 'Europe/Berlin'), 5)).toHaveLength(2);
  });
  it('every 90 minutes counts elapsed time, also across a DST change', () => {
    const w = when({ zone: 'Europe/Berlin', repeat: { kind: 'every', every: 90, unit: 'minutes', from: '2026-03-29T00:00' } });
    const runs = upcomingRuns(w, at('2026-03-28T00:00', 'Europe/Berlin'), 3);
    expect(walls(runs, 'Europe/Berlin')).toEqual(['2026-03-29T00:00', '2026-03-29T01:30', '2026-03-29T04:00']);
  });
  it('once: the time, then nothing', () => {
    const w = when({ zone: 'America/New_York', repeat: { kind: 'once', at: '2026-05-01T12:00' } });
    const t = at('2026-05-01T12:00', 'America/New_York');
    expect(nextRun(w, t - 1)).toBe(t);
    expect(nextRun(w, t)).toBeNull();
  });
  it('daily runs start on the start date', () => {
    const w = when({ zone: 'Europe/Berlin', repeat: { kind: 'daily', time: '07:00' }, startDate: '2026-06-10' });
    expect(walls(upcomingRuns(w, at('2026-06-01T00:00', 'Europe/Berlin'), 1), 'Europe/Berlin')).toEqual(['2026-06-10T07:00']);
  });
});
