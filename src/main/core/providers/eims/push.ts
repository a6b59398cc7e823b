import { EIMS_LIMITS } from '../capabilities.ts';
import { parseEimsReportRows, type EimsReportRow } from './rows.ts';
import { pushBody } from './schemas.ts';

/**
 * Pushed EIMS reports (HTTP PUT to the app's receiver): `{"type":"report","cnt":N,"array":[...]}`,
 * ≤50 rows, rows of any report shape. Pushes may repeat rows already seen: ingest must be idempotent
 * (key: providerId + state). Returns null when the body is not a report push at all.
 */
export interface EimsPush {
  type: string;
  reports: EimsReportRow[];
  unreadable: unknown[];
  /** More rows than the platform documents per push (accepted anyway). */
  oversized: boolean;
}

export function parseEimsPush(body: unknown, utcOffsetMinutes: number): EimsPush | null {
  const parsed = pushBody.safeParse(typeof body === 'string' ? safeJson(body) : body);
  if (!parsed.success) return null;
  const { reports, unreadable } = parseEimsReportRows(parsed.data.array, 'push', utcOffsetMinutes);
  return { type: parsed.data.type ?? 'report', reports, unreadable, oversized: parsed.data.array.length > EIMS_LIMITS.pushRows };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
