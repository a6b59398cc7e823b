import { nextTurn } from '../store/slices.ts';
import type { Accepted, Ledger, LedgerMessage, Rejected } from './ledger.ts';

/**
 * A big request's ledger work in short steps (issue 15): claiming or settling 2,000 messages in one
 * transaction holds main's event loop for tens of milliseconds, so it is done STEP messages per
 * transaction with a turn of the event loop between. The ledger rule holds step by step: every claim
 * step commits before the request goes out (the last one stamps it requested), every settle step after
 * the reply came back.
 */
export const LEDGER_STEP = 500;

/** Claims the messages for one request in steps; the request may go out once this resolves. */
export async function claimInSteps(
  ledger: Ledger,
  accountId: string,
  messages: readonly LedgerMessage[],
  port: number | null = null,
): Promise<{ submissionId: number; claimed: LedgerMessage[] }> {
  if (messages.length <= LEDGER_STEP) return ledger.claim(accountId, messages, port);
  const submissionId = ledger.openSubmission(accountId, port);
  const claimed: LedgerMessage[] = [];
  for (let i = 0; i < messages.length; i += LEDGER_STEP) {
    await nextTurn();
    claimed.push(...ledger.claimInto(submissionId, messages.slice(i, i + LEDGER_STEP), port, i + LEDGER_STEP >= messages.length));
  }
  return { submissionId, claimed };
}

/**
 * Settles an answered request in steps. `stopped()` is asked between steps: after the app's stop grace
 * the database may close, and what is left stays `submitting` (unknown at the next start).
 */
export async function settleAnsweredInSteps(
  ledger: Ledger,
  submissionId: number,
  accepted: readonly Accepted[],
  rejected: readonly Rejected[],
  stopped: () => boolean,
): Promise<void> {
  if (accepted.length + rejected.length <= LEDGER_STEP) {
    ledger.settleAnswered(submissionId, accepted, rejected);
    return;
  }
  for (let i = 0; i < accepted.length; i += LEDGER_STEP) {
    if (i > 0) await nextTurn();
    if (stopped()) return;
    ledger.acceptChunk(accepted.slice(i, i + LEDGER_STEP));
  }
  for (let i = 0; i < rejected.length; i += LEDGER_STEP) {
    await nextTurn();
    if (stopped()) return;
    ledger.rejectChunk(rejected.slice(i, i + LEDGER_STEP));
  }
  await nextTurn();
  if (!stopped()) ledger.finishAnswered(submissionId);
}
