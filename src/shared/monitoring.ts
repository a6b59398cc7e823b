import { z } from 'zod';
import type { ProviderKind } from './accounts.ts';
import { MESSAGE_STATES, type CampaignKind, type CampaignState, type MessageState, type SentTemplate } from './campaigns.ts';
import type { AppErrorShape } from './errors.ts';
import type { BalanceLine } from './providers.ts';
import type { BoxPortHealth } from './box-ports.ts';

/**
 * Monitoring (issue 7): the local receiver that providers push to, the message log, the inbox and the
 * dashboard — as main and the renderer both see them.
 */

// ---------------------------------------------------------------- receiver

export type PushSource = 'eims' | 'box' | 'jsms';

/** How far an address can be reached from: the EIMS platform (internet) cannot reach loopback or private addresses. */
export type Reachability = 'loopback' | 'private' | 'public';

export interface NetworkInterfaceView {
  /** OS name, e.g. "eth0", "Wi-Fi". */
  name: string;
  address: string;
  family: 'IPv4' | 'IPv6';
  /** e.g. "192.168.1.20/24". */
  cidr: string | null;
  internal: boolean;
  reachability: Reachability;
}

/** One URL to give to a provider: the token is part of the path (treat it like a password). */
export interface PushUrl {
  accountId: string;
  accountName: string;
  provider: ProviderKind;
  /** Where this provider must push to, e.g. http://192.168.1.20:18080/push/<token>/eims/<accountId>. */
  url: string;
  reachability: Reachability;
  /** One sentence when the address cannot work for this provider (e.g. EIMS and a private address). */
  warning: string | null;
}

export interface ReceiverStatus {
  state: 'stopped' | 'starting' | 'listening' | 'error';
  /** The address the user chose (0.0.0.0 = every interface). */
  host: string;
  /** The port the user chose; `boundPort` is the one actually listened on (differs when 0 was asked). */
  port: number;
  boundPort: number | null;
  /** Set when state is 'error', e.g. RECEIVER_PORT_IN_USE with what to do. */
  error: AppErrorShape | null;
  /** The address used in the URLs below (the chosen host, or the first LAN address when listening on all). */
  advertisedHost: string;
  urls: PushUrl[];
  interfaces: NetworkInterfaceView[];
  /** Last accepted push per source (epoch ms), null when none since start. */
  lastPushAt: Record<PushSource, number | null>;
  /** Requests accepted / refused since start. */
  accepted: number;
  refused: number;
}

export const receiverConfigureSchema = z.object({
  /** An address of this PC, 0.0.0.0 for all, or 127.0.0.1 for this PC only. */
  host: z.string().trim().min(1, 'Pick an address to listen on.').max(64),
  port: z.number().int().min(0, 'Use a port from 1 to 65535.').max(65535, 'Use a port from 1 to 65535.'),
});

// ---------------------------------------------------------------- box push setup

export const boxPushAccountSchema = z.object({ accountId: z.string().min(1) });

export const boxPushSetupSchema = z.object({
  accountId: z.string().min(1),
  /** This PC's address as the box should call it; default: the address on the box's subnet. */
  host: z.string().trim().max(64).optional(),
  reportsEnable: z.boolean().default(true),
  resultsEnable: z.boolean().default(true),
});

export interface BoxPushState {
  accountId: string;
  /** What the box holds now (password never included). */
  enabled: boolean;
  reportsEnabled: boolean;
  resultsEnabled: boolean;
  /** Where the box pushes to, e.g. http://192.168.1.20:18080/push/…/box/<accountId> (token masked). */
  target: string;
  /** The box points at this app's receiver with the current token and parameter names. */
  pointsHere: boolean;
  /** One sentence on what differs, when it does not point here. */
  problem: string | null;
  /** Last push received from this box (epoch ms), null when none since start. */
  lastPushAt: number | null;
}

