import { parseProviderTime } from '../provider-time.ts';
import type { DeliveryReport, DeliveryState, InboundSms } from '../types.ts';
import { EIMS_DELIVER_STATUS, EIMS_SEND_STATUS, eimsDeliverSentence, eimsSendStatusCode, eimsSendStatusSentence } from './status-codes.ts';

/**
 * Row parsers for EIMS report rows (getreport and pushed reports) and inbound rows (getsms).
 * Rows are parsed by position and length, never by assuming one shape:
 *   [id, number, sendTime, sendStatus]                                   (seed)
 *   [id, number, sendTime, sendStatus, deliverTime, deliverStatus]       (later versions)
 *   [id, number, sendTime, sendStatus, "label"(, deliverTime, deliverStatus)]
 *   [id, number, time, result, cause]                                    (push)
 */

export type ReportSource = 'poll' | 'push';

export interface EimsReportRow extends DeliveryReport {
  sendStatus: number;
  deliverStatus?: number;
  sendTime?: number;
  deliverTime?: number;
  label?: string;
}

const isIntString = (v: unknown): v is string => typeof v === 'string' && /^-?\d+$/.test(v.trim());
const toInt = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) ? v : isIntString(v) ? Number(v.trim()) : undefined;
const cell = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
const looksLikeTime = (v: unknown, offset: number): boolean => {
  if (typeof v === 'number' || isIntString(v)) {
    const n = Number(v);
    return n >= 1e9 && parseProviderTime(v, offset) !== undefined;
  }
  return typeof v === 'string' && /^\d{2,4}[-/.]\d{1,2}[-/.]\d{1,2}/.test(v.trim());
};

/**
 * A pushed row is the message's final word. The seed (specs/eims.md, seeds/002 §5 "Actively push the
 * report to customers url") says: "After the system sends the message, The result of the SMS message
 * will be pushed to the url specified by the customer … Send result (Int, 0 succeed, non-0 failed)".
 * One push per message, no in-between states ("sending", "sent, not yet delivered") in its
 * vocabulary, and platforms push delivery outcomes in it (result 4 "deliver timeout"): so the push
 * comes once the outcome is known, and result 0 is a final success — delivered — not "sent until a
 * poll says more" (a poll could only repeat it). Decision recorded in docs/report-states.md.
 */
const PUSH_DELIVERY_TIMEOUT = 4;
const TIMEOUT_CAUSE = /deliver(?:y|ed)?[\s_-]*time[\s_-]*out|\bexpired?\b/i;

function pushState(result: number, cause: string | undefined): DeliveryState {
  if (result === 0) return 'delivered';
  // The same cause as getreport's deliverStatus 4: the operator gave up waiting for the handset.
  return result === PUSH_DELIVERY_TIMEOUT || (cause !== undefined && TIMEOUT_CAUSE.test(cause)) ? 'expired' : 'failed';
}

function stateFor(sendStatus: number, deliverStatus: number | undefined, source: ReportSource, label: string | undefined): DeliveryState {
  // A push in getreport's longer shape carries its own delivery status: read it as a poll row.
  if (source === 'push' && deliverStatus === undefined) return pushState(sendStatus, label);
  if (sendStatus !== 0 && sendStatus !== 1 && sendStatus !== 2) return 'failed';
  if (sendStatus === 1 || sendStatus === 2) return 'submitted';
  return deliverStatus === undefined ? 'sent' : (EIMS_DELIVER_STATUS[deliverStatus]?.state ?? 'sent');
}

