import type { CampaignKind } from '../../../shared/campaigns.ts';
import type { InboxReplyResult } from '../../../shared/monitoring.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Monitoring } from './create-monitoring.ts';

/** What sending one message needs from monitoring (the inbox reply and the auto-replies share it). */
export type SingleSender = Pick<Monitoring, 'accountOf' | 'campaigns' | 'firstMessageOf'>;

/**
 * One message to one number as a single message of `kind` (`reply`, `auto-reply`): opt-outs, pacing
 * and the ledger apply as for any send, but it is not listed among the campaigns, and a reply to it is
 * not counted on a campaign (reply-attribution.ts). Screens title it from its kind, in the user's
 * language; `name` is only what the row is stored with.
 */
export async function sendSingle(
  m: SingleSender,
  kind: Exclude<CampaignKind, 'campaign'>,
  input: { name: string; number: string; accountId: string; text: string; port?: number | undefined },
): Promise<InboxReplyResult> {
  const account = m.accountOf(input.accountId);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'That account does not exist any more. Pick another account to reply from.');
  if (account.kind === 'jsms') throw new AppError('REPLY_NEEDS_FREE_TEXT', 'JSMS sends templates only. Reply from an EIMS or GSM box account.');
  const notSent = new AppError('REPLY_NOT_SENT', 'The reply was not queued: the number is opted out or not valid. Check the number.');
  const draft = {
    name: input.name,
    accountId: account.id,
    content: { mode: 'text' as const, body: input.text },
    recipients: { listIds: [], pasted: input.number },
    quietHours: null,
    // The number texted us: whatever libphonenumber calls its line, it takes SMS.
    includeNonMobile: true,
    ...(account.kind === 'gsmbox' && input.port !== undefined ? { ports: [input.port] } : {}),
  };
  const view = await m.campaigns.sendSingle(draft, kind).catch((err: unknown) => {
    // "Nobody is left to send to" speaks of campaigns and lists; a reply says what happened to it.
    throw err instanceof AppError && err.code === 'CAMPAIGN_NO_RECIPIENTS' ? notSent : err;
  });
  const messageId = m.firstMessageOf(view.id);
  if (messageId === undefined) throw notSent;
  return { campaignId: view.id, messageId };
}

/** A reply typed in the inbox. A box replies from the port the number last wrote to, unless told otherwise. */
export async function replyToThread(m: Monitoring, input: { number: string; accountId: string; text: string; port?: number | undefined }): Promise<InboxReplyResult> {
  const last = m.inbox.lastInbound(input.number);
  const port = input.port ?? (last?.account_id === input.accountId && last.port !== null ? last.port : undefined);
  return sendSingle(m, 'reply', { name: `Reply to ${input.number}`, number: input.number, accountId: input.accountId, text: input.text, port });
}
