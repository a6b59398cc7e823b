import { randomUUID } from 'node:crypto';
import type { CampaignDraft } from '../../../shared/campaigns.ts';
import { AppError, isAppError } from '../../../shared/errors.ts';
import { reachWarning } from '../../../shared/reachability.ts';
import { nextRun } from '../../../shared/recurrence.ts';
import type { EimsJobOptions, ProviderPart, Repeat, ScheduleView, When } from '../../../shared/schedules.ts';
import { instantOf, parseLocalDateTime } from '../../../shared/zoned-time.ts';
import { writeNumbersXls, XLS_MAX_ROWS } from '../contacts/export/xls-biff8-writer.ts';
import type { CoreContext } from '../context.ts';
import { EIMS_LIMITS } from '../providers/capabilities.ts';
import type { EimsClient } from '../providers/eims/client.ts';
import { EIMS_JOB_TYPES, type EimsJobInput } from '../providers/eims/job.ts';
import type { OfferFile } from './file-offer.ts';
import type { ScheduleContext } from './schedule-context.ts';
import type { ScheduleRow } from './schedules-repository.ts';

/**
 * EIMS provider-side sending: a timed send (`sendsms` with `sendtime`, ≤10,000 numbers a call) and
 * jobs (`smsjob`: now, timed, interval, daily, weekly, monthly). Job numbers travel inline up to 4 KiB,
 * else as an .xls the receiver serves at an unguessable, expiring URL (shown, with a warning when
 * the platform cannot reach it). EIMS has no call to change or cancel either: the app's record is
 * what the user sees, and removing it says so.
 */

/** The platform's clock for job hours/minutes (China, UTC+8, no DST). */
const PLATFORM_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
/** How long a numbers file stays downloadable when the job has no plan end. */
const DEFAULT_FILE_TTL_MS = 30 * DAY_MS;

export interface EimsTimedInput {
  draft: CampaignDraft;
  at: string;
  zone: string;
}

