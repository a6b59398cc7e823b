import { z } from 'zod';
import type { ProviderKind } from './accounts.ts';
import type { AppErrorShape } from './errors.ts';
import type { BalanceLine } from './providers.ts';

/**
 * Campaigns and their messages, as main and the renderer both see them. A campaign is one send: an
 * account, a content (free text with `{variables}` or a JSMS template with parameters), recipients
 * resolved once at creation, and a ledger row per message (see docs/sending-design.md).
 */

/** The message lifecycle (DESIGN.md): every transition is written before its side effect. */
export const MESSAGE_STATES = [
  'queued',
  'submitting',
  'submitted',
  'sent',
  'delivered',
  'failed',
  'expired',
  'unknown',
  'cancelled',
] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];
/**
 * The one order every screen lists message states in (progress bars, legends, counts): outcomes
 * first, then what is still moving. Every state is always listed, so nothing (sent, expired,
 * cancelled…) is folded into a neighbour or left out.
 */
export const MESSAGE_STATE_ORDER: readonly MessageState[] = [
  'delivered',
  'sent',
  'submitted',
  'submitting',
  'failed',
  'expired',
  'unknown',
  'cancelled',
  'queued',
];
/** States a message never leaves on its own (unknown waits for reconciliation or the user). */
export const FINAL_MESSAGE_STATES: readonly MessageState[] = ['delivered', 'failed', 'expired', 'cancelled'];
/** States in which the app has handed the message to the provider. */
export const HANDED_OVER_STATES: readonly MessageState[] = ['submitted', 'sent', 'delivered', 'failed', 'expired'];

/**
 * `preparing`: its messages are still being written (a big campaign is written in short steps); nothing
 * is sent from it yet. `handed`: nothing is left to send; reports are still coming in.
 */
