/** Attempts per message (the first send included) before it is marked failed. */
export const MAX_SEND_ATTEMPTS = 6;

/** Tuning for {@link backoffDelay}. */
export interface BackoffOptions {
  /** Ceiling of the first retry's delay, ms (default 2000). */
  baseMs?: number;
  /** Largest ceiling any retry may reach, ms (default 5 minutes). */
  capMs?: number;
  /** Source of uniform numbers in [0, 1) (default Math.random); inject for tests. */
  random?: () => number;
}

const DEFAULT_BASE_MS = 2_000;
const DEFAULT_CAP_MS = 5 * 60_000;

/**
 * Delay before retry number `attempt` (1 = first retry): exponential backoff with full jitter,
 * `floor(random() * min(capMs, baseMs * 2^(attempt - 1)))` whole milliseconds.
 *
 * @throws RangeError if `attempt` is not an integer ≥ 1 or a bound is negative or not finite
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const { baseMs = DEFAULT_BASE_MS, capMs = DEFAULT_CAP_MS, random = Math.random } = opts;
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`Backoff attempt must be an integer of at least 1, got ${attempt}.`);
  }
  if (!Number.isFinite(baseMs) || baseMs < 0 || !Number.isFinite(capMs) || capMs < 0) {
    throw new RangeError(`Backoff bounds must be finite and non-negative (base ${baseMs}, cap ${capMs}).`);
  }
  // 2 ** large overflows to Infinity, which min() turns into the cap.
  const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}
