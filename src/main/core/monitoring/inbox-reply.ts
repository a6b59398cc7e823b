import type { InboxReplyResult } from '../../../shared/monitoring.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Monitoring } from './create-monitoring.ts';

/**
 * A reply is a single message (campaign kind `reply`): opt-outs, pacing and the ledger apply as for any
 * send, but it is not listed among the campaigns. Screens title it from its kind, in the user's language.
 */
export async function replyToThread(m: Monitoring, input: { number: string; accountId: string; text: string; port?: number | undefined }): Promise<InboxReplyResult> {
  const account = m.accountOf(input.accountId);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'That account does not exist any more. Pick another account to reply from.');
  if (account.kind === 'jsms') throw new AppError('REPLY_NEEDS_FREE_TEXT', 'JSMS sends templates only. Reply from an EIMS or GSM box account.');
  const last = m.inbox.lastInbound(input.number);
  const port = input.port ?? (account.kind === 'gsmbox' && last?.account_id === account.id && last.port !== null ? last.port : undefined);
  const notSent = new AppError('REPLY_NOT_SENT', 'The reply was not queued: the number is opted out or not valid. Check the number.');
  const draft = {
    name: `Reply to ${input.number}`,
    accountId: account.id,
    content: { mode: 'text' as const, body: input.text },
    recipients: { listIds: [], pasted: input.number },
    quietHours: null,
    // The number texted us: whatever libphonenumber calls its line, it takes SMS.
    includeNonMobile: true,
    ...(port !== undefined ? { ports: [port] } : {}),
  };
  const view = await m.campaigns.sendSingle(draft, 'reply').catch((err: unknown) => {
    // "Nobody is left to send to" speaks of campaigns and lists; a reply says what happened to it.
    throw err instanceof AppError && err.code === 'CAMPAIGN_NO_RECIPIENTS' ? notSent : err;
  });
  const messageId = m.firstMessageOf(view.id);
  if (messageId === undefined) throw notSent;
  return { campaignId: view.id, messageId };
}
