import { EIMS_LIMITS, JSMS_LIMITS } from './capabilities.ts';

/**
 * Splitting helpers for callers. Splitting is safe where every chunk is its own independent call
 * (each chunk is one ledger step: submitted or not as a whole). The box takes one number per call,
 * so it has no chunking: the dispatcher sends numbers one by one with pacing.
 */

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('chunk size must be a positive integer');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** JSMS batch recipients: ≤1000 per call. */
export function chunkJsmsRecipients<T>(recipients: readonly T[]): T[][] {
  return chunk(recipients, JSMS_LIMITS.recipientsPerBatch);
}

/** EIMS numbers per send call: ≤100 by GET, ≤10,000 by POST. */
export function chunkEimsNumbers(numbers: readonly string[], method: 'GET' | 'POST' = 'POST'): string[][] {
  return chunk(numbers, method === 'GET' ? EIMS_LIMITS.numbersPerGet : EIMS_LIMITS.numbersPerPost);
}

/** EIMS report ids: ≤200 per query (queries are read-only, so chunks may be retried freely). */
export function chunkEimsReportIds(ids: readonly string[]): string[][] {
  return chunk(ids, EIMS_LIMITS.idsPerReport);
}

/**
 * EIMS smsjob inline numbers: chunks whose comma-joined UTF-8 size stays ≤4 KiB, each for its own job.
 * A single number longer than the limit is returned alone (the client will then refuse it).
 */
export function chunkEimsJobNumbers(numbers: readonly string[], maxBytes: number = EIMS_LIMITS.inlineJobNumbersBytes): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const n of numbers) {
    const bytes = Buffer.byteLength(n, 'utf8');
    const added = current.length === 0 ? bytes : bytes + 1;
    if (current.length > 0 && size + added > maxBytes) {
      out.push(current);
      current = [];
      size = 0;
    }
    size += current.length === 0 ? bytes : bytes + 1;
    current.push(n);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** EIMS personalised entries (smsarray): groups whose total number count stays ≤10,000. */
export function chunkEimsPersonalised<T extends { numbers: readonly string[] }>(entries: readonly T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let count = 0;
  for (const e of entries) {
    if (current.length > 0 && count + e.numbers.length > EIMS_LIMITS.numbersPerPost) {
      out.push(current);
      current = [];
      count = 0;
    }
    current.push(e);
    count += e.numbers.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}