export const boxPushTestSchema = z.object({
  accountId: z.string().min(1),
  /** The number the test SMS goes to (e.g. the user's own phone). */
  number: z.string().trim().min(3, 'Enter the phone number the test SMS goes to.').max(32),
  text: z.string().trim().min(1).max(300).default('SMS console: push test'),
  /** How long to wait for the box's push, in seconds. */
  waitSeconds: z.number().int().min(1).max(300).default(90),
});

export interface BoxPushTestResult {
  campaignId: string;
  messageId: number;
  /** A push about the test message arrived within the wait. */
  arrived: boolean;
  state: MessageState;
  /** One plain sentence about what happened and, when nothing arrived, what to check. */
  summary: string;
}

// ---------------------------------------------------------------- message log

const epochMs = z.number().int().min(0);

export const messageLogFilterSchema = z.object({
  campaignId: z.string().min(1).optional(),
  accountId: z.string().min(1).optional(),
  states: z.array(z.enum(MESSAGE_STATES)).max(MESSAGE_STATES.length).optional(),
  /** Created at or after (epoch ms, inclusive); the date of a message is its campaign's creation. */
  from: epochMs.optional(),
  /** Created before (epoch ms, exclusive). */
  to: epochMs.optional(),
  /**
   * The number: 7 or more digits find numbers that START with them (typed with or without + and the
   * country code, spaces ignored); fewer digits find numbers that CONTAIN them (e.g. the last four).
   */
  search: z.string().trim().max(32).default(''),
  /** Only single messages: replies from the inbox and GSM box push tests (not campaigns). */
  singles: z.boolean().optional(),
});
export type MessageLogFilter = z.output<typeof messageLogFilterSchema>;

