import type Database from 'better-sqlite3';
import { isAppError, toErrorShape } from '../../../shared/errors.ts';
import type { AutoReplyDue } from './inbound-store.ts';
import { sendSingle, type SingleSender } from './inbox-reply.ts';

/**
 * Queues the auto-replies the inbound store claimed (issue 19, part 4). The claim — a row per
 * (rule, number, day) in `auto_replies` — was committed with the inbound SMS, before this runs, so a
 * reply is queued at most once per claim; each goes through the ledger as a single message of kind
 * `auto-reply`, like an inbox reply. The row then records the campaign, or why nothing was queued (the number opted
 * out, the account is gone). If the app stops between the claim and the queueing, that day's reply
 * for that rule is not sent: at most once, never twice.
 */
export function createAutoReplies(db: Database.Database, sender: SingleSender, onError: (err: unknown, where: string) => void) {
  const queued = db.prepare<[string, string, string, string]>(`UPDATE auto_replies SET campaign_id = ? WHERE rule_id = ? AND number = ? AND day = ?`);
  const failed = db.prepare<[string, string, string, string]>(`UPDATE auto_replies SET error = ? WHERE rule_id = ? AND number = ? AND day = ?`);
  let chain: Promise<void> = Promise.resolve();

  async function one(due: AutoReplyDue): Promise<void> {
    try {
      const r = await sendSingle(sender, 'auto-reply', { name: `Auto-reply to ${due.number}`, number: due.number, accountId: due.accountId, text: due.text, port: due.port ?? undefined });
      queued.run(r.campaignId, due.ruleId, due.number, due.day);
    } catch (err) {
      failed.run(toErrorShape(err).message.slice(0, 500), due.ruleId, due.number, due.day);
      if (!isAppError(err)) onError(err, 'auto-reply');
    }
  }

  return {
    /** Queues them one after another (in the order claimed); returns when these are queued. */
    send(due: readonly AutoReplyDue[]): Promise<void> {
      for (const d of due) chain = chain.then(() => one(d));
      return chain;
    },
    /** Resolves when everything handed to `send` so far is queued (tests, stop). */
    idle: (): Promise<void> => chain,
  };
}

export type AutoReplies = ReturnType<typeof createAutoReplies>;