/** Parses one report row; null when the row is not a report (not an array, no id/number/status). */
export function parseEimsReportRow(row: unknown, source: ReportSource, utcOffsetMinutes: number): EimsReportRow | null {
  if (!Array.isArray(row) || row.length < 4) return null;
  const providerId = cell(row[0]);
  const number = cell(row[1]);
  const sendStatus = toInt(row[3]);
  if (!providerId || number === undefined || sendStatus === undefined) return null;

  let label: string | undefined;
  const times: unknown[] = [];
  const statuses: number[] = [];
  for (const v of row.slice(4)) {
    if (looksLikeTime(v, utcOffsetMinutes)) times.push(v);
    else if (toInt(v) !== undefined) statuses.push(toInt(v)!);
    else if (typeof v === 'string' && v.trim() !== '' && label === undefined) label = v.trim();
  }
  const deliverStatus = statuses.length > 0 ? statuses[statuses.length - 1] : undefined;
  const sendTime = parseProviderTime(row[2], utcOffsetMinutes);
  const deliverTime = times.length > 0 ? parseProviderTime(times[0], utcOffsetMinutes) : undefined;
  const state = stateFor(sendStatus, deliverStatus, source, label);

  const out: EimsReportRow = {
    providerId,
    number,
    state,
    sendStatus,
    providerStatus: deliverStatus === undefined ? String(sendStatus) : `${sendStatus}/${deliverStatus}`,
  };
  const at = deliverTime ?? sendTime;
  if (at !== undefined) out.at = at;
  if (sendTime !== undefined) out.sendTime = sendTime;
  if (deliverTime !== undefined) out.deliverTime = deliverTime;
  if (deliverStatus !== undefined) out.deliverStatus = deliverStatus;
  if (label !== undefined) out.label = label;

  if (source === 'push' && deliverStatus === undefined && state === 'expired') {
    const info = EIMS_DELIVER_STATUS[PUSH_DELIVERY_TIMEOUT]!;
    out.code = info.code;
    out.message = eimsDeliverSentence(info);
  } else if (state === 'failed' && sendStatus !== 0) {
    const known = EIMS_SEND_STATUS[sendStatus] !== undefined;
    out.code = known || source === 'poll' ? eimsSendStatusCode(sendStatus) : 'EIMS_PUSH_FAILED';
    out.message = eimsSendStatusSentence(sendStatus, label);
  } else if (sendStatus === 0 && deliverStatus !== undefined && EIMS_DELIVER_STATUS[deliverStatus] !== undefined) {
    const info = EIMS_DELIVER_STATUS[deliverStatus]!;
    if (deliverStatus === 2 || deliverStatus === 4 || deliverStatus === 5) out.code = info.code;
    out.message = eimsDeliverSentence(info);
  } else if (label !== undefined) {
    out.message = label.slice(0, 120);
  }
  return out;
}

/** Parses all rows, separating what could not be read (kept for the log, never dropped silently). */
export function parseEimsReportRows(rows: readonly unknown[], source: ReportSource, utcOffsetMinutes: number) {
  const reports: EimsReportRow[] = [];
  const unreadable: unknown[] = [];
  for (const row of rows) {
    const r = parseEimsReportRow(row, source, utcOffsetMinutes);
    if (r) reports.push(r);
    else unreadable.push(row);
  }
  return { reports, unreadable };
}

/** Decodes base64 (standard or URL-safe) of UTF-8; undefined when it is not valid base64 UTF-8. */
export function decodeBase64Utf8(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  const padded = compact.padEnd(compact.length + ((4 - (compact.length % 4)) % 4), '=');
  if (padded.length % 4 !== 0) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(padded, 'base64'));
  } catch {
    return undefined;
  }
}

export interface EimsInboundRow extends InboundSms {
  /** False when the content was not valid base64 UTF-8 and is kept as received. */
  decoded: boolean;
}

/** Parses one getsms row: [id, number, time, base64 content] (extra middle cells tolerated). */
export function parseEimsInboundRow(row: unknown, utcOffsetMinutes: number): EimsInboundRow | null {
  if (!Array.isArray(row) || row.length < 3) return null;
  const providerId = cell(row[0]);
  const from = cell(row[1]);
  const rawContent = row[row.length - 1];
  if (!providerId || from === undefined || (typeof rawContent !== 'string' && typeof rawContent !== 'number')) return null;
  const middle = row.slice(2, -1);
  let receivedAt: number | undefined;
  let to: string | undefined;
  for (const v of middle) {
    if (receivedAt === undefined && looksLikeTime(v, utcOffsetMinutes)) receivedAt = parseProviderTime(v, utcOffsetMinutes);
    else if (to === undefined && cell(v)) to = cell(v);
  }
  const raw = String(rawContent);
  const text = decodeBase64Utf8(raw);
  const out: EimsInboundRow = { providerId, from, text: text ?? raw, decoded: text !== undefined };
  if (to !== undefined) out.to = to;
  if (receivedAt !== undefined) out.receivedAt = receivedAt;
  return out;
}
