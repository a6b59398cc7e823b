import type { InboxReplyResult } from '../../../shared/monitoring.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Monitoring } from './create-monitoring.ts';

/** What sending one message needs from monitoring (the inbox reply and the auto-replies share it). */
export type SingleSender = Pick<Monitoring, 'accountOf' | 'campaigns' | 'firstMessageOf'>;

/**
 * One message to one number as a one-recipient campaign: opt-outs, pacing and the ledger all apply as
 * for any send. `name` is how the campaign list shows it (and how reply attribution tells it apart:
 * reply-attribution.ts).
 */
export async function sendSingle(m: SingleSender, input: { name: string; number: string; accountId: string; text: string; port?: number | undefined }): Promise<InboxReplyResult> {
  const account = m.accountOf(input.accountId);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'That account does not exist any more. Pick another account to reply from.');
  if (account.kind === 'jsms') throw new AppError('REPLY_NEEDS_FREE_TEXT', 'JSMS sends templates only. Reply from an EIMS or GSM box account.');
  const view = await m.campaigns.create({
    name: input.name,
    accountId: account.id,
    content: { mode: 'text', body: input.text },
    recipients: { listIds: [], pasted: input.number },
    quietHours: null,
    // The number texted us: whatever libphonenumber calls its line, it takes SMS.
    includeNonMobile: true,
    ...(account.kind === 'gsmbox' && input.port !== undefined ? { ports: [input.port] } : {}),
  });
  const messageId = m.firstMessageOf(view.id);
  if (messageId === undefined) {
    throw new AppError('REPLY_NOT_SENT', 'The reply was not queued: the number is opted out or not valid. Check the number.');
  }
  return { campaignId: view.id, messageId };
}

/** A reply typed in the inbox. A box replies from the port the number last wrote to, unless told otherwise. */
export async function replyToThread(m: Monitoring, input: { number: string; accountId: string; text: string; port?: number | undefined }): Promise<InboxReplyResult> {
  const last = m.inbox.lastInbound(input.number);
  const port = input.port ?? (last?.account_id === input.accountId && last.port !== null ? last.port : undefined);
  return sendSingle(m, { name: `Reply to ${input.number}`, number: input.number, accountId: input.accountId, text: input.text, port });
}
