import type { CampaignRow } from '../campaigns/campaigns-repository.ts';
import { backoffDelay, MAX_SEND_ATTEMPTS } from './backoff.ts';
import type { DispatchEnv } from './dispatch-env.ts';
import { classifyFailure, failureOf } from './error-class.ts';
import type { LedgerMessage } from './ledger.ts';
import { toErrorShape } from '../../../shared/errors.ts';

/**
 * A whole request failed: record it in the ledger by what the failure means (see error-class.ts).
 * Returns the class so callers can react (e.g. the box marks a port).
 */
export function settleFailedRequest(env: DispatchEnv, campaign: CampaignRow, submissionId: number, claimed: readonly LedgerMessage[], err: unknown) {
  const cls = classifyFailure(err);
  const failure = failureOf(err);
  if (cls === 'unknown') {
    if (!(err instanceof Error && 'outcome' in err)) env.report(err, 'send');
    env.ledger.settleUnknown(submissionId, failure);
  } else if (cls === 'hold') {
    env.ledger.settleNotSent(submissionId, failure, env.clock.now(), { countAttempt: false });
    env.hold(campaign.id, toErrorShape(err), campaign.updatedAt);
  } else if (cls === 'retry') {
    const attempts = Math.max(1, ...claimed.map((m) => m.attempts));
    const retryAt = attempts >= MAX_SEND_ATTEMPTS ? null : env.clock.now() + backoffDelay(attempts, env.retryBaseMs === undefined ? {} : { baseMs: env.retryBaseMs });
    env.ledger.settleNotSent(submissionId, failure, retryAt);
  } else {
    env.ledger.settleNotSent(submissionId, failure, null);
  }
  return cls;
}
