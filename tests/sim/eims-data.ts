import { createHash } from 'node:crypto';

/** EIMS simulator data: stored messages, report row shapes, time formats, auth checks. */

export type ReportShape = 'seed' | 'deliver' | 'label' | 'label-deliver' | 'mixed';

export interface SimMessage {
  id: number;
  number: string;
  content: string;
  /** Epoch ms when accepted. */
  acceptedAt: number;
  /** Requested timed send (yyyyMMddHHmmss), if any. */
  sendtime?: string;
  /** 0 sent, 1 unsent, 2 sending, ≥1001 failure. */
  sendStatus: number;
  /** 0..5, see spec. */
  deliverStatus: number;
  deliverAt?: number;
}

export interface SimInbound {
  id: number;
  from: string;
  text: string;
  at: number;
  returned: boolean;
}

export interface SimJob {
  jobId: number;
  body: Record<string, unknown>;
  at: number;
}

/** yyyyMMddHHmmss at UTC+8, as a number (as the seed shows). */
export function compactChinaTime(ms: number): number {
  const t = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return Number(`${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`);
}

export function validCompactTime(s: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return false;
  const [mo, d, h, mi, se] = [+m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && se <= 59;
}

const LABELS: Record<number, string> = { 0: 'success', 1: 'unsent', 2: 'sending', 1001: 'NoRoute', 1003: 'NoBalance', 1005: 'Send Refuse', 1011: 'Black Number' };

/** One report row in the configured shape; `mixed` rotates through all shapes by id. */
export function reportRow(m: SimMessage, shape: ReportShape): unknown[] {
  const chosen: Exclude<ReportShape, 'mixed'> =
    shape === 'mixed' ? (['seed', 'deliver', 'label', 'label-deliver'] as const)[m.id % 4]! : shape;
  const sendTime = compactChinaTime(m.acceptedAt);
  const deliverTime = m.deliverAt === undefined ? 0 : compactChinaTime(m.deliverAt);
  const label = LABELS[m.sendStatus] ?? `Error${m.sendStatus}`;
  switch (chosen) {
    case 'seed':
      return [m.id, /^\d+$/.test(m.number) ? Number(m.number) : m.number, sendTime, m.sendStatus];
    case 'deliver':
      return [m.id, m.number, sendTime, m.sendStatus, deliverTime, m.deliverStatus];
    case 'label':
      return [m.id, m.number, sendTime, m.sendStatus, label];
    case 'label-deliver':
      return [m.id, m.number, String(sendTime), m.sendStatus, label, deliverTime, m.deliverStatus];
  }
}

/**
 * A pushed report row: [id, number, time, result, cause] — the message's outcome: 0 "success", a send
 * failure's code and label, or the delivery outcome's number (2 "deliver failure", 4 "deliver timeout").
 */
export function pushRow(m: SimMessage): unknown[] {
  const time = compactChinaTime(m.deliverAt ?? m.acceptedAt);
  if (m.sendStatus !== 0) return [m.id, m.number, time, m.sendStatus, LABELS[m.sendStatus] ?? 'failed'];
  if (m.deliverStatus === 2) return [m.id, m.number, time, 2, 'deliver failure'];
  if (m.deliverStatus === 4) return [m.id, m.number, time, 4, 'deliver timeout'];
  return [m.id, m.number, time, 0, 'success'];
}

export function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export interface AuthSettings {
  account: string;
  password: string;
  key: string;
  encrypted: boolean;
  /** Allowed |time - now| in seconds for encrypted requests. */
  timeWindowSeconds: number;
}

/** Checks credentials; returns null when fine, else the failing status (-1). Tracks seq in `seqState`. */
export function checkEimsAuth(
  params: Record<string, unknown>,
  auth: AuthSettings,
  seqState: { last: number; seen: number[] },
  nowMs: number,
): number | null {
  if (String(params.account ?? '') !== auth.account) return -1;
  if (!auth.encrypted) return String(params.password ?? '') === auth.password ? null : -1;
  const seq = Number(params.seq);
  const time = Number(params.time);
  if (!Number.isInteger(seq) || !Number.isInteger(time)) return -1;
  if (Math.abs(time - nowMs / 1000) > auth.timeWindowSeconds) return -1;
  if (seq <= seqState.last) return -1;
  if (String(params.password ?? '') !== md5(`${auth.account}${auth.password}${seq}${time}${auth.key}`)) return -1;
  seqState.last = seq;
  seqState.seen.push(seq);
  return null;
}
