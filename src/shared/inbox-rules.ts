import { z } from 'zod';

/**
 * Inbox automation (issue 19, part 4): keyword rules per account. An inbound SMS that starts with a
 * rule's keyword (a whole word; see monitoring/keyword-match.ts) gets the rule's auto-reply — at most
 * once per number per rule per day — and/or adds the sender to a list. The opt-out keywords
 * (Settings) are built-in rules that come first: such an SMS opts the sender out and nothing else runs.
 */

export interface InboxRuleView {
  id: string;
  accountId: string;
  keyword: string;
  /** Sent back (a single message through the ledger); null: no auto-reply. */
  replyText: string | null;
  /** The sender is added to this list; null: none (or the list was deleted). */
  listId: string | null;
  enabled: boolean;
  updatedAt: number;
}

export interface InboxRulesView {
  rules: InboxRuleView[];
  /** The opt-out keywords (Settings), shown as built-in rules of every account. */
  optOutKeywords: string[];
}

export const inboxRuleSaveSchema = z
  .object({
    /** Absent: a new rule. */
    id: z.string().min(1).max(64).optional(),
    accountId: z.string().min(1, 'Pick the account whose inbound SMS the rule answers.'),
    keyword: z.string().trim().min(1, 'Write the keyword.').max(20, 'A keyword is 20 characters at most.'),
    replyText: z.string().trim().max(500, 'The auto-reply is 500 characters at most.').nullable().default(null),
    listId: z.string().min(1).max(64).nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .transform((r) => ({ ...r, replyText: r.replyText === '' ? null : r.replyText }))
  .refine((r) => r.replyText !== null || r.listId !== null, { message: 'Give the rule an auto-reply text, a list to add the number to, or both.', path: ['replyText'] });
export type InboxRuleSave = z.output<typeof inboxRuleSaveSchema>;

export const inboxRuleDeleteSchema = z.object({ id: z.string().min(1).max(64) });
