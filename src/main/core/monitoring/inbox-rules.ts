import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { ProviderKind } from '../../../shared/accounts.ts';
import { AppError } from '../../../shared/errors.ts';
import type { InboxRuleSave, InboxRuleView, InboxRulesView } from '../../../shared/inbox-rules.ts';
import { isOptOutText, keywordKey, startsWithKeyword } from './keyword-match.ts';

interface RuleRow {
  id: string;
  account_id: string;
  keyword: string;
  reply_text: string | null;
  list_id: string | null;
  enabled: number;
  updated_at: number;
}

/** What an inbound SMS set off: the rule, its reply (if any) and its list (if any). */
export interface RuleHit {
  ruleId: string;
  replyText: string | null;
  listId: string | null;
}

/**
 * Keyword rules per account (issue 19, part 4): stored in `inbox_rules`, matched against each inbound
 * SMS inside the transaction that stores it. Of an account's enabled rules, the one with the longest
 * keyword the text starts with wins ("INFO PRICE" before "INFO").
 */
export function createInboxRules(db: Database.Database) {
  const s = {
    all: db.prepare<[], RuleRow>(`SELECT * FROM inbox_rules ORDER BY account_id, keyword COLLATE NOCASE`),
    get: db.prepare<[string], RuleRow>(`SELECT * FROM inbox_rules WHERE id = ?`),
    ofAccount: db.prepare<[string], { id: string; keyword: string; reply_text: string | null; list_id: string | null }>(
      `SELECT id, keyword, reply_text, list_id FROM inbox_rules WHERE account_id = ? AND enabled = 1`,
    ),
    keywordsOf: db.prepare<[string], { id: string; keyword: string }>(`SELECT id, keyword FROM inbox_rules WHERE account_id = ?`),
    account: db.prepare<[string], { kind: ProviderKind }>(`SELECT kind FROM accounts WHERE id = ?`),
    listState: db.prepare<[string], { state: string }>(`SELECT state FROM lists WHERE id = ?`),
    insert: db.prepare(
      `INSERT INTO inbox_rules (id, account_id, keyword, reply_text, list_id, enabled, created_at, updated_at)
       VALUES (@id, @accountId, @keyword, @replyText, @listId, @enabled, @now, @now)`,
    ),
    update: db.prepare(
      `UPDATE inbox_rules SET account_id = @accountId, keyword = @keyword, reply_text = @replyText, list_id = @listId, enabled = @enabled, updated_at = @now WHERE id = @id`,
    ),
    delete: db.prepare<[string]>(`DELETE FROM inbox_rules WHERE id = ?`),
  };

  const view = (r: RuleRow): InboxRuleView => ({
    id: r.id,
    accountId: r.account_id,
    keyword: r.keyword,
    replyText: r.reply_text,
    listId: r.list_id,
    enabled: r.enabled === 1,
    updatedAt: r.updated_at,
  });

  return {
    view(optOutKeywords: readonly string[]): InboxRulesView {
      return { rules: s.all.all().map(view), optOutKeywords: [...optOutKeywords] };
    },

    save(input: InboxRuleSave, optOutKeywords: readonly string[], now: number): InboxRuleView {
      const account = s.account.get(input.accountId);
      if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'That account does not exist any more. Pick another account.');
      if (input.replyText !== null && account.kind === 'jsms') {
        throw new AppError('REPLY_NEEDS_FREE_TEXT', 'JSMS sends templates only, so it cannot send an auto-reply. Use the rule to add numbers to a list, or pick an EIMS or GSM box account.');
      }
      if (isOptOutText(input.keyword, optOutKeywords)) {
        throw new AppError('RULE_KEYWORD_IS_OPT_OUT', `“${input.keyword}” is an opt-out keyword: it always adds the sender to the opt-out list. Pick another keyword.`);
      }
      const key = keywordKey(input.keyword);
      if (s.keywordsOf.all(input.accountId).some((r) => r.id !== input.id && keywordKey(r.keyword) === key)) {
        throw new AppError('RULE_KEYWORD_TAKEN', `This account already has a rule for “${input.keyword}”. Edit that rule instead.`);
      }
      if (input.listId !== null && s.listState.get(input.listId)?.state !== 'ready') {
        throw new AppError('CONTACTS_LIST_NOT_FOUND', 'That list no longer exists. Pick another list.');
      }
      const row = { id: input.id ?? randomUUID(), accountId: input.accountId, keyword: input.keyword, replyText: input.replyText, listId: input.listId, enabled: input.enabled ? 1 : 0, now };
      if (input.id === undefined) s.insert.run(row);
      else if (s.update.run(row).changes === 0) throw new AppError('RULE_NOT_FOUND', 'That rule was deleted. Refresh the rules.');
      return view(s.get.get(row.id)!);
    },

    delete(id: string): void {
      s.delete.run(id);
    },

    /** The rule an inbound SMS to `accountId` sets off, or undefined (one indexed read per SMS). */
    match(accountId: string, text: string): RuleHit | undefined {
      let best: { id: string; keyword: string; reply_text: string | null; list_id: string | null } | undefined;
      for (const r of s.ofAccount.all(accountId)) {
        if (startsWithKeyword(text, r.keyword) && (best === undefined || keywordKey(r.keyword).length > keywordKey(best.keyword).length)) best = r;
      }
      return best && { ruleId: best.id, replyText: best.reply_text, listId: best.list_id };
    },
  };
}

export type InboxRules = ReturnType<typeof createInboxRules>;
