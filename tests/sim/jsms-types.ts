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
  /** The app's all-type SMS quota (`app_balance`); null = not assigned. With no SMS quota at all: 50033. */
  appBalance?: number | null;
  /**
   * The app's industry (codes, notices), marketing and voice quotas (default null, null, 100). A send
   * draws on its own quota first — codes and notices on industry, marketing on market, voice codes on
   * voice — then on the all-type quota; 50014 when both together fall short.
   */
  appIndustry?: number | null;
  appMarket?: number | null;
  appVoice?: number | null;
  /**
   * How a batch meets a balance that covers only part of it: 'batch' refuses the whole request with
   * 50014 (default); 'recipient' sends while the balance lasts and refuses the rest one by one with
   * 50014 "no money" in the reply's recipient list.
   */
  balanceCheck?: 'batch' | 'recipient';
  devBalance?: number | null;
  templates?: SimTemplate[];
  /** Batch reply shape: `recipients` (mixed rows) or `failure_recipients` (failures only). */
  batchReplyShape?: 'recipients' | 'failure_recipients';
  /** Return msg_id as a JSON number instead of a string (both exist in the wild). */
  numericMsgIds?: boolean;
  /** Sends to one mobile allowed per minute before 50009 "out of freq" (default: no limit). */
  maxPerMobilePerMinute?: number;
  /** Least time between two calls to one pull endpoint (/v1/report, /v1/reply) before 50009 (default 5000). */
  pullGapMs?: number;
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

/** A signature: status 0 under review, 1 passed, 2 rejected; useStatus 1 in use. */
export interface SimSign {
  id: number;
  sign: string;
  status: number;
  useStatus: number;
  /** The pictures as received (field image0…image3, file name, type, bytes). */
  pictures: { field: string; name: string; type: string; bytes: Buffer }[];
}

export interface SimSchedule {
  id: string;
  batch: boolean;
  sendTime: string;
  tempId: number;
  recipients: { mobile: string; temp_para?: Record<string, unknown>; msg_id: string }[];
  status: 'pending' | 'sent' | 'deleted';
}

/** A report / reply waiting to be pulled (the push's `data` record). */
export interface SimPulledReport {
  msgId: string;
  status: number;
  phone: string;
  /** Epoch seconds. */
  receiveTime: number;
}
export interface SimPulledReply {
  phone: string;
  content: string;
  /** Epoch seconds. */
  replyTime: number;
}

export interface JsmsSimState {
  appKey: string;
  masterSecret: string;
  devKey: string;
  devSecret: string;
  appBalance: number | null;
  appIndustry: number | null;
  appMarket: number | null;
  appVoice: number | null;
  devBalance: number | null;
  templates: Map<number, SimTemplate>;
  signs: Map<number, SimSign>;
  codes: Map<string, SimCode>;
  schedules: Map<string, SimSchedule>;
  /** Every message accepted for sending (codes, voice codes, template SMS). */
  accepted: SimRecord[];
  /** Every recipient a batch refused on its own (its `failure_recipients` entry), in order. */
  refusedRecipients: { mobile: string; code: number; at: number }[];
  /** Every request seen (method path), for asserting what reached the simulator. */
  requests: { method: string; path: string; at: number }[];
  batchReplyShape: 'recipients' | 'failure_recipients';
  numericMsgIds: boolean;
  /** Reports and replies waiting for GET /v1/report, /v1/reply (each returned once). */
  reportQueue: SimPulledReport[];
  replyQueue: SimPulledReply[];
  /** msg_ids already queued by reportAll. */
  reported: Set<string>;
  /** Pull calls refused with 50009 because they came sooner than pullGapMs. */
  pullRefused: number;
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
  /** Queues a report for every accepted message not reported yet (status 4001 unless `statusFor` says otherwise); returns how many. */
  reportAll(statusFor?: (msgId: string, mobile: string) => number): number;
  /** Queues a reply (inbound SMS) for GET /v1/reply; replyTime in epoch seconds (default now). */
  addReply(reply: { phone: string; content: string; replyTime?: number }): void;
  /** Decides a template's or signature's review; with a URL, pushes JSMS's review callback there (resolves with its HTTP status). */
  review(what: 'template' | 'sign', id: number, status: 1 | 2, reason: string | null, callbackUrl?: string): Promise<number | null>;
}

/** "yyyy-MM-dd HH:mm:ss" China time → epoch ms. */
export function chinaTimeToMs(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - 8 * 3600_000;
}

