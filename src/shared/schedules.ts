import { z } from 'zod';
import type { ProviderKind } from './accounts.ts';
import { campaignDraftSchema } from './campaigns.ts';
import type { AppErrorShape } from './errors.ts';

/**
 * Schedules as main and the renderer both see them. Two kinds live in one list:
 * - local: a campaign draft plus "when" (once, or a recurrence) in an explicit IANA time zone; the app
 *   fires it by creating a campaign (any provider, and the only way for the GSM box);
 * - provider-side: the provider holds the messages (JSMS scheduled SMS, EIMS timed send, EIMS jobs);
 *   the app keeps its own record (ids, times, recipients count) so they show in the same list.
 */

/** A wall-clock date and time in the schedule's zone: "yyyy-MM-ddTHH:mm". */
export const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, 'Use a date and time like 2026-03-29T09:30.');
export const localDateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Use a date like 2026-03-29.');
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, e.g. 09:30');

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().min(1).max(64).refine(isTimeZone, 'Pick a time zone from the list (e.g. Asia/Shanghai).');

/** ISO weekdays: 1 Monday … 7 Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export const repeatSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), at: localDateTimeSchema }),
  z.object({
    kind: z.literal('every'),
    every: z.number().int().min(1, 'Repeat at least every 1 minute.').max(100_000),
    unit: z.enum(['minutes', 'hours']),
    /** The first run; then every N units of elapsed time (not wall time). */
    from: localDateTimeSchema,
  }),
  z.object({ kind: z.literal('daily'), time: timeOfDaySchema }),
  z.object({
    kind: z.literal('weekly'),
    time: timeOfDaySchema,
    days: z.array(z.number().int().min(1).max(7)).min(1, 'Pick at least one weekday.').max(7),
  }),
  /** Day 29–31 runs on the last day of shorter months (31 → Feb 28/29). */
  z.object({ kind: z.literal('monthly'), time: timeOfDaySchema, day: z.number().int().min(1).max(31) }),
]);
export type Repeat = z.output<typeof repeatSchema>;
export type RepeatKind = Repeat['kind'];

export const whenSchema = z.object({
  zone: timeZoneSchema,
  repeat: repeatSchema,
  /** Daily/weekly/monthly runs start on this date (default: today). */
  startDate: localDateSchema.nullable().default(null),
  /** No run after this date (inclusive, in the zone). */
  endDate: localDateSchema.nullable().default(null),
  /** Stop after this many runs. */
  maxRuns: z.number().int().min(1).max(1_000_000).nullable().default(null),
});
export type When = z.output<typeof whenSchema>;
export type WhenInput = z.input<typeof whenSchema>;

/** After the app was not running at a due time: send once now, or skip to the next run. */
export const MISSED_POLICIES = ['run-once', 'skip'] as const;
export type MissedPolicy = (typeof MISSED_POLICIES)[number];

export const localScheduleInputSchema = z.object({
  draft: campaignDraftSchema,
  when: whenSchema,
  missedPolicy: z.enum(MISSED_POLICIES).default('run-once'),
});
export type LocalScheduleInput = z.output<typeof localScheduleInputSchema>;

/** JSMS scheduled SMS: the template draft, sent by JSMS at one instant (China time on the wire). */
export const jsmsScheduleInputSchema = z.object({
  draft: campaignDraftSchema,
  /** When JSMS sends, as wall time in `zone`. */
  at: localDateTimeSchema,
  zone: timeZoneSchema,
});

export const EIMS_JOB_KINDS = ['now', 'timed', 'interval', 'daily', 'weekly', 'monthly'] as const;
export type EimsJobKind = (typeof EIMS_JOB_KINDS)[number];

/** An EIMS job (`smsjob`); the times it runs at are the platform's wall time (hour/min/day/week/mon). */
export const eimsJobSchema = z.object({
  jobName: z.string().trim().min(1, 'Name the job.').max(64, 'A job name has at most 64 characters.'),
  jobType: z.enum(EIMS_JOB_KINDS),
  /** Number of runs of a periodic job. */
  period: z.number().int().min(1).max(1_000_000).optional(),
  /** Minutes between runs (interval jobs). */
  interval: z.number().int().min(1).max(525_600).optional(),
  min: z.number().int().min(0).max(59).optional(),
  hour: z.number().int().min(0).max(23).optional(),
  day: z.number().int().min(1).max(31).optional(),
  /** 1–7. */
  week: z.number().int().min(1).max(7).optional(),
  mon: z.number().int().min(1).max(12).optional(),
  /** Plan start/end as wall time in `zone` (timed jobs need the start). */
  planStart: localDateTimeSchema.optional(),
  planEnd: localDateTimeSchema.optional(),
  retry: z.number().int().min(0).max(100).optional(),
  flash: z.boolean().optional(),
});
export type EimsJobOptions = z.output<typeof eimsJobSchema>;

