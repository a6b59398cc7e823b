import { parseProviderTime } from '../provider-time.ts';
import type { GsmboxPushSettings } from './schemas.ts';

/**
 * Parses what the box pushes: a GET query whose values are mostly NOT percent-encoded (only spaces
 * as %20; raw '+', '/', ':' and, on some firmware, raw UTF-8 bytes or percent-encoded UTF-8). An '&'
 * inside the message splits the query, so fields are found by their KNOWN names (from the push
 * settings, plus the fixed `id`, `type`, `cause`) and everything after the message name up to the
 * next known name is the message. A '+' is kept literally (never read as a space).
 */

export type BoxPush =
  | { type: 'inbound'; from: string; port: string; portName?: string; text: string; at?: number; imsi?: string; tokenOk: boolean }
  | { type: 'result'; number: string; port: string; id: string; sent: boolean; rawStatus: string; at?: number; imsi?: string; tokenOk: boolean }
  | { type: 'report'; number: string; port: string; outcome: BoxReportOutcome; rawStatus: string; cause?: string; at?: number; imsi?: string; tokenOk: boolean };

/**
 * A box delivery report: "Message received on handset" is delivered; "not received" with cause
 * EXPIRED (the SMSC's validity period ran out) is expired, as a delivery timeout is everywhere else;
 * any other "not received" is failed.
 */
export type BoxReportOutcome = 'delivered' | 'expired' | 'failed';

export function boxReportOutcome(rawStatus: string, cause: string | undefined): BoxReportOutcome {
  if (/received on handset/i.test(rawStatus) && !/not received/i.test(rawStatus)) return 'delivered';
  return cause !== undefined && /expir/i.test(cause) ? 'expired' : 'failed';
}

export type BoxPushNames = Pick<
  GsmboxPushSettings,
  'url_from_num' | 'url_to_num' | 'url_portname' | 'url_message' | 'url_time' | 'url_imsi' | 'url_status' | 'url_user_defined'
>;

/** Decodes %XX runs that form valid UTF-8; leaves anything else (a literal '%', raw bytes) as it is. */
export function lenientDecode(value: string): string {
  return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** The query of a raw request line (`GET /path?query HTTP/1.1`), a path or a bare query, from bytes or text. */
export function queryOf(raw: string | Uint8Array): string {
  const text = typeof raw === 'string' ? raw : new TextDecoder('utf-8').decode(raw);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const m = /^[A-Z]+\s+(\S.*?)(?:\s+HTTP\/\d(?:\.\d)?)?$/.exec(firstLine);
  const target = m ? m[1]! : firstLine;
  const q = target.indexOf('?');
  if (q >= 0) return target.slice(q + 1);
  // A bare query ("a=1&b=2") rather than a request line or a path.
  return !m && !target.startsWith('/') && target.includes('=') ? target : '';
}

/** Splits a raw query into known fields. Returns the values (decoded) and whether the user-defined text was present. */
export function splitBoxQuery(query: string, names: BoxPushNames): { fields: Map<string, string>; tokenOk: boolean } {
  let q = query;
  let tokenOk = names.url_user_defined === '';
  const ud = names.url_user_defined;
  if (ud) {
    for (const candidate of [`&${ud}`, ud]) {
      const at = q.lastIndexOf(candidate);
      if (at >= 0 && (at + candidate.length === q.length || q[at + candidate.length] === '&')) {
        q = q.slice(0, at) + q.slice(at + candidate.length);
        tokenOk = true;
        break;
      }
    }
  }
  const known = new Set(
    [names.url_from_num, names.url_to_num, names.url_portname, names.url_message, names.url_time, names.url_imsi, names.url_status, 'id', 'type', 'cause'].filter(
      (n) => n !== '',
    ),
  );
  const raw = new Map<string, string>();
  let current: string | undefined;
  for (const token of q.split('&')) {
    const eq = token.indexOf('=');
    const name = eq >= 0 ? token.slice(0, eq) : '';
    // Inside the message, a known name seen before is text (e.g. "…&port=5" typed by the sender).
    if (eq >= 0 && known.has(name) && !(current === names.url_message && raw.has(name))) {
      current = name;
      raw.set(name, token.slice(eq + 1));
    } else if (current !== undefined) {
      raw.set(current, `${raw.get(current)}&${token}`);
    }
  }
  const fields = new Map<string, string>();
  for (const [k, v] of raw) fields.set(k, lenientDecode(v));
  return { fields, tokenOk };
}

/** Parses one push; null when it carries neither a sender nor a type the console knows. */
export function parseBoxPush(raw: string | Uint8Array, names: BoxPushNames, utcOffsetMinutes: number): BoxPush | null {
  const { fields, tokenOk } = splitBoxQuery(queryOf(raw), names);
  const get = (name: string) => (name ? fields.get(name) : undefined);
  const from = get(names.url_from_num);
  const port = get(names.url_to_num) ?? '';
  const type = fields.get('type');
  const timeText = get(names.url_time);
  const at = timeText === undefined ? undefined : parseProviderTime(timeText, utcOffsetMinutes);
  const imsi = get(names.url_imsi);
  const common = { ...(at !== undefined ? { at } : {}), ...(imsi ? { imsi } : {}), tokenOk };
  if (from === undefined) return null;
  if (type === 'SMS-Status-Result') {
    const rawStatus = get(names.url_status) ?? '';
    return { type: 'result', number: from, port, id: fields.get('id') ?? '', sent: /^sent$/i.test(rawStatus.trim()), rawStatus, ...common };
  }
  if (type === 'SMS-Status-Report') {
    const rawStatus = get(names.url_status) ?? '';
    const cause = fields.get('cause');
    return { type: 'report', number: from, port, outcome: boxReportOutcome(rawStatus, cause), rawStatus, ...(cause !== undefined ? { cause } : {}), ...common };
  }
  if (type !== undefined && type !== '') return null;
  const portName = get(names.url_portname);
  return { type: 'inbound', from, port, ...(portName !== undefined ? { portName } : {}), text: get(names.url_message) ?? '', ...common };
}