export interface EimsJobScheduleInput {
  draft: CampaignDraft;
  zone: string;
  job: EimsJobOptions;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The job's runs as a recurrence in the platform's zone, so the list can show the next one. */
function jobWhen(job: EimsJobOptions, planStart: number | undefined, planEnd: number | undefined, now: number): When | null {
  const time = `${pad(job.hour ?? 0)}:${pad(job.min ?? 0)}`;
  let repeat: Repeat | null = null;
  switch (job.jobType) {
    case 'now':
    case 'timed':
      return null;
    case 'interval': {
      const from = planStart ?? now;
      const w = new Date(from + 8 * 3_600_000);
      repeat = { kind: 'every', every: job.interval ?? 60, unit: 'minutes', from: `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}` };
      break;
    }
    case 'daily':
      repeat = { kind: 'daily', time };
      break;
    case 'weekly':
      repeat = { kind: 'weekly', time, days: [job.week ?? 1] };
      break;
    case 'monthly':
      repeat = { kind: 'monthly', time, day: job.day ?? 1 };
      break;
  }
  const endDate = planEnd === undefined ? null : new Date(planEnd + 8 * 3_600_000).toISOString().slice(0, 10);
  return { zone: PLATFORM_ZONE, repeat, startDate: null, endDate, maxRuns: job.period ?? null };
}

export function createEimsSchedules(ctx: CoreContext, sc: ScheduleContext, offerFile: OfferFile | undefined, onChange: (id: string, reason: 'created' | 'updated' | 'deleted') => void) {
  const { repo } = sc;
  const eims = (accountId: string) => sc.client(accountId) as EimsClient;

  /** One text for everyone (EIMS timed sends and jobs carry a single content). */
  async function singleText(draft: CampaignDraft) {
    sc.requireKind(draft.accountId, 'eims');
    sc.checkContent('eims', draft);
    const composed = await sc.compose(draft, 'eims');
    const texts = new Set(composed.messages.map((m) => m.text));
    if (texts.size > 1) {
      throw new AppError('SCHEDULE_ONE_TEXT', 'EIMS timed sends and jobs carry one text for everyone, but {variables} make it differ per recipient. Remove the variables, or use an app schedule instead.', {
        fields: { 'draft.content.body': 'Remove {variables}.' },
      });
    }
    return { text: composed.messages[0]!.text, numbers: composed.messages.map((m) => m.address) };
  }

  function record(kind: 'eims-timed' | 'eims-job', draft: CampaignDraft, zone: string, when: When | null, nextDueAt: number | null, data: ScheduleRow['data']): ScheduleRow {
    const now = ctx.clock.now();
    return {
      id: randomUUID(),
      kind,
      name: draft.name,
      accountId: draft.accountId,
      provider: 'eims',
      state: 'active',
      draft,
      when,
      zone,
      missedPolicy: 'skip',
      nextDueAt,
      runCount: 0,
      lastError: null,
      data,
      createdAt: now,
      updatedAt: now,
    };
  }

  function fail(row: ScheduleRow, parts: ProviderPart[], err: unknown): never {
    if (parts.length === 0) repo.remove(row.id);
    else repo.save({ ...row, state: 'failed', data: { ...row.data, parts }, lastError: isAppError(err) ? err.toShape() : null, updatedAt: ctx.clock.now() });
    onChange(row.id, parts.length === 0 ? 'deleted' : 'created');
    throw err;
  }

  async function numbersFor(id: string, numbers: string[], ttlMs: number): Promise<{ numbers: EimsJobInput['numbers']; url: string | null; expiresAt: number | null; warning: string | null }> {
    if (Buffer.byteLength(numbers.join(','), 'utf8') <= EIMS_LIMITS.inlineJobNumbersBytes) return { numbers: { source: 'inline', numbers }, url: null, expiresAt: null, warning: null };
    if (numbers.length > XLS_MAX_ROWS - 1) {
      throw new AppError('SCHEDULE_TOO_MANY_FOR_FILE', `An .xls numbers file holds at most ${XLS_MAX_ROWS - 1} numbers (this job has ${numbers.length}). Split the recipients into several jobs.`);
    }
    if (!offerFile) {
      throw new AppError('RECEIVER_NOT_RUNNING', 'These numbers are more than 4 KiB, so EIMS must download them as a file from this app, but the app’s receiver is not running. Turn the receiver on in Settings, or use fewer numbers.');
    }
    const offered = await offerFile({ bytes: writeNumbersXls(numbers), contentType: 'application/vnd.ms-excel', fileName: `numbers-${id.slice(0, 8)}.xls`, ttlMs });
    return { numbers: { source: 'url', url: offered.url }, url: offered.url, expiresAt: offered.expiresAt, warning: reachWarning(offered.url) };
  }

  return {
    /** `sendsms` with `sendtime`, in calls of ≤10,000 numbers; EIMS holds the messages until then. */
    async createTimed(input: EimsTimedInput): Promise<ScheduleView> {
      const sendAt = instantOf(parseLocalDateTime(input.at), input.zone);
      if (sendAt <= ctx.clock.now()) throw new AppError('SCHEDULE_TIME_PAST', 'This time has already passed. Pick a time in the future.', { fields: { at: 'Pick a time in the future.' } });
      const { text, numbers } = await singleText(input.draft);
      const when: When = { zone: input.zone, repeat: { kind: 'once', at: input.at }, startDate: null, endDate: null, maxRuns: null };
      let row = record('eims-timed', input.draft, input.zone, when, sendAt, { parts: [], recipients: numbers.length });
      repo.insert(row);
      const client = eims(row.accountId);
      const sender = input.draft.content.mode === 'text' ? input.draft.content.sender : undefined;
      const parts: ProviderPart[] = [];
      try {
        for (let i = 0; i < numbers.length; i += EIMS_LIMITS.numbersPerPost) {
          const chunk = numbers.slice(i, i + EIMS_LIMITS.numbersPerPost);
          const r = await client.sendSms({ numbers: chunk, content: text, sendAt, ...(sender ? { sender } : {}) });
          parts.push({ providerId: `send-${parts.length + 1}`, recipients: r.accepted.length, rejected: r.rejected.length, state: 'pending' });
          row = { ...row, data: { ...row.data, parts }, updatedAt: ctx.clock.now() };
          repo.save(row);
        }
      } catch (err) {
        fail(row, parts, err);
      }
      onChange(row.id, 'created');
      return sc.view(row);
    },

    /** `smsjob` with any of the six types. */
    async createJob(input: EimsJobScheduleInput): Promise<ScheduleView> {
      const { job } = input;
      const planStart = job.planStart === undefined ? undefined : instantOf(parseLocalDateTime(job.planStart), input.zone);
      const planEnd = job.planEnd === undefined ? undefined : instantOf(parseLocalDateTime(job.planEnd), input.zone);
      if (job.jobType === 'timed') {
        if (planStart === undefined) throw new AppError('SCHEDULE_NEEDS_START', 'A timed job needs its start time.', { fields: { 'job.planStart': 'Pick the start time.' } });
        if (planStart <= ctx.clock.now()) throw new AppError('SCHEDULE_TIME_PAST', 'This time has already passed. Pick a time in the future.', { fields: { 'job.planStart': 'Pick a time in the future.' } });
      }
      if (planStart !== undefined && planEnd !== undefined && planEnd <= planStart) {
        throw new AppError('SCHEDULE_END_BEFORE_START', 'The plan ends before it starts. Pick an end after the start.', { fields: { 'job.planEnd': 'Pick a later end.' } });
      }
      const { text, numbers } = await singleText(input.draft);
      const now = ctx.clock.now();
      const when = jobWhen(job, planStart, planEnd, now);
      const next = job.jobType === 'timed' ? planStart! : job.jobType === 'now' ? null : when ? nextRun(when, Math.max(now, (planStart ?? now) - 1), 0) : null;
      const row = record('eims-job', input.draft, input.zone, when, next, { recipients: numbers.length });
      const ttl = planEnd !== undefined ? planEnd - now + DAY_MS : planStart !== undefined && job.jobType === 'timed' ? planStart - now + DAY_MS : DEFAULT_FILE_TTL_MS;
      const nums = await numbersFor(row.id, numbers, Math.max(DAY_MS, ttl));
      row.data = { ...row.data, job: { ...job, numbersUrl: nums.url, numbersUrlExpiresAt: nums.expiresAt, numbersUrlWarning: nums.warning } };
      repo.insert(row);
      const sender = input.draft.content.mode === 'text' ? input.draft.content.sender : undefined;
      const body: EimsJobInput = {
        name: job.jobName,
        jobType: EIMS_JOB_TYPES[job.jobType],
        content: text,
        numbers: nums.numbers,
        ...(job.period !== undefined ? { period: job.period } : {}),
        ...(job.interval !== undefined ? { interval: job.interval } : {}),
        ...(job.min !== undefined ? { min: job.min } : {}),
        ...(job.hour !== undefined ? { hour: job.hour } : {}),
        ...(job.day !== undefined ? { day: job.day } : {}),
        ...(job.week !== undefined ? { week: job.week } : {}),
        ...(job.mon !== undefined ? { mon: job.mon } : {}),
        ...(planStart !== undefined ? { planStart } : {}),
        ...(planEnd !== undefined ? { planEnd } : {}),
        ...(job.retry !== undefined ? { retry: job.retry } : {}),
        ...(job.flash !== undefined ? { flash: job.flash } : {}),
        ...(sender ? { senderId: sender } : {}),
      };
      let jobId: string;
      try {
        ({ jobId } = await eims(row.accountId).createJob(body));
      } catch (err) {
        fail(row, [], err);
      }
      const saved: ScheduleRow = {
        ...row,
        state: job.jobType === 'now' ? 'done' : 'active',
        data: { ...row.data, parts: [{ providerId: jobId, recipients: numbers.length, rejected: 0, state: job.jobType === 'now' ? 'sent' : 'pending' }] },
        updatedAt: ctx.clock.now(),
      };
      repo.save(saved);
      onChange(row.id, 'created');
      return sc.view(saved);
    },

    /** EIMS cannot cancel a timed send or a job through its API: this forgets the app's record only. */
    remove(id: string): { providerStillHolds: boolean } {
      const s = sc.require(id);
      const pending = (s.data.parts ?? []).some((p) => p.state === 'pending') && s.state === 'active' && (s.kind === 'eims-job' || (s.nextDueAt ?? 0) > ctx.clock.now());
      repo.remove(id);
      onChange(id, 'deleted');
      return { providerStillHolds: pending };
    },
  };
}

export type EimsSchedules = ReturnType<typeof createEimsSchedules>;
