/**
 * Every date and time the app shows, in one format per language (Intl.DateTimeFormat):
 *
 * | what                 | English                    | 简体中文                  |
 * |----------------------|----------------------------|---------------------------|
 * | `dateTime`           | Dec 6, 2026, 3:11 PM       | 2026年12月6日 15:11        |
 * | `dateTime` + seconds | Dec 6, 2026, 3:11:03 PM    | 2026年12月6日 15:11:03     |
 * | `date`               | Dec 6, 2026                | 2026年12月6日              |
 * | `time`               | 3:11 PM                    | 15:11                     |
 * | `dayMonth`           | Dec 6                      | 12月6日                    |
 * | `timeOfDay("09:30")` | 9:30 AM                    | 09:30                     |
 *
 * Instants are shown in the PC's time zone unless a zone is given (a schedule's own zone). Wall times
 * that carry no instant — a schedule's "2026-12-08T12:30", an end date "2026-12-31", a provider's clock
 * "20261206123000" or "2026-12-06 12:30:00" — are parsed and shown in the same format, never raw.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf, type Language } from '../i18n/index.ts';

export interface DateTimeOptions {
  /** An IANA zone to show the instant in (default: this PC's). */
  zone?: string;
  /** Add seconds (event histories, where things happen seconds apart). */
  seconds?: boolean;
}

export interface DateTimeFormat {
  dateTime(ms: number, options?: DateTimeOptions): string;
  date(ms: number, options?: Pick<DateTimeOptions, 'zone'>): string;
  time(ms: number, options?: DateTimeOptions): string;
  dayMonth(ms: number): string;
  /** A wall time with no zone attached ("2026-12-08T12:30", "2026-12-08 12:30:00", "20261208123000"); as given when unreadable. */
  wall(text: string, options?: Pick<DateTimeOptions, 'seconds'>): string;
  /** A calendar date ("2026-12-31"); as given when unreadable. */
  wallDate(text: string): string;
  /** A time of day ("09:30", a daily run or quiet hours); as given when unreadable. */
  timeOfDay(text: string): string;
}

type Parts = 'dateTime' | 'dateTimeSeconds' | 'date' | 'time' | 'timeSeconds' | 'dayMonth';

const DATE = { year: 'numeric', month: 'short', day: 'numeric' } as const;

/** The Intl options of each part, per language: zh writes hours with two digits (09:05), en as 9:05 AM. */
function optionsOf(language: Language, parts: Parts): Intl.DateTimeFormatOptions {
  const hour = language === 'zh' ? ({ hour: '2-digit', hourCycle: 'h23' } as const) : ({ hour: 'numeric' } as const);
  const time = { ...hour, minute: '2-digit' } as const;
  switch (parts) {
    case 'dateTime':
      return { ...DATE, ...time };
    case 'dateTimeSeconds':
      return { ...DATE, ...time, second: '2-digit' };
    case 'date':
      return DATE;
    case 'time':
      return time;
    case 'timeSeconds':
      return { ...time, second: '2-digit' };
    case 'dayMonth':
      return { month: 'short', day: 'numeric' };
  }
}

/** "2026-12-08T12:30", "2026-12-08 12:30:00", "20261208123000" or "2026-12-08" → its fields (UTC stands in for "no zone"). */
export function parseWallTime(text: string): { at: number; hasTime: boolean } | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim()) ??
    /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || (h ?? 0) > 23 || (mi ?? 0) > 59 || (s ?? 0) > 59) return null;
  return { at: Date.UTC(y!, mo! - 1, d!, h ?? 0, mi ?? 0, s ?? 0), hasTime: h !== undefined };
}

export function makeDateTimeFormat(language: Language): DateTimeFormat {
  const locale = localeOf(language);
  const cache = new Map<string, Intl.DateTimeFormat>();
  const formatter = (parts: Parts, zone: string | undefined) => {
    const key = `${parts}|${zone ?? ''}`;
    let f = cache.get(key);
    if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { ...optionsOf(language, parts), ...(zone ? { timeZone: zone } : {}) })));
    return f;
  };
  return {
    dateTime: (ms, o = {}) => formatter(o.seconds ? 'dateTimeSeconds' : 'dateTime', o.zone).format(ms),
    date: (ms, o = {}) => formatter('date', o.zone).format(ms),
    time: (ms, o = {}) => formatter(o.seconds ? 'timeSeconds' : 'time', o.zone).format(ms),
    dayMonth: (ms) => formatter('dayMonth', undefined).format(ms),
    wall: (text, o = {}) => {
      const p = parseWallTime(text);
      if (!p) return text;
      if (!p.hasTime) return formatter('date', 'UTC').format(p.at);
      return formatter(o.seconds ? 'dateTimeSeconds' : 'dateTime', 'UTC').format(p.at);
    },
    wallDate: (text) => {
      const p = parseWallTime(text);
      return p ? formatter('date', 'UTC').format(p.at) : text;
    },
    timeOfDay: (text) => {
      const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
      return m ? formatter('time', 'UTC').format(Date.UTC(2000, 0, 1, Number(m[1]), Number(m[2]))) : text;
    },
  };
}

const formats = new Map<Language, DateTimeFormat>();

/** The format of a language, shared by every component (the Intl formatters are built once). */
export function dateTimeFormat(language: string): DateTimeFormat {
  const lang: Language = language === 'zh' ? 'zh' : 'en';
  let f = formats.get(lang);
  if (!f) formats.set(lang, (f = makeDateTimeFormat(lang)));
  return f;
}

/** The date and time format of the UI language: `const dt = useDateTime(); dt.dateTime(ms)`. */
export function useDateTime(): DateTimeFormat {
  const { i18n } = useTranslation();
  return useMemo(() => dateTimeFormat(i18n.language), [i18n.language]);
}
