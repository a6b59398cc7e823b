import type { InboxReplyResult } from '../../../shared/monitoring.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Monitoring } from './create-monitoring.ts';

/** A reply is a one-recipient campaign (opt-outs, pacing and the ledger all apply as for any send). */
export async function replyToThread(m: Monitoring, input: { number: string; accountId: string; text: string; port?: number | undefined }): Promise<InboxReplyResult> {
  const account = m.accountOf(input.accountId);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'That account does not exist any more. Pick another account to reply from.');
  if (account.kind === 'jsms') throw new AppError('REPLY_NEEDS_FREE_TEXT', 'JSMS sends templates only. Reply from an EIMS or GSM box account.');
  const last = m.inbox.lastInbound(input.number);
  const port = input.port ?? (account.kind === 'gsmbox' && last?.account_id === account.id && last.port !== null ? last.port : undefined);
  const view = await m.campaigns.create({
    name: `Reply to ${input.number}`,
    accountId: account.id,
    content: { mode: 'text', body: input.text },
    recipients: { listIds: [], pasted: input.number },
    quietHours: null,
    // The number texted us: whatever libphonenumber calls its line, it takes SMS.
    includeNonMobile: true,
    ...(port !== undefined ? { ports: [port] } : {}),
  });
  const messageId = m.firstMessageOf(view.id);
  if (messageId === undefined) {
    throw new AppError('REPLY_NOT_SENT', 'The reply was not queued: the number is opted out or not valid. Check the number.');
  }
  return { campaignId: view.id, messageId };
}
