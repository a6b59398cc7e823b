import { cleanProviderText } from '../errors.ts';
import type { SendAccepted, SendRejected, SendResult } from '../types.ts';
import { jsmsErrorCode, jsmsSentence } from './error-codes.ts';
import type { JsmsBatchRecipientRow } from './schemas.ts';

interface BatchReplyLike {
  success_count?: number | undefined;
  failure_count?: number | undefined;
  recipients?: JsmsBatchRecipientRow[] | undefined;
  failure_recipients?: JsmsBatchRecipientRow[] | undefined;
}

function rejectedRow(row: JsmsBatchRecipientRow): SendRejected {
  const code = row.error_code ?? 50007;
  const out: SendRejected = {
    number: row.mobile,
    code: jsmsErrorCode(code),
    message: jsmsSentence(code, row.error_message === undefined ? undefined : cleanProviderText(row.error_message)),
    providerCode: code,
  };
  return out;
}

/**
 * Normalises a JSMS batch reply. Two documented shapes: `recipients[]` mixing accepted rows
 * ({msg_id, mobile}) and rejected rows ({error_code, ...}); or `failure_recipients[]` listing only the
 * failures — then every other requested number counts as accepted without a msg_id.
 */
export function toSendResult(
  reply: BatchReplyLike,
  requested: readonly { mobile: string }[],
): SendResult & { successCount: number; failureCount: number } {
  const accepted: SendAccepted[] = [];
  const rejected: SendRejected[] = [];
  for (const row of reply.recipients ?? []) {
    if (row.msg_id !== undefined && row.error_code === undefined) accepted.push({ number: row.mobile, providerId: row.msg_id });
    else rejected.push(rejectedRow(row));
  }
  for (const row of reply.failure_recipients ?? []) rejected.push(rejectedRow(row));
  if (reply.recipients === undefined) {
    // Only failures were listed: the rest of what we asked for was accepted (ids unknown).
    const failedLeft = new Map<string, number>();
    for (const r of rejected) failedLeft.set(r.number, (failedLeft.get(r.number) ?? 0) + 1);
    for (const r of requested) {
      const left = failedLeft.get(r.mobile) ?? 0;
      if (left > 0) failedLeft.set(r.mobile, left - 1);
      else accepted.push({ number: r.mobile, providerId: null });
    }
  }
  return {
    accepted,
    rejected,
    successCount: reply.success_count ?? accepted.length,
    failureCount: reply.failure_count ?? rejected.length,
  };
}
