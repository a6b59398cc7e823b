import { AppError, toErrorShape } from '../../../shared/errors.ts';
import { ProviderError } from '../providers/errors.ts';
import type { Failure } from './ledger.ts';

/**
 * What a failed provider call means for the messages it carried:
 * - `unknown`: it may have reached the provider → `unknown`, never resent blindly;
 * - `hold`: the account cannot send at all (credentials, balance, locked) → the messages go back to
 *   the queue untouched and the campaign pauses with the error, so the user fixes it and resumes;
 * - `retry`: a transient fault that surely did not reach the provider → retry with backoff;
 * - `fail`: a permanent error for these messages → failed, with the provider's code and sentence.
 */
export type FailureClass = 'unknown' | 'hold' | 'retry' | 'fail';

const HOLD_CODES = /BALANCE|LOCKED|QUOTA|JSMS_50014|JSMS_50033|JSMS_50036|JSMS_50035|EIMS_IP_NOT_ALLOWED/;

/**
 * A refusal that says the account cannot send at all (balance, quota, credentials, a blocked IP),
 * whether it came for the whole request (EIMS -10) or per recipient in a batch reply (JSMS 50014).
 */
export function holdsAccount(code: string): boolean {
  return HOLD_CODES.test(code);
}

export function classifyFailure(err: unknown): FailureClass {
  // A provider error knows whether its request may have gone out; an AppError of our own was raised
  // before any request (e.g. the account was deleted); anything else is a bug we cannot reason about.
  if (err instanceof ProviderError && err.outcome === 'unknown') return 'unknown';
  if (!(err instanceof AppError)) return 'unknown';
  if (err.kind === 'auth' || holdsAccount(err.code)) return 'hold';
  if (err.kind === 'transient' || err.code === 'JSMS_50009') return 'retry';
  return 'fail';
}

export function failureOf(err: unknown): Failure {
  const shape = toErrorShape(err);
  return { code: shape.code, message: shape.message, providerCode: shape.providerCode };
}
