import { z } from 'zod';
import type { ProviderKind } from './accounts.ts';

/**
 * Insight (issue 19): delivery rate and volume per account, box port, day and hour of day, and a
 * comparison of campaigns — read from the counts kept beside the ledger, never by scanning messages.
 */

const DAY_MS = 86_400_000;
/** The longest range one report covers (a year of days is the most a chart can show readably). */
export const INSIGHT_MAX_DAYS = 366;
/** A reply counts for a campaign when it comes from a number the campaign messaged, within this long after that message was handed over. */
export const REPLY_WINDOW_HOURS = 72;

export const insightRangeSchema = z
  .object({
    /** Start of the range (ms, inclusive): local midnight of the first day. */
    from: z.number().int().nonnegative(),
    /** End of the range (ms, exclusive): local midnight after the last day. */
    to: z.number().int().positive(),
    /** The window's UTC offset (minutes east of UTC), so days and hours are the user's. */
    utcOffsetMinutes: z.number().int().min(-840).max(840),
  })
  .refine((r) => r.to > r.from, { message: 'The range ends before it starts. Pick an end date on or after the start date.' })
  .refine((r) => r.to - r.from <= INSIGHT_MAX_DAYS * DAY_MS, { message: `The range is longer than ${INSIGHT_MAX_DAYS} days. Pick a shorter range.` });

export type InsightRange = z.infer<typeof insightRangeSchema>;

/** What became of the messages handed over in a period (counted where they were sent, not where their report came). */
export interface SendCounts {
  /** Messages handed to the provider. */
  handed: number;
  /** Their SMS segments (what a provider bills). */
  segments: number;
  delivered: number;
  /** Failed after hand-over (a report said so). */
  failed: number;
  expired: number;
  /** Failed before hand-over (the provider refused the request). */
  refused: number;
}

export interface SendTotals extends SendCounts {
  /** delivered ÷ handed, 0–1; null when nothing was handed over. */
  deliveryRate: number | null;
}

export interface AccountInsight extends SendTotals {
  accountId: string;
  /** Null when the account has been deleted since. */
  accountName: string | null;
  kind: ProviderKind | null;
}

export interface PortInsight extends AccountInsight {
  port: number;
}

export interface DayInsight extends SendTotals {
  /** The local day, YYYY-MM-DD. */
  day: string;
}

export interface HourInsight extends SendTotals {
  /** The local hour of day, 0–23. */
  hour: number;
}

export interface FailureReason {
  /** The error code ('' when none was given). */
  code: string;
  n: number;
}

export interface CampaignInsight {
  id: string;
  name: string;
  accountName: string | null;
  createdAt: number;
  /** Messages in the campaign. */
  total: number;
  handed: number;
  delivered: number;
  failed: number;
  /** delivered ÷ total and failed ÷ total, 0–1; null for an empty campaign. */
  deliveredRate: number | null;
  failedRate: number | null;
  /** Most frequent first. */
  failedByReason: FailureReason[];
  /** Median seconds from hand-over to the delivery report (binned: exact under a minute, then minutes, ten minutes, hours); null with no delivery. */
  medianDeliverySeconds: number | null;
  /** Inbound SMS from a number the campaign messaged, within REPLY_WINDOW_HOURS after that message. */
  replies: number;
  /** Of those, the ones that were opt-out keywords. */
  optOuts: number;
}

export interface InsightReport {
  range: InsightRange;
  totals: SendTotals;
  byAccount: AccountInsight[];
  byPort: PortInsight[];
  byDay: DayInsight[];
  byHour: HourInsight[];
  /** Campaigns created in the range, newest first (at most INSIGHT_MAX_CAMPAIGNS). */
  campaigns: CampaignInsight[];
}

export const INSIGHT_MAX_CAMPAIGNS = 200;
