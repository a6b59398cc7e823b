/**
 * The one date and time format per language (src/renderer/src/format/date-time.ts): instants in a
 * given zone, wall times from schedules and the providers' clocks (never shown raw), and what cannot
 * be read left as it came.
 */
import { describe, expect, it } from 'vitest';
import { dateTimeFormat, makeDateTimeFormat, parseWallTime } from '../../src/renderer/src/format/date-time.ts';

// 2026-12-06 15:11:03 in Shanghai (07:11:03 UTC); 09:05 is there to show zh's two-digit hours.
const AFTERNOON = Date.UTC(2026, 11, 6, 7, 11, 3);
const MORNING = Date.UTC(2026, 11, 6, 1, 5, 0);
const zone = 'Asia/Shanghai';

describe('date and time format', () => {
  it('writes an instant the same way in every part, per language', () => {
    const en = makeDateTimeFormat('en');
    const zh = makeDateTimeFormat('zh');
    expect(en.dateTime(AFTERNOON, { zone })).toBe('Dec 6, 2026, 3:11 PM');
    expect(en.dateTime(AFTERNOON, { zone, seconds: true })).toBe('Dec 6, 2026, 3:11:03 PM');
    expect(en.dateTime(MORNING, { zone })).toBe('Dec 6, 2026, 9:05 AM');
    expect(en.date(AFTERNOON, { zone })).toBe('Dec 6, 2026');
    expect(en.time(AFTERNOON, { zone })).toBe('3:11 PM');
    expect(en.time(AFTERNOON, { zone, seconds: true })).toBe('3:11:03 PM');
    expect(zh.dateTime(AFTERNOON, { zone })).toBe('2026年12月6日 15:11');
    expect(zh.dateTime(AFTERNOON, { zone, seconds: true })).toBe('2026年12月6日 15:11:03');
    expect(zh.dateTime(MORNING, { zone })).toBe('2026年12月6日 09:05');
    expect(zh.date(AFTERNOON, { zone })).toBe('2026年12月6日');
    expect(zh.time(MORNING, { zone })).toBe('09:05');
  });

  it('shows the same instant in another zone when asked (a schedule’s own zone)', () => {
    const en = makeDateTimeFormat('en');
    expect(en.dateTime(AFTERNOON, { zone: 'Europe/Berlin' })).toBe('Dec 6, 2026, 8:11 AM');
    expect(en.dateTime(AFTERNOON, { zone: 'America/New_York' })).toBe('Dec 6, 2026, 2:11 AM');
  });

  it('shows the PC’s zone by default', () => {
    const pc = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(makeDateTimeFormat('zh').dateTime(AFTERNOON)).toBe(makeDateTimeFormat('zh').dateTime(AFTERNOON, { zone: pc }));
  });

  it('never shows a provider timestamp raw: EIMS "20261206123000" and JSMS "2026-12-06 12:30:00" read as wall time', () => {
    const en = makeDateTimeFormat('en');
    const zh = makeDateTimeFormat('zh');
    expect(en.wall('20261206123000')).toBe('Dec 6, 2026, 12:30 PM');
    expect(en.wall('2026-12-06 12:30:00')).toBe('Dec 6, 2026, 12:30 PM');
    expect(zh.wall('20261206093000')).toBe('2026年12月6日 09:30');
    expect(zh.wall('2026-12-06T09:30')).toBe('2026年12月6日 09:30');
    expect(zh.wall('2026-12-06 09:30:15', { seconds: true })).toBe('2026年12月6日 09:30:15');
    expect(en.wallDate('2027-12-31')).toBe('Dec 31, 2027');
    expect(zh.wallDate('2027-12-31')).toBe('2027年12月31日');
    expect(zh.wall('2027-12-31')).toBe('2027年12月31日');
  });

  it('leaves text that is not a wall time as it came, rather than inventing a date', () => {
    const en = makeDateTimeFormat('en');
    expect(en.wall('tomorrow')).toBe('tomorrow');
    expect(en.wall('20261306123000')).toBe('20261306123000');
    expect(en.wallDate('2026-02-30x')).toBe('2026-02-30x');
    expect(parseWallTime('2026-12-06 24:00')).toBeNull();
    expect(parseWallTime('20261206')).toEqual({ at: Date.UTC(2026, 11, 6), hasTime: false });
  });

  it('writes a time of day (a daily run, quiet hours) like the time of an instant', () => {
    expect(makeDateTimeFormat('en').timeOfDay('09:30')).toBe('9:30 AM');
    expect(makeDateTimeFormat('en').timeOfDay('21:00')).toBe('9:00 PM');
    expect(makeDateTimeFormat('zh').timeOfDay('09:30')).toBe('09:30');
    expect(makeDateTimeFormat('zh').timeOfDay('9:05')).toBe('09:05');
    expect(makeDateTimeFormat('zh').timeOfDay('25:00')).toBe('25:00');
  });

  it('labels chart days by month and day', () => {
    const noon = Date.UTC(2026, 10, 23, 12);
    expect(makeDateTimeFormat('en').dayMonth(noon)).toMatch(/^Nov 2[234]$/);
    expect(makeDateTimeFormat('zh').dayMonth(noon)).toMatch(/^11月2[234]日$/);
  });

  it('shares one format per language, whatever the language tag says', () => {
    expect(dateTimeFormat('zh')).toBe(dateTimeFormat('zh'));
    expect(dateTimeFormat('en-US')).toBe(dateTimeFormat('en'));
  });
});