export const CAMPAIGN_STATES = ['preparing', 'running', 'paused', 'handed', 'cancelled', 'done'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/**
 * `campaign`: composed and sent by the user from Compose (or a schedule). `reply`: an answer typed in
 * the inbox; `auto-reply`: sent by an inbox keyword rule; `test`: the GSM box push test. Replies,
 * auto-replies and tests are single messages: they go through the ledger like any send (opt-outs,
 * pacing, never twice) but are not listed as campaigns, and no inbound SMS is counted as a reply to them.
 */
export const CAMPAIGN_KINDS = ['campaign', 'reply', 'auto-reply', 'test'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
/** The kinds that are single messages (the Messages screen's "single messages" filter). */
export const SINGLE_MESSAGE_KINDS: readonly CampaignKind[] = ['reply', 'auto-reply', 'test'];

export type MessageCounts = Record<MessageState, number>;

const variableName = z.string().trim().min(1).max(64);

/** Free text (EIMS, GSM box): `{name}` placeholders are filled per recipient from list variables. */
export const textContentSchema = z.object({
  mode: z.literal('text'),
  body: z.string().min(1, 'Write the message text.').max(2000, 'The text is too long (2,000 characters at most).'),
  /** EIMS sender id, when the account's route allows one. */
  sender: z.string().trim().max(20).optional(),
});

/** A JSMS template: each template parameter takes a text with `{variables}` (e.g. "{name}" or "VIP"). */
export const templateContentSchema = z.object({
  mode: z.literal('template'),
  tempId: z.coerce.number().int().positive('Pick a template.'),
  params: z.record(variableName, z.string().max(500)).default({}),
  signId: z.coerce.number().int().positive().optional(),
});

export const campaignContentSchema = z.discriminatedUnion('mode', [textContentSchema, templateContentSchema]);
export type CampaignContent = z.output<typeof campaignContentSchema>;

const recipientsFields = z.object({
  listIds: z.array(z.string().min(1)).max(100).default([]),
  /** Pasted numbers: one per line, or separated by commas/semicolons/spaces. */
  pasted: z.string().max(2_000_000).default(''),
});

export const recipientsSchema = recipientsFields
  .refine((r) => r.listIds.length > 0 || r.pasted.trim().length > 0, {
    message: 'Pick at least one list or paste some numbers.',
    path: ['listIds'],
  });
export type RecipientsInput = z.output<typeof recipientsSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, e.g. 21:00');
/** Sending is not allowed from `start` to `end` (local time of this PC); the window may wrap midnight. */
export const quietHoursSchema = z.object({ start: hhmm, end: hhmm }).refine((q) => q.start !== q.end, {
  message: 'Quiet hours must start and end at different times.',
  path: ['end'],
});
export type QuietHours = z.output<typeof quietHoursSchema>;

export const campaignDraftSchema = z.object({
  name: z.string().trim().min(1, 'Name the campaign.').max(100),
  accountId: z.string().min(1, 'Pick an account.'),
  content: campaignContentSchema,
  recipients: recipientsSchema,
  quietHours: quietHoursSchema.nullable().default(null),
  /** GSM box: use only these ports (default: every port whose status is available). */
  ports: z.array(z.number().int().min(1).max(512)).max(512).optional(),
  /** Send to landlines and other numbers libphonenumber says cannot receive SMS too (default: left out). */
  includeNonMobile: z.boolean().optional(),
});
export type CampaignDraft = z.output<typeof campaignDraftSchema>;
export type CampaignDraftInput = z.input<typeof campaignDraftSchema>;

export const campaignCreateSchema = campaignDraftSchema.extend({
  /** The user saw the pre-send summary and said send. */
  confirmed: z.literal(true, { error: 'Confirm the summary before sending.' }),
});

export const campaignIdSchema = z.object({ id: z.string().min(1) });

/**
 * "Send a test to me": the draft as Compose has it (recipients may still be empty) and the number to
 * send it to. The test is the message the draft's first recipient would get (or, with no recipients
 * yet, the message rendered for the test number itself), sent to that one number.
 */
export const campaignTestSchema = z.object({
  draft: campaignDraftSchema.extend({ recipients: recipientsFields.default({ listIds: [], pasted: '' }) }),
  number: z.string().trim().min(1, 'Enter your mobile number.').max(40),
});

/** The test just sent: its one-message send (follow it with campaignGet) and what it says. */
export interface TestSendView {
  campaign: CampaignView;
  /** The number as written for the provider. */
  address: string;
  /** The text as the phone shows it (JSMS: the template filled, when its text is known). */
  text: string;
  /** Whose message it is: the first recipient's number, or null when rendered for the test number. */
  renderedFor: string | null;
}

export const campaignMessagesSchema = z.object({
  id: z.string().min(1),
  states: z.array(z.enum(MESSAGE_STATES)).optional(),
  search: z.string().trim().max(40).default(''),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const campaignRetrySchema = z.object({
  id: z.string().min(1),
  /** Which messages go into the new campaign: failed (default), expired, and — as an explicit decision — unknown. */
  states: z.array(z.enum(['failed', 'expired', 'unknown', 'cancelled'])).min(1).default(['failed']),
  name: z.string().trim().min(1).max(100).optional(),
  /** Only the unknown messages marked "probably never received" (with states ['unknown']). */
  probablyLostOnly: z.boolean().default(false),
});

export const campaignExportSchema = z.object({ id: z.string().min(1), format: z.enum(['xlsx', 'csv']) });

/** A number left out of the campaign, with why. */
export interface ExcludedRecipient {
  value: string;
  reason: string;
}

export interface RenderedSample {
  e164: string;
  /** The text as it will be sent (text mode) or the template parameters (template mode). */
  text: string;
  params?: Record<string, string>;
  /** JSMS: `text` is the template filled with `params`, as the phone shows it (not just the parameters). */
  fromTemplate?: boolean;
  segments: number;
  encoding: 'GSM-7' | 'UCS-2' | null;
}

/** What the send will use up. */
export interface CostEstimate {
  /** SMS segments (free text) or template SMS (JSMS, one each): what providers bill. */
  segments: number;
  /** `segments` × the account's price per segment; null when the account has no price. */
  money: number | null;
  /** The currency of that price (ISO 4217), when the account says. */
  currency: string | null;
}

/**
 * The cost against what it draws on, only where the two are in one unit: an EIMS balance is money (so
 * it needs the account's price per segment); a JSMS template draws SMS from its type's quota (industry
 * for codes and notices, marketing for marketing) and then from the all-type quota.
 */
export interface FundsCheck {
  source: 'eims-balance' | 'jsms-industry' | 'jsms-market';
  unit: 'money' | 'messages';
  /** What is left to draw on (JSMS: the type's quota plus the all-type quota). */
  available: number;
  /** What the send needs, in the same unit. */
  needed: number;
  covered: boolean;
}

/** What a GSM box's SIMs may still send today: each SIM's daily cap minus what it sent today. */
export interface BoxCapacity {
  /** Summed over the SIMs the campaign may use that are available now. */
  leftToday: number;
  /** How many such SIMs. */
  ports: number;
}

/** The pre-send summary. */
export interface CampaignPreview {
  accountId: string;
  provider: ProviderKind;
  recipients: number;
  optedOut: number;
  invalid: number;
  /** Landlines and other numbers that cannot receive SMS, left out (unless the draft includes them). */
  nonMobile: number;
  duplicates: number;
  /** First excluded numbers (invalid, opted out, not mobile), at most 200, each with why. */
  excluded: ExcludedRecipient[];
  totalSegments: number;
  /** Variables used in the content that some recipients do not have (they would be sent empty). */
  missingVariables: { name: string; recipients: number }[];
  /** Variables some recipients lack that have a default (`{name|客户}`): those recipients get the default. */
  defaultedVariables: { name: string; recipients: number; fallback: string }[];
  sample: RenderedSample[];
  /** The account's balances as the provider reported them just now ([] when it has none or could not be asked). */
  balances: BalanceLine[];
  cost: CostEstimate;
  /** The cost set against what it draws on; null when the two cannot be compared (see CostEstimate). */
  funds: FundsCheck | null;
  /** GSM box: what its SIMs may still send today under their daily cap (null: no cap, or the box could not be asked). */
  boxCapacity: BoxCapacity | null;
  warnings: string[];
}

export interface CampaignView {
  id: string;
  /** `campaign`, or a single message sent as a reply or a test (see CAMPAIGN_KINDS). */
  kind: CampaignKind;
  name: string;
  accountId: string;
  accountName: string;
  provider: ProviderKind;
  state: CampaignState;
  content: CampaignContent;
  quietHours: QuietHours | null;
  total: number;
  counts: MessageCounts;
  totalSegments: number;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  /** When nothing was left to send (a `handed` or `done` campaign), or null. */
  handedAt: number | null;
  /** A `handed` campaign's end of the report window: it is finished then at the latest. */
  reportsUntil: number | null;
  /** Set while the campaign waits for quiet hours to end (epoch ms of the next allowed time). */
  waitingUntil: number | null;
  /** The last error that held the whole campaign (e.g. balance insufficient), if any. */
  lastError: AppErrorShape | null;
  /** Unknown messages that reports for later requests show were probably never received (send them again by choice). */
  probablyLost: number;
  /** The campaign this one retries, if any. */
  retryOf: string | null;
  /** The campaign whose unsent rest this one took over on another account (account failover), if any. */
  movedFrom?: string | null;
  /** The campaigns that took over this one's unsent rest on another account, oldest first. */
  movedTo?: string[];
}

/** An account the unsent rest of a paused campaign can move to (it sends the same kind of content). */
export interface MoveTarget {
  accountId: string;
  name: string;
  kind: ProviderKind;
}

export const campaignMoveSchema = z.object({
  id: z.string().min(1),
  /** The account that sends the rest. */
  accountId: z.string().min(1),
});

export const campaignMoveConfirmSchema = campaignMoveSchema.extend({
  /** The user saw the preview of what moves and said send. */
  confirmed: z.literal(true, { error: 'Confirm the summary before sending.' }),
});

export interface MessageEventView {
  at: number;
  state: MessageState;
  source: 'app' | 'reply' | 'push' | 'poll' | 'reconcile' | 'user';
  detail: string;
}

/**
 * A JSMS template send, as the screens show it: the ledger keeps the template id (in the campaign) and
 * the parameters; the template's own words come from JSMS (GET /v1/templates/{id}, kept by the app).
 */
export interface SentTemplate {
  /** The JSMS account whose template it is (template ids are per JSMS app). */
  accountId: string;
  id: number;
  params: Record<string, string>;
  /** The template's text is known: the message's `text` is it with the parameters in place. Else `text` is ''. */
  known: boolean;
}

export interface MessageRow {
  id: number;
  e164: string;
  /** The contact's name (from its list variables: name, 姓名, …) when the number is a contact. */
  name: string | null;
  address: string;
  /** What the recipient got: the rendered text (a template send: its template filled in, when known). */
  text: string;
  /** Set for JSMS template sends. */
  template: SentTemplate | null;
  segments: number;
  state: MessageState;
  attempts: number;
  providerId: string | null;
  port: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  providerCode: string | null;
  updatedAt: number;
}

export interface MessagePage {
  total: number;
  rows: MessageRow[];
}

export interface CampaignProgressEvent {
  id: string;
  state: CampaignState;
  counts: MessageCounts;
  waitingUntil: number | null;
  lastError: AppErrorShape | null;
}

export function emptyCounts(): MessageCounts {
  return Object.fromEntries(MESSAGE_STATES.map((s) => [s, 0])) as MessageCounts;
}