export const messageLogQuerySchema = messageLogFilterSchema.extend({
  /** Keyset paging, newest first: pass the previous page's `nextCursor`. Omit for the first page. */
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const messageLogExportSchema = messageLogFilterSchema.extend({ format: z.enum(['xlsx', 'csv']) });

export interface MessageLogRow {
  id: number;
  campaignId: string;
  campaignName: string;
  /** A campaign's message, or a single message (a reply, a box push test): screens title those by kind. */
  campaignKind: CampaignKind;
  accountId: string;
  provider: ProviderKind;
  e164: string;
  /** The contact's name when the number is a contact. */
  name: string | null;
  /** What the recipient got (a template send: its template filled in, when known). */
  text: string;
  template: SentTemplate | null;
  segments: number;
  state: MessageState;
  providerId: string | null;
  port: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** When the provider took it (null before). */
  handedAt: number | null;
  updatedAt: number;
}

export interface MessageLogPage {
  rows: MessageLogRow[];
  /** Pass as `cursor` to get the next (older) page; null at the end. */
  nextCursor: number | null;
}

// ---------------------------------------------------------------- inbox

export const inboxThreadsSchema = z.object({
  search: z.string().trim().max(32).default(''),
  unreadOnly: z.boolean().default(false),
  /** Keyset paging, newest thread first: the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export interface InboxThreadSummary {
  /** The other party (E.164 when it could be read as one, else the number as received). */
  number: string;
  /** The contact's name when the number is a contact. */
  name: string | null;
  lastAt: number;
  lastText: string;
  /** The last message was a JSMS template send (`lastText` is '' when its text is not known). */
  lastTemplate: SentTemplate | null;
  lastDirection: 'in' | 'out';
  unread: number;
  inboundCount: number;
  optedOut: boolean;
}

export interface InboxThreadsPage {
  threads: InboxThreadSummary[];
  nextCursor: string | null;
  unreadTotal: number;
}

export const inboxThreadSchema = z.object({
  number: z.string().trim().min(1).max(40),
  /** Keyset paging, newest first: the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export type ThreadItem =
  | {
      kind: 'in';
      /** Inbound SMS id. */
      id: number;
      at: number;
      text: string;
      accountId: string;
      accountName: string;
      provider: ProviderKind;
      /** GSM box port it arrived on. */
      port: number | null;
      read: boolean;
      /** It contained an opt-out keyword and the sender was added to the opt-out list. */
      optOut: boolean;
    }
  | {
      kind: 'out';
      /** Ledger message id (use messageHistory for its status history). */
      messageId: number;
      at: number;
      /** What the recipient got (a template send: its template filled in, when known). */
      text: string;
      template: SentTemplate | null;
      accountId: string;
      accountName: string;
      provider: ProviderKind;
      port: number | null;
      state: MessageState;
      campaignId: string;
      /** Sent by a campaign, or a single message (a reply, a push test). */
      campaignKind: CampaignKind;
    };

export interface InboxThreadPage {
  number: string;
  /** The contact's name when the number is a contact. */
  name: string | null;
  /** Newest first. */
  items: ThreadItem[];
  nextCursor: string | null;
  optedOut: boolean;
  /** The account the last inbound SMS came through: the default for a reply. */
  replyAccountId: string | null;
}

export const inboxMarkReadSchema = z.object({ number: z.string().trim().min(1).max(40) });

export const inboxReplySchema = z.object({
  number: z.string().trim().min(1).max(40),
  accountId: z.string().min(1, 'Pick the account to reply from.'),
  text: z.string().min(1, 'Write the reply.').max(2000, 'The reply is too long (2,000 characters at most).'),
  /** GSM box: reply from this port (default: the port the last SMS arrived on, else any available). */
  port: z.number().int().min(1).max(512).optional(),
});

export interface InboxReplyResult {
  campaignId: string;
  messageId: number;
}

// ---------------------------------------------------------------- dashboard

export interface PeriodCounts {
  /** Handed to a provider. */
  sent: number;
  delivered: number;
  failed: number;
  /** No delivery report came in time (the operator gave up): not the same as failed. */
  expired: number;
}

export interface DashboardStats {
  generatedAt: number;
  today: PeriodCounts;
  /** The last 7 local days, today included. */
  week: PeriodCounts;
  /** This week: handed to a provider → confirmed sent → delivered (failed and expired on the side). */
  funnel: { handed: number; sent: number; delivered: number; failed: number; expired: number };
  /** Per local day (YYYY-MM-DD) and provider, the last 14 days, oldest first; days with nothing are omitted. */
  perDay: { day: string; provider: ProviderKind; sent: number; delivered: number; failed: number; expired: number }[];
  recentCampaigns: {
    id: string;
    name: string;
    provider: ProviderKind;
    state: CampaignState;
    total: number;
    delivered: number;
    failed: number;
    expired: number;
    pending: number;
    createdAt: number;
  }[];
  inboxUnread: number;
}

export interface AccountBalanceView {
  accountId: string;
  name: string;
  provider: ProviderKind;
  balances: BalanceLine[];
  /**
   * Below the low-balance threshold (settings): EIMS its balance; JSMS what codes and notices draw on
   * (the industry quota plus the all-type quota).
   */
  low: boolean;
  error: AppErrorShape | null;
  checkedAt: number;
}

export interface BoxPortView {
  port: number;
  name: string;
  available: boolean;
  /** SMS this SIM took today (as the per-SIM daily cap counts them). */
  sentToday: number;
  /** Daily cap per SIM (0 = none). */
  cap: number;
  /** What the SIM may still send today: cap − sent today; null when there is no cap. */
  leftToday: number | null;
  /** Rotation, success rate and SIM (issue 19). */
  health: BoxPortHealth;
}

export interface BoxView {
  accountId: string;
  name: string;
  reachable: boolean;
  error: AppErrorShape | null;
  ports: BoxPortView[];
  /** What the available SIMs may still send today, together; null when there is no cap. */
  leftToday: number | null;
  checkedAt: number;
}

/** Asks every provider (balances, box ports); slower than the stats, so it is its own call. */
export interface DashboardAccounts {
  balances: AccountBalanceView[];
  boxes: BoxView[];
}

// ---------------------------------------------------------------- events

/** Coalesced (at most a few per second): message states changed through pushes, polls or sending. */
export interface MessagesChangedEvent {
  count: number;
  campaignIds: string[];
}

export interface InboundReceivedEvent {
  count: number;
  numbers: string[];
  unreadTotal: number;
}
