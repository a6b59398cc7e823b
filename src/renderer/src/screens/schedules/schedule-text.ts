/**
 * How a schedule's time reads: the recurrence in words (in its zone), and an instant as the PC shows
 * it, in the schedule's zone, and on the provider's clock where that differs.
 */
import type { TFunction } from 'i18next';
import type { ScheduleView, When } from '../../../../shared/schedules.ts';
import { formatLocalDateTime, offsetAt, systemTimeZone } from '../../../../shared/zoned-time.ts';
import type { DateTimeFormat } from '../../format/date-time.ts';

export function describeWhen(when: When, t: TFunction<'schedules'>, dt: DateTimeFormat): string {
  const r = when.repeat;
  let text: string;
  switch (r.kind) {
    case 'once':
      text = t('repeat.once', { time: dt.wall(r.at) });
      break;
    case 'every':
      text = t(r.unit === 'hours' ? 'repeat.every_hours' : 'repeat.every_minutes', { count: r.every, time: dt.wall(r.from) });
      break;
    case 'daily':
      text = t('repeat.daily', { time: dt.timeOfDay(r.time) });
      break;
    case 'weekly':
      text = t('repeat.weekly', { time: dt.timeOfDay(r.time), days: [...r.days].sort().map((d) => t(`weekdays.${d}`)).join(t('repeat.daySeparator')) });
      break;
    case 'monthly':
      text = t(r.day > 28 ? 'repeat.monthlyClamp' : 'repeat.monthly', { day: r.day, time: dt.timeOfDay(r.time) });
      break;
  }
  const extra = [when.endDate ? t('repeat.until', { date: dt.wallDate(when.endDate) }) : null, when.maxRuns !== null ? t('repeat.runs', { count: when.maxRuns }) : null].filter(Boolean);
  return [text, ...extra].join(' · ');
}

/** Whether the provider's clock (fixed UTC offset) shows another wall time than the PC at this instant. */
export function providerDiffers(at: number, providerOffsetMinutes: number, pcZone = systemTimeZone()): boolean {
  return offsetAt(at, pcZone) !== providerOffsetMinutes * 60_000;
}

/** Whether the schedule's zone shows another wall time than the PC at this instant. */
export function zoneDiffers(s: ScheduleView, at: number, pcZone = systemTimeZone()): boolean {
  const zone = s.when?.zone;
  return zone !== undefined && formatLocalDateTime(at, zone) !== formatLocalDateTime(at, pcZone);
}

/** "UTC+8" → 480. */
export function parseOffsetLabel(label: string): number {
  const m = /^UTC([+-])(\d{1,2})(?::(\d{2}))?$/.exec(label);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}
