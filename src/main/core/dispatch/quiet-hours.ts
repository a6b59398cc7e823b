/** A daily window, `HH:MM` in this PC's local time, during which nothing is sent. */
export interface QuietWindow {
  start: string;
  end: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since local midnight for an `HH:MM` string; throws on anything else. */
function minutesOf(hhmm: string): number {
  const match = HHMM.exec(hhmm);
  if (match === null) throw new RangeError(`Quiet hours time must be HH:MM, got "${hhmm}".`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Epoch ms of `minutes` past local midnight on the local day of `day`, shifted by `addDays`. */
function localTime(day: Date, addDays: number, minutes: number): number {
  // Built from local calendar fields so DST days (23 h / 25 h) land on the right wall-clock time.
  return new Date(
    day.getFullYear(),
    day.getMonth(),
    day.getDate() + addDays,
    Math.floor(minutes / 60),
    minutes % 60,
  ).getTime();
}

/**
 * When sending may resume given quiet hours.
 *
 * The window is read in the machine's local time zone, may wrap midnight (22:00–08:00),
 * includes `start` and excludes `end`. A window with `start === end` is empty.
 *
 * @param now epoch ms
 * @param quiet the window, or null for none
 * @returns null if sending is allowed at `now`, else epoch ms at which the window ends
 */
export function nextAllowedTime(now: number, quiet: QuietWindow | null): number | null {
  if (quiet === null) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;

  const date = new Date(now);
  // Fractional minutes since local midnight on the wall clock, so 07:59:59.999 is still before 08:00.
  const time =
    date.getHours() * 60 + date.getMinutes() + (date.getSeconds() * 1000 + date.getMilliseconds()) / 60_000;

  if (start < end) {
    return time >= start && time < end ? localTime(date, 0, end) : null;
  }
  // Wraps midnight: quiet from `start` to 24:00 and from 00:00 to `end`.
  if (time >= start) return localTime(date, 1, end);
  if (time < end) return localTime(date, 0, end);
  return null;
}
