import type Database from 'better-sqlite3';
import { normalisePhone } from '../../../shared/phone/normalise.ts';
import type { OptOutCheck } from '../contacts/opt-out-check.ts';
import type { CountryCode } from 'libphonenumber-js/max';
import type { Clock } from '../ports.ts';
import { searchTextOf } from '../contacts/store/search-text.ts';
import { localDay } from './dashboard.ts';
import type { InboxRules } from './inbox-rules.ts';
import { isOptOutText } from './keyword-match.ts';
import { createReplyAttribution } from './reply-attribution.ts';

/**
 * Inbound SMS, from the platform (getsms: each message is returned ONCE, so it is written here before
 * anything else happens) and from the box (pushes). Deduplicated per account by the provider's id or,
 * for the box, by sender + port + time + text. In the same transaction as each new SMS:
 * - a text that is exactly an opt-out keyword adds the sender to the opt-out list (nothing else runs);
 * - the campaign it answers is recorded (reply-attribution.ts: one indexed look-up);
 * - a conversation marked done opens again;
 * - the account's keyword rule it starts with adds the sender to the rule's list and claims the
 *   rule's auto-reply for (rule, number, today). Only a claim that is new is returned to be sent, so
 *   a number gets at most one auto-reply per rule per day, however often it writes and across restarts.
 */

export interface InboundInput {
  accountId: string;
  /** Provider id (EIMS) or a content key (box). */
  dedupeKey: string;
  from: string;
  text: string;
  port: number | null;
  receivedAt: number;
  source: 'push' | 'poll';
}

/** An auto-reply claimed for (rule, number, day), to be queued after the commit. */
export interface AutoReplyDue {
  ruleId: string;
  number: string;
  day: string;
  accountId: string;
  text: string;
  /** GSM box: the port the SMS came in on (the reply goes out the same SIM). */
  port: number | null;
}

export interface InboundStoreResult {
  stored: number;
  duplicates: number;
  numbers: string[];
  optedOut: string[];
  autoReplies: AutoReplyDue[];
  /** Lists that rules added numbers to. */
  lists: string[];
}

export interface InboundRules {
  region: CountryCode;
  optOutKeywords: readonly string[];
  /** How long after a campaign message an SMS from that number counts as a reply to it. */
  replyWindowMs: number;
}

export function createInboundStore(db: Database.Database, clock: Clock, optOuts: OptOutCheck, rules: InboxRules) {
  const insert = db.prepare<[string, string, string, string, string, number | null, number, number, string, number, string | null]>(
    `INSERT INTO inbound_sms (account_id, dedupe_key, number, raw_from, text, port, received_at, stored_at, source, opt_out, campaign_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, dedupe_key) DO NOTHING`,
  );
  const reopen = db.prepare<[string]>(`DELETE FROM inbox_done WHERE number = ?`);
  const claim = db.prepare<[string, string, string, number | bigint, number]>(
    `INSERT INTO auto_replies (rule_id, number, day, inbound_id, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const addContact = db.prepare<[string, string, string, number, number]>(
    `INSERT INTO contacts (e164, original, vars, search_text, created_at, updated_at) VALUES (?, ?, '{}', ?, ?, ?) ON CONFLICT (e164) DO NOTHING`,
  );
  const addMember = db.prepare<[number, string, string]>(
    `INSERT OR IGNORE INTO list_members (list_id, contact_id, vars, added_at)
     SELECT l.id, c.id, c.vars, ? FROM lists l JOIN contacts c ON c.e164 = ? WHERE l.id = ? AND l.state = 'ready'`,
  );
  const touchList = db.prepare<[number, string]>(`UPDATE lists SET updated_at = ? WHERE id = ?`);
  const attribution = createReplyAttribution(db);

  const storeTx = db.transaction((items: readonly InboundInput[], how: InboundRules, out: InboundStoreResult) => {
    const now = clock.now();
    const day = localDay(now);
    const optOut: string[] = [];
    for (const m of items) {
      const n = normalisePhone(m.from, how.region);
      const number = n.ok ? n.e164 : m.from.trim();
      const stop = n.ok && isOptOutText(m.text, how.optOutKeywords);
      const campaignId = n.ok ? attribution.campaignOf(number, m.receivedAt, how.replyWindowMs) : null;
      const r = insert.run(m.accountId, m.dedupeKey, number, m.from, m.text, m.port, m.receivedAt, now, m.source, stop ? 1 : 0, campaignId);
      if (r.changes === 0) {
        out.duplicates += 1;
        continue;
      }
      out.stored += 1;
      if (!out.numbers.includes(number)) out.numbers.push(number);
      reopen.run(number);
      if (stop) {
        optOut.push(number);
        continue;
      }
      const hit = n.ok ? rules.match(m.accountId, m.text) : undefined;
      if (!hit) continue;
      if (hit.listId !== null) {
        addContact.run(number, number, searchTextOf(number, number, {}), now, now);
        if (addMember.run(now, number, hit.listId).changes > 0) {
          touchList.run(now, hit.listId);
          if (!out.lists.includes(hit.listId)) out.lists.push(hit.listId);
        }
      }
      if (hit.replyText !== null && claim.run(hit.ruleId, number, day, r.lastInsertRowid, now).changes > 0) {
        out.autoReplies.push({ ruleId: hit.ruleId, number, day, accountId: m.accountId, text: hit.replyText, port: m.port });
      }
    }
    if (optOut.length > 0) {
      optOuts.record(optOut, 'keyword', 'Replied with an opt-out keyword', now);
      out.optedOut.push(...optOut);
    }
  });

  const unread = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM inbound_sms WHERE read = 0`);

  return {
    /** Stores new messages (duplicates are skipped) in one transaction; opt-out keywords are applied. */
    store(items: readonly InboundInput[], how: InboundRules): InboundStoreResult {
      const out: InboundStoreResult = { stored: 0, duplicates: 0, numbers: [], optedOut: [], autoReplies: [], lists: [] };
      if (items.length > 0) storeTx(items, how, out);
      return out;
    },
    unreadTotal: (): number => unread.get()!.n,
  };
}

export type InboundStore = ReturnType<typeof createInboundStore>;
