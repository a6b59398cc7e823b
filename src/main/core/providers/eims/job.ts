import { EIMS_LIMITS } from '../capabilities.ts';
import { inputError, limitError } from '../errors.ts';

/** `smsjob` input: all six job types and both number sources, checked before any request. */

export const EIMS_JOB_TYPES = { now: 0, timed: 1, interval: 2, daily: 3, weekly: 4, monthly: 5 } as const;
export type EimsJobType = (typeof EIMS_JOB_TYPES)[keyof typeof EIMS_JOB_TYPES];

export type EimsJobNumbers =
  | { source: 'inline'; numbers: readonly string[] }
  /** URL of an .xls (BIFF8) file the platform downloads; .xlsx is not supported by the platform. */
  | { source: 'url'; url: string };

export interface EimsJobInput {
  name: string;
  jobType?: EimsJobType;
  content: string;
  numbers: EimsJobNumbers;
  /** Number of runs of a periodic job (types 2–5). */
  period?: number;
  /** Minutes between runs (type 2). */
  interval?: number;
  min?: number;
  hour?: number;
  day?: number;
  week?: number;
  mon?: number;
  /** Epoch ms; sent as Unix seconds. */
  planStart?: number;
  planEnd?: number;
  retry?: number;
  flash?: boolean;
  senderId?: string;
  smsType?: 0 | 1;
  mmsTitle?: string;
}

function range(value: number | undefined, min: number, max: number, field: string, label: string, required: boolean): void {
  if (value === undefined) {
    if (required) throw inputError('eims', `This job type needs the ${label}.`, field);
    return;
  }
  if (!Number.isInteger(value) || value < min || value > max) throw inputError('eims', `The ${label} must be a whole number from ${min} to ${max}.`, field);
}

export function checkContent(content: string): void {
  if (content.trim() === '') throw inputError('eims', 'Write the message text.', 'content');
  const length = [...content].length;
  if (length > EIMS_LIMITS.contentLength) {
    throw limitError('eims', 'EIMS_LIMIT_CONTENT', `EIMS accepts at most ${EIMS_LIMITS.contentLength} characters per message (this one has ${length}). Shorten it.`, 'content');
  }
}

/** Builds the smsjob body (without credentials). */
export function buildJobBody(input: EimsJobInput): Record<string, unknown> {
  const nameLength = [...input.name.trim()].length;
  if (nameLength === 0 || nameLength > EIMS_LIMITS.jobNameLength) {
    throw limitError('eims', 'EIMS_LIMIT_JOB_NAME', `Give the job a name of 1 to ${EIMS_LIMITS.jobNameLength} characters.`, 'name');
  }
  const jobType = input.jobType ?? 0;
  if (![0, 1, 2, 3, 4, 5].includes(jobType)) throw inputError('eims', 'Pick one of: now, timed, interval, daily, weekly, monthly.', 'jobType');
  checkContent(input.content);
  const periodic = jobType >= 2;
  range(input.min, 0, 59, 'min', 'minute', periodic);
  range(input.hour, 0, 23, 'hour', 'hour', periodic);
  range(input.interval, 1, 525_600, 'interval', 'interval in minutes', jobType === 2);
  range(input.week, 1, 7, 'week', 'weekday (1–7)', jobType === 4);
  range(input.day, 1, 31, 'day', 'day of the month', jobType === 5);
  range(input.mon, 1, 12, 'mon', 'month', jobType === 5);
  range(input.period, 1, 1_000_000, 'period', 'number of runs', false);
  range(input.retry, 0, 100, 'retry', 'number of retries', false);
  if (jobType === 1 && input.planStart === undefined) throw inputError('eims', 'A timed job needs its start time.', 'planStart');

  const body: Record<string, unknown> = { job: input.name.trim(), jobtype: jobType, content: input.content };
  if (input.numbers.source === 'inline') {
    const list = input.numbers.numbers.map((n) => n.trim()).filter((n) => n !== '');
    if (list.length === 0) throw inputError('eims', 'Add at least one number.', 'numbers');
    const joined = list.join(',');
    const bytes = Buffer.byteLength(joined, 'utf8');
    if (bytes > EIMS_LIMITS.inlineJobNumbersBytes) {
      throw limitError(
        'eims',
        'EIMS_LIMIT_JOB_NUMBERS',
        `Numbers typed into a job are limited to 4 KiB (${bytes} bytes here). Use a numbers file (.xls) or fewer numbers.`,
        'numbers',
      );
    }
    body.numbersrc = 0;
    body.numbers = joined;
  } else {
    let url: URL;
    try {
      url = new URL(input.numbers.url);
    } catch {
      throw inputError('eims', 'Give the full http:// address of the numbers file.', 'numbers');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw inputError('eims', 'The numbers file must be at an http:// or https:// address.', 'numbers');
    if (!/\.xls$/i.test(url.pathname)) throw inputError('eims', 'EIMS downloads numbers only from an .xls file (not .xlsx or .csv).', 'numbers');
    body.numbersrc = 1;
    body.numbers = url.toString();
  }
  const set = (key: string, value: unknown) => {
    if (value !== undefined) body[key] = value;
  };
  set('period', input.period);
  set('interval', input.interval);
  set('min', input.min);
  set('hour', input.hour);
  set('day', input.day);
  set('week', input.week);
  set('mon', input.mon);
  set('planstarttm', input.planStart === undefined ? undefined : Math.floor(input.planStart / 1000));
  set('planendtm', input.planEnd === undefined ? undefined : Math.floor(input.planEnd / 1000));
  set('retry', input.retry);
  set('flash', input.flash === undefined ? undefined : input.flash ? 1 : 0);
  set('SenderId', input.senderId);
  set('SMStype', input.smsType);
  set('MMStitle', input.mmsTitle);
  return body;
}
