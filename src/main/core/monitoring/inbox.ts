import type Database from 'better-sqlite3';
import type { ProviderKind } from '../../../shared/accounts.ts';
import type { MessageState } from '../../../shared/campaigns.ts';
import type { InboxThreadPage, InboxThreadsPage, InboxThreadSummary, ThreadItem } from '../../../shared/monitoring.ts';
import { createSentTexts } from '../campaigns/sent-text.ts';
import { createContactNames } from '../contacts/contact-names.ts';

/**
 * Inbox queries: conversations per number (inbound SMS, with what was sent to that number merged in),
 * unread counts, mark read. Cursors are opaque strings: "<lastAt>|<number>" for threads and
 * "<at>" for items of one thread. What was sent shows as the recipient got it (a template send: its
 * template filled in), and a number that is a contact shows its name.
 */

interface ThreadRaw {
  number: string;
  last_at: number;
  n: number;
  unread: number;
}

export function createInbox(db: Database.Database) {
  const s = {
    lastIn: db.prepare<[string], { text: string; received_at: number; account_id: string; port: number | null }>(
      `SELECT text, received_at, account_id, port FROM inbound_sms WHERE number = ? ORDER BY received_at DESC, id DESC LIMIT 1`,
    ),
    lastOut: db.prepare<[string], { campaign_id: string; account_id: string; text: string; params: string | null; at: number }>(
      `SELECT campaign_id, account_id, text, params, COALESCE(handed_at, updated_at) AS at FROM messages WHERE e164 = ? ORDER BY id DESC LIMIT 1`,
    ),
    optedOut: db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM opt_outs WHERE e164 = ?`),
    unreadTotal: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM inbound_sms WHERE read = 0`),
    inItems: db.prepare<[string, number, number], { id: number; received_at: number; text: string; account_id: string; port: number | null; read: number; opt_out: number }>(
      `SELECT id, received_at, text, account_id, port, read, opt_out FROM inbound_sms WHERE number = ? AND received_at < ? ORDER BY received_at DESC, id DESC LIMIT ?`,
    ),
    outItems: db.prepare<
      [string, number, number],
      { id: number; at: number; text: string; params: string | null; account_id: string; port: number | null; state: MessageState; campaign_id: string }
    >(
      `SELECT id, COALESCE(handed_at, updated_at) AS at, text, params, account_id, port, state, campaign_id FROM messages
       WHERE e164 = ? AND COALESCE(handed_at, updated_at) < ? ORDER BY id DESC LIMIT ?`,
    ),
    account: db.prepare<[string], { name: string; kind: ProviderKind }>(`SELECT name, kind FROM accounts WHERE id = ?`),
    markRead: db.prepare<[string]>(`UPDATE inbound_sms SET read = 1 WHERE number = ? AND read = 0`),
  };

  const accountOf = (id: string) => s.account.get(id) ?? { name: '(deleted account)', kind: 'eims' as ProviderKind };
  const sent = createSentTexts(db);
  const contactNames = createContactNames(db);

  function summary(t: ThreadRaw, names: ReadonlyMap<string, string>): InboxThreadSummary {
    const lastIn = s.lastIn.get(t.number);
    const lastOut = s.lastOut.get(t.number);
    const outNewer = lastOut !== undefined && (lastIn === undefined || lastOut.at > lastIn.received_at);
    const said = outNewer ? sent.of(lastOut!) : null;
    return {
      number: t.number,
      name: names.get(t.number) ?? null,
      lastAt: Math.max(t.last_at, lastOut?.at ?? 0),
      lastText: said ? said.text : (lastIn?.text ?? ''),
      lastTemplate: said?.template ?? null,
      lastDirection: outNewer ? 'out' : 'in',
      unread: t.unread,
      inboundCount: t.n,
      optedOut: s.optedOut.get(t.number)!.n > 0,
    };
  }

  return {
    threads(q: { search: string; unreadOnly: boolean; cursor?: string | undefined; limit: number }): InboxThreadsPage {
      const where: string[] = [];
      const args: unknown[] = [];
      if (q.search !== '') {
        where.push('instr(number, ?) > 0');
        args.push(q.search.replace(/[^\d+]/g, '') || q.search);
      }
      const having: string[] = [];
      if (q.unreadOnly) having.push('unread > 0');
      if (q.cursor) {
        const [at, number] = q.cursor.split('|');
        having.push('(last_at < ? OR (last_at = ? AND number < ?))');
        args.push(Number(at), Number(at), number ?? '');
      }
      const sql = `SELECT number, max(received_at) AS last_at, count(*) AS n, sum(read = 0) AS unread FROM inbound_sms
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY number ${having.length ? `HAVING ${having.join(' AND ')}` : ''}
        ORDER BY last_at DESC, number DESC LIMIT ?`;
      const rows = db.prepare(sql).all(...args, q.limit + 1) as ThreadRaw[];
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      const names = contactNames(page.map((t) => t.number));
      return {
        threads: page.map((t) => summary(t, names)),
        nextCursor: rows.length > q.limit && last ? `${last.last_at}|${last.number}` : null,
        unreadTotal: s.unreadTotal.get()!.n,
      };
    },

    thread(q: { number: string; cursor?: string | undefined; limit: number }): InboxThreadPage {
      const before = q.cursor ? Number(q.cursor) : Number.MAX_SAFE_INTEGER;
      const ins: ThreadItem[] = s.inItems.all(q.number, before, q.limit + 1).map((r) => {
        const a = accountOf(r.account_id);
        return { kind: 'in', id: r.id, at: r.received_at, text: r.text, accountId: r.account_id, accountName: a.name, provider: a.kind, port: r.port, read: r.read === 1, optOut: r.opt_out === 1 };
      });
      const outs: ThreadItem[] = s.outItems.all(q.number, before, q.limit + 1).map((r) => {
        const a = accountOf(r.account_id);
        const said = sent.of(r);
        return {
          kind: 'out',
          messageId: r.id,
          at: r.at,
          text: said.text,
          template: said.template,
          accountId: r.account_id,
          accountName: a.name,
          provider: a.kind,
          port: r.port,
          state: r.state,
          campaignId: r.campaign_id,
          campaignKind: sent.facts(r.campaign_id).kind,
        };
      });
      const all = [...ins, ...outs].sort((a, b) => b.at - a.at);
      const items = all.slice(0, q.limit);
      const last = items[items.length - 1];
      const lastIn = s.lastIn.get(q.number);
      return {
        number: q.number,
        name: contactNames([q.number]).get(q.number) ?? null,
        items,
        nextCursor: all.length > q.limit && last ? String(last.at) : null,
        optedOut: s.optedOut.get(q.number)!.n > 0,
        replyAccountId: lastIn?.account_id ?? null,
      };
    },

    markRead(number: string): number {
      s.markRead.run(number);
      return s.unreadTotal.get()!.n;
    },

    unreadTotal: (): number => s.unreadTotal.get()!.n,
    /** The port and account the number last wrote from (default for a box reply). */
    lastInbound: (number: string) => s.lastIn.get(number),
  };
}

export type Inbox = ReturnType<typeof createInbox>;
