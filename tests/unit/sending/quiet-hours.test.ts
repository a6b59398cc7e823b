import { describe, it, expect } from 'vitest';
import { nextAllowedTime } from '../../../src/main/core/dispatch/quiet-hours.ts';

/** Local wall-clock time as epoch ms (month is 1-based here for readability). */
function at(y: number, mo: number, d: number, h: number, mi = 0, s = 0, ms = 0): number {
  return new Date(y, mo - 1, d, h, mi, s, ms).getTime();
}

const NIGHT = { start: '22:00', end: '08:00' };
const LUNCH = { start: '12:00', end: '13:30' };

describe('nextAllowedTime', () => {
  it('allows everything without quiet hours', () => {
    expect(nextAllowedTime(at(2025, 6, 15, 3), null)).toBeNull();
  });

  it('allows times outside a same-day window', () => {
    expect(nextAllowedTime(at(2025, 6, 15, 11, 59, 59, 999), LUNCH)).toBeNull();
    expect(nextAllowedTime(at(2025, 6, 15, 18), LUNCH)).toBeNull();
  });

  it('blocks inside a same-day window until its end', () => {
    expect(nextAllowedTime(at(2025, 6, 15, 12, 45), LUNCH)).toBe(at(2025, 6, 15, 13, 30));
  });

  it('includes the start and excludes the end', () => {
    expect(nextAllowedTime(at(2025, 6, 15, 12, 0), LUNCH)).toBe(at(2025, 6, 15, 13, 30));
    expect(nextAllowedTime(at(2025, 6, 15, 13, 29, 59, 999), LUNCH)).toBe(at(2025, 6, 15, 13, 30));
    expect(nextAllowedTime(at(2025, 6, 15, 13, 30), LUNCH)).toBeNull();
  });

  it('blocks before midnight in a wrapping window until the next morning', () => {
    expect(nextAllowedTime(at(2025, 6, 15, 22, 0), NIGHT)).toBe(at(2025, 6, 16, 8, 0));
    expect(nextAllowedTime(at(2025, 6, 15, 23, 59, 59, 999), NIGHT)).toBe(at(2025, 6, 16, 8, 0));
  });

  it('blocks after midnight in a wrapping window until the same morning', () => {
    expect(nextAllowedTime(at(2025, 6, 16, 0, 0), NIGHT)).toBe(at(2025, 6, 16, 8, 0));
    expect(nextAllowedTime(at(2025, 6, 16, 7, 59), NIGHT)).toBe(at(2025, 6, 16, 8, 0));
  });

  it('allows the day part of a wrapping window, including its end and just before its start', () => {
    expect(nextAllowedTime(at(2025, 6, 16, 8, 0), NIGHT)).toBeNull();
    expect(nextAllowedTime(at(2025, 6, 16, 15, 0), NIGHT)).toBeNull();
    expect(nextAllowedTime(at(2025, 6, 16, 21, 59, 59, 999), NIGHT)).toBeNull();
  });

  it('rolls over month and year ends', () => {
    expect(nextAllowedTime(at(2025, 12, 31, 23, 0), NIGHT)).toBe(at(2026, 1, 1, 8, 0));
    expect(nextAllowedTime(at(2025, 2, 28, 22, 30), NIGHT)).toBe(at(2025, 3, 1, 8, 0));
  });

  it('lands on local wall-clock end across DST changes (whatever the zone)', () => {
    // EU and US spring-forward and fall-back nights of 2025; in zones with DST these are 23 h / 25 h days.
    for (const [y, mo, d] of [
      [2025, 3, 29],
      [2025, 3, 8],
      [2025, 10, 25],
      [2025, 11, 1],
    ] as const) {
      const end = nextAllowedTime(at(y, mo, d, 23), NIGHT);
      expect(end).toBe(at(y, mo, d + 1, 8));
      const local = new Date(end ?? 0);
      expect([local.getHours(), local.getMinutes()]).toEqual([8, 0]);
    }
  });

  it('treats an empty window as no quiet hours', () => {
    expect(nextAllowedTime(at(2025, 6, 15, 9), { start: '09:00', end: '09:00' })).toBeNull();
  });

  it('rejects malformed times', () => {
    expect(() => nextAllowedTime(at(2025, 6, 15, 9), { start: '9:00', end: '10:00' })).toThrow(RangeError);
    expect(() => nextAllowedTime(at(2025, 6, 15, 9), { start: '09:00', end: '24:00' })).toThrow(/HH:MM/);
  });
});
