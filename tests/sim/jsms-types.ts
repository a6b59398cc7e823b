import type { FaultOptions, Faults } from './faults.ts';
import type { SimRecord } from './http-kit.ts';
import type { SimTemplate } from './jsms-rules.ts';

/** Types of the JSMS simulator: options, state and handle. */

export interface JsmsSimOptions {
  port?: number;
  appKey?: string;
  masterSecret?: string;
  devKey?: string;
  devSecret?: string;
  /** null = no quota assigned (50033). */
  appBalance?: number | null;
  devBalance?: number | null;
  templates?: SimTemplate[];
  /** Batch reply shape: `recipients` (mixed rows) or `failure_recipients` (failures only). */
  batchReplyShape?: 'recipients' | 'failure_recipients';
  /** Return msg_id as a JSON number instead of a string (both exist in the wild). */
  numericMsgIds?: boolean;
  /** Sends to one mobile allowed per minute before 50009 "out of freq" (default: no limit). */
  maxPerMobilePerMinute?: number;
  faults?: FaultOptions;
  seed?: number;
}

export interface SimCode {
  msgId: string;
  mobile: string;
  code: string;
  expiresAt: number;
  used: boolean;
}

export interface SimSchedule {
  id: string;
  batch: boolean;
  sendTime: string;
  tempId: number;
  recipients: { mobile: string; temp_para?: Record<string, unknown>; msg_id: string }[];
  status: 'pending' | 'sent' | 'deleted';
}

export interface JsmsSimState {
  appKey: string;
  masterSecret: string;
  devKey: string;
  devSecret: string;
  appBalance: number | null;
  devBalance: number | null;
  templates: Map<number, SimTemplate>;
  codes: Map<string, SimCode>;
  schedules: Map<string, SimSchedule>;
  /** Every message accepted for sending (codes, voice codes, template SMS). */
  accepted: SimRecord[];
  /** Every request seen (method path), for asserting what reached the simulator. */
  requests: { method: string; path: string; at: number }[];
  batchReplyShape: 'recipients' | 'failure_recipients';
  numericMsgIds: boolean;
}

export interface JsmsSim {
  url: string;
  port: number;
  state: JsmsSimState;
  faults: Faults;
  close(): Promise<void>;
  /** The code JSMS "sent" for a msg_id (what the phone would show). */
  codeFor(msgId: string): string | undefined;
  /** Marks a code as expired. */
  expireCode(msgId: string): void;
  setAppBalance(n: number | null): void;
  /** Sends every pending schedule whose time has come (or all, with force) and records them. */
  fireSchedules(force?: boolean): number;
}

/** "yyyy-MM-dd HH:mm:ss" China time → epoch ms. */
export function chinaTimeToMs(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - 8 * 3600_000;
}

