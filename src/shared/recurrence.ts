/**
 * When a schedule runs next. Calendar recurrences (daily, weekly, monthly) walk the zone's calendar
 * one date at a time and take ONE instant per date, so a DST change can neither skip a day (a wall
 * time inside the spring-forward gap runs at the first valid time after it) nor double it (a wall
 * time that happens twice at fall-back runs at the first). "Every N minutes/hours" counts elapsed time.
 */
import type { When } from './schedules.ts';
import { daysInMonth, instantOf, isoWeekday, parseLocalDate, parseLocalDateTime, wallAt } from './zoned-time.ts';

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const dateKey = (d: CalendarDate) => d.year * 10_000 + d.month * 100 + d.day;

function addDays(d: CalendarDate, n: number): CalendarDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function hm(time: string): { hour: number; minute: number } {
  const [h, m] = time.split(':');
  return { hour: Number(h), minute: Number(m) };
}

/** Whether a calendar date has a run, for daily/weekly/monthly. */
function runsOn(when: When, d: CalendarDate): boolean {
  const r = when.repeat;
  switch (r.kind) {
    case 'daily':
      return true;
    case 'weekly':
      return r.days.includes(isoWeekday(d.year, d.month, d.day));
    case 'monthly':
      return d.day === Math.min(r.day, daysInMonth(d.year, d.month));
    default:
      return false;
  }
}

function withinEnd(when: When, instant: number): boolean {
  if (when.endDate === null) return true;
  const w = wallAt(instant, when.zone);
  return dateKey(w) <= dateKey(parseLocalDate(when.endDate));
}

/** Upper bound on dates looked at (a monthly run on day 31 finds one within 31 days; weekly within 7). */
const MAX_DAYS_SCANNED = 800;

/**
 * The first run strictly after `after` (epoch ms), or null when none is left (once already past,
 * end date reached, or `runCount` reached `maxRuns`).
 */
export function nextRun(when: When, after: number, runCount = 0): number | null {
  if (when.maxRuns !== null && runCount >= when.maxRuns) return null;
  const r = when.repeat;
  let t: number | null = null;
  if (r.kind === 'once') {
    const at = instantOf(parseLocalDateTime(r.at), when.zone);
    t = at > after ? at : null;
  } else if (r.kind === 'every') {
    const from = instantOf(parseLocalDateTime(r.from), when.zone);
    const step = r.every * (r.unit === 'hours' ? 3_600_000 : 60_000);
    t = from > after ? from : from + (Math.floor((after - from) / step) + 1) * step;
  } else {
    const { hour, minute } = hm(r.time);
    const afterWall = wallAt(after, when.zone);
    let d: CalendarDate = { year: afterWall.year, month: afterWall.month, day: afterWall.day };
    if (when.startDate !== null) {
      const s = parseLocalDate(when.startDate);
      if (dateKey(s) > dateKey(d)) d = s;
    }
    for (let i = 0; i < MAX_DAYS_SCANNED; i++, d = addDays(d, 1)) {
      if (!runsOn(when, d)) continue;
      const at = instantOf({ ...d, hour, minute }, when.zone);
      // A gap can push the instant onto the next date's wall clock; it is still this date's run.
      if (at > after) {
        t = at;
        break;
      }
    }
  }
  if (t === null || !withinEnd(when, t)) return null;
  return t;
}

/** The next `count` runs after `after` (for previews). */
export function upcomingRuns(when: When, after: number, count: number, runCount = 0): number[] {
  const out: number[] = [];
  let at = after;
  for (let i = 0; i < count; i++) {
    const n = nextRun(when, at, runCount + i);
    if (n === null) break;
    out.push(n);
    at = n;
  }
  return out;
}

/** Whether the schedule ever runs again after its first run (for "done" after firing). */
export function isRecurring(when: When): boolean {
  return when.repeat.kind !== 'once';
}
