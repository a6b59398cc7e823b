import type Database from 'better-sqlite3';
import { normalisePhone } from '../../../shared/phone/normalise.ts';
import type { OptOutCheck } from '../contacts/opt-out-check.ts';
import type { CountryCode } from 'libphonenumber-js/max';
import type { Clock } from '../ports.ts';

/**
 * Inbound SMS, from the platform (getsms: each message is returned ONCE, so it is written here before
 * anything else happens) and from the box (pushes). Deduplicated per account by the provider's id or,
 * for the box, by sender + port + time + text. A text that is exactly an opt-out keyword adds the
 * sender to the opt-out list.
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

export interface InboundStoreResult {
  stored: number;
  duplicates: number;
  numbers: string[];
  optedOut: string[];
}

/** Whole-text match, case-insensitive, ignoring surrounding spaces and punctuation ("Stop.", "TD！"). */
export function isOptOutText(text: string, keywords: readonly string[]): boolean {
  const t = text.normalize('NFKC').trim().replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '').toLowerCase();
  if (t === '') return false;
  return keywords.some((k) => k.normalize('NFKC').trim().toLowerCase() === t);
}

export function createInboundStore(db: Database.Database, clock: Clock, optOuts: OptOutCheck) {
  const insert = db.prepare<[string, string, string, string, string, number | null, number, number, string, number]>(
    `INSERT INTO inbound_sms (account_id, dedupe_key, number, raw_from, text, port, received_at, stored_at, source, opt_out)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, dedupe_key) DO NOTHING`,
  );

  const storeTx = db.transaction((items: readonly InboundInput[], region: CountryCode, keywords: readonly string[], out: InboundStoreResult) => {
    const now = clock.now();
    const optOut: string[] = [];
    for (const m of items) {
      const n = normalisePhone(m.from, region);
      const number = n.ok ? n.e164 : m.from.trim();
      const stop = n.ok && isOptOutText(m.text, keywords);
      const r = insert.run(m.accountId, m.dedupeKey, number, m.from, m.text, m.port, m.receivedAt, now, m.source, stop ? 1 : 0);
      if (r.changes === 0) {
        out.duplicates += 1;
        continue;
      }
      out.stored += 1;
      if (!out.numbers.includes(number)) out.numbers.push(number);
      if (stop) optOut.push(number);
    }
    if (optOut.length > 0) {
      optOuts.record(optOut, 'keyword', 'Replied with an opt-out keyword', now);
      out.optedOut.push(...optOut);
    }
  });

  const unread = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM inbound_sms WHERE read = 0`);

  return {
    /** Stores new messages (duplicates are skipped) in one transaction; opt-out keywords are applied. */
    store(items: readonly InboundInput[], region: CountryCode, keywords: readonly string[]): InboundStoreResult {
      const out: InboundStoreResult = { stored: 0, duplicates: 0, numbers: [], optedOut: [] };
      if (items.length > 0) storeTx(items, region, keywords, out);
      return out;
    },
    unreadTotal: (): number => unread.get()!.n,
  };
}

export type InboundStore = ReturnType<typeof createInboundStore>;
