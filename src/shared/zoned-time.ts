/**
 * Wall time ↔ instant in an IANA zone with Intl alone (no dependency). DST rules:
 * - a wall time that does not exist (spring forward gap) maps to the first valid instant after the gap;
 * - a wall time that exists twice (fall back) maps to the earlier instant.
 */

export interface WallTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall time at an instant in the zone (seconds dropped). */
export function wallAt(instant: number, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute! };
}

/** The zone's offset from UTC at an instant, in ms. */
export function offsetAt(instant: number, zone: string): number {
  const w = wallAt(instant, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return asUtc - (instant - (((instant % 60_000) + 60_000) % 60_000));
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/** The instant of a wall time in the zone (see the DST rules above). */
export function instantOf(w: WallTime, zone: string): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const normal = wallAt(asUtc, 'UTC');
  const target: WallTime = normal; // Date.UTC normalises overflow (e.g. day 31 of a 30-day month)
  const before = offsetAt(asUtc - 36 * 3_600_000, zone);
  const after = offsetAt(asUtc + 36 * 3_600_000, zone);
  const candidates = [asUtc - before, asUtc - after].filter((t) => sameWall(wallAt(t, zone), target));
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: the first instant at or after the transition (offsets differ across it).
  let lo = Math.min(asUtc - before, asUtc - after);
  let hi = Math.max(asUtc - before, asUtc - after);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
    if (offsetAt(mid, zone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

export function parseLocalDateTime(text: string): WallTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a local date-time: ${text}`);
  return { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]! };
}

export function parseLocalDate(text: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a local date: ${text}`);
  return { year: +m[1]!, month: +m[2]!, day: +m[3]! };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "yyyy-MM-ddTHH:mm" of an instant in the zone (what a datetime-local input holds). */
export function formatLocalDateTime(instant: number, zone: string): string {
  const w = wallAt(instant, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

export function formatLocalDate(instant: number, zone: string): string {
  return formatLocalDateTime(instant, zone).slice(0, 10);
}

/** Days in a month (month 1–12), leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO weekday (1 Monday … 7 Sunday) of a calendar date. */
export function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The PC's zone (Intl's resolved zone), "UTC" when the runtime has none. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "UTC+8", "UTC-5:30". */
export function offsetLabel(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m === 0 ? '' : `:${pad(m)}`}`;
}