export const eimsScheduleInputSchema = z.discriminatedUnion('mode', [
  /** `sendsms` with `sendtime`: the platform holds the messages until then. */
  z.object({ mode: z.literal('timed'), draft: campaignDraftSchema, at: localDateTimeSchema, zone: timeZoneSchema }),
  z.object({ mode: z.literal('job'), draft: campaignDraftSchema, zone: timeZoneSchema, job: eimsJobSchema }),
]);

export const scheduleCreateSchema = z.discriminatedUnion('kind', [
  localScheduleInputSchema.extend({ kind: z.literal('local') }),
  jsmsScheduleInputSchema.extend({ kind: z.literal('jsms') }),
  z.object({ kind: z.literal('eims'), eims: eimsScheduleInputSchema }),
]);
export type ScheduleCreateInput = z.output<typeof scheduleCreateSchema>;

export const scheduleIdSchema = z.object({ id: z.string().min(1) });

/** Edit a local schedule (draft, when, policy) or change a JSMS schedule (time, recipients, parameters). */
export const scheduleUpdateSchema = z.discriminatedUnion('kind', [
  localScheduleInputSchema.extend({ kind: z.literal('local'), id: z.string().min(1) }),
  jsmsScheduleInputSchema.extend({ kind: z.literal('jsms'), id: z.string().min(1) }),
]);
export type ScheduleUpdateInput = z.output<typeof scheduleUpdateSchema>;

export type ScheduleKind = 'local' | 'jsms' | 'eims-timed' | 'eims-job';
export type ScheduleState = 'active' | 'paused' | 'done' | 'deleted' | 'failed';

export interface ScheduleRunView {
  dueAt: number;
  firedAt: number;
  outcome: 'created' | 'skipped' | 'failed';
  campaignId: string | null;
  detail: string;
}

/** One provider-side schedule (JSMS) or job (EIMS) behind an app schedule. */
export interface ProviderPart {
  /** JSMS schedule_id, EIMS job id, or "send-N" for a timed EIMS send. */
  providerId: string;
  recipients: number;
  /** Numbers the provider refused, with why. */
  rejected: number;
  state: 'pending' | 'deleted' | 'sent' | 'failed';
  /** JSMS: a batch schedule (else the single-recipient API). */
  batch?: boolean;
}

export interface ProviderTime {
  /** What the provider is given/shows, e.g. JSMS "2026-03-29 09:30:00" or EIMS "20260329093000". */
  wall: string;
  /** "UTC+8". */
  zoneLabel: string;
}

export interface ScheduleView {
  id: string;
  kind: ScheduleKind;
  name: string;
  accountId: string;
  accountName: string;
  provider: ProviderKind;
  state: ScheduleState;
  /** The draft the schedule sends (recipients as chosen: lists are re-read at each local run). */
  draft: z.output<typeof campaignDraftSchema>;
  /** Local schedules; for provider ones a one-off "when" at the provider time. */
  when: When | null;
  missedPolicy: MissedPolicy;
  /** Next due instant (epoch ms), null when none is left. */
  nextRunAt: number | null;
  /** Next run in the provider's wall clock, where the provider has one. */
  providerTime: ProviderTime | null;
  runCount: number;
  lastRun: ScheduleRunView | null;
  /** The last problem (failed run or provider error). */
  lastError: AppErrorShape | null;
  /** Provider-side schedules: the parts at the provider (a JSMS batch > 1000 spans several). */
  parts: ProviderPart[];
  recipients: number | null;
  /** EIMS jobs: what was sent and how the numbers travel. */
  job: (EimsJobOptions & { numbersUrl: string | null; numbersUrlExpiresAt: number | null; numbersUrlWarning: string | null }) | null;
  createdAt: number;
  updatedAt: number;
}

export interface ProviderScheduleDetail {
  id: string;
  parts: {
    providerId: string;
    sendTime: string;
    sendAt: number | null;
    tempId: number;
    recipients: { msgId: string | null; mobile: string; params: Record<string, string> }[];
  }[];
}

export interface ScheduleChangedEvent {
  reason: 'created' | 'updated' | 'deleted' | 'fired';
  id: string;
}
