/**
 * Wall-clock formats providers expect. Providers live in a fixed zone (JSMS: China, UTC+8), so times
 * are computed from an explicit UTC offset, never from the PC's zone.
 */

export const CHINA_UTC_OFFSET_MINUTES = 480;

interface Parts {
  y: string;
  mo: string;
  d: string;
  h: string;
  mi: string;
  s: string;
}

function partsAt(epochMs: number, offsetMinutes: number): Parts {
  const t = new Date(epochMs + offsetMinutes * 60_000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return {
    y: pad(t.getUTCFullYear(), 4),
    mo: pad(t.getUTCMonth() + 1),
    d: pad(t.getUTCDate()),
    h: pad(t.getUTCHours()),
    mi: pad(t.getUTCMinutes()),
    s: pad(t.getUTCSeconds()),
  };
}

/** "yyyy-MM-dd HH:mm:ss" in the given zone (JSMS send_time). */
export function formatDashed(epochMs: number, offsetMinutes: number): string {
  const p = partsAt(epochMs, offsetMinutes);
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s}`;
}

/** "yyyyMMddHHmmss" in the given zone (EIMS sendtime and report times). */
export function formatCompact(epochMs: number, offsetMinutes: number): string {
  const p = partsAt(epochMs, offsetMinutes);
  return `${p.y}${p.mo}${p.d}${p.h}${p.mi}${p.s}`;
}

function fromFields(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMinutes: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000;
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Parses a provider time into epoch ms: "yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd HH:mm:ss", "yy-MM-dd ...",
 * "yyyyMMddHHmmss" (string or number) or Unix seconds (10 digits). Undefined when unreadable.
 */
export function parseProviderTime(value: unknown, offsetMinutes: number): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return undefined;
    value = String(Math.trunc(value));
  }
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  let m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(v);
  if (m) return fromFields(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, offsetMinutes);
  if (/^\d{9,10}$/.test(v)) return Number(v) * 1000;
  if (/^\d{13}$/.test(v)) return Number(v);
  m = /^(\d{2}|\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/.exec(v);
  if (m) {
    const year = m[1]!.length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
    return fromFields(year, +m[2]!, +m[3]!, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), offsetMinutes);
  }
  return undefined;
}
