import type Database from 'better-sqlite3';
import { MESSAGE_STATES, type MessageState } from '../../../shared/campaigns.ts';
import type { MessageLogFilter, MessageLogPage, MessageLogRow } from '../../../shared/monitoring.ts';
import { SINGLE_MESSAGE_KINDS } from '../../../shared/campaigns.ts';
import type { MessageResultRow } from '../contacts/export/table.ts';
import { createContactNames } from '../contacts/contact-names.ts';
import { createSentTexts, exportText } from '../campaigns/sent-text.ts';
import { containsQuery, createNumberIndex } from '../store/number-index.ts';

/**
 * The message log: every message, newest first, with keyset paging on the id. Stays fast on
 * 1,000,000 rows by asking one indexed range per state ((state,id), (account_id,state,id),
 * (campaign_id,state,id)) with LIMIT and merging, by turning the date range into an id range (ids grow
 * with creation; a message's date is its campaign's creation), and by finding numbers through an index:
 * 7 or more digits = numbers that start with them (with or without the country code, a range of the
 * (e164,id) index); 3 to 6 = numbers that contain them (the FTS5 trigram index, store/number-index.ts,
 * or — until it has every message — a scan of the (e164,id) index); fewer = walking the newest rows.
 * Single messages (replies, box push tests) are few: that filter walks their campaigns (campaigns_kind)
 * and each one's messages.
 */

interface Raw {
  id: number;
  campaign_id: string;
  account_id: string;
  e164: string;
  text: string;
  params: string | null;
  segments: number;
  state: MessageState;
  provider_id: string | null;
  port: number | null;
  error_code: string | null;
  error_message: string | null;
  handed_at: number | null;
  updated_at: number;
}

const COLUMNS = `id, campaign_id, account_id, e164, text, params, segments, state, provider_id, port, error_code, error_message, handed_at, updated_at`;
const M_COLUMNS = COLUMNS.split(', ')
  .map((c) => `m.${c}`)
  .join(', ');
const SINGLE_KINDS = `(${SINGLE_MESSAGE_KINDS.map((k) => `'${k}'`).join(', ')})`;
const MAX_ID = Number.MAX_SAFE_INTEGER;

/** `countryCode`: the default region's calling code (e.g. "86"), so a national number finds its E.164 form. */
export function createMessageLog(db: Database.Database, countryCode: () => string = () => '86') {
  const sent = createSentTexts(db);
  const contactNames = createContactNames(db);
  const campaignsFrom = db.prepare<[number], { id: string }>(`SELECT id FROM campaigns WHERE created_at >= ? ORDER BY created_at, rowid LIMIT 50`);
  const campaignsBefore = db.prepare<[number], { id: string }>(`SELECT id FROM campaigns WHERE created_at < ? ORDER BY created_at DESC, rowid DESC LIMIT 50`);
  // min/max id of one campaign: one (campaign_id, state, id) index probe per state.
  const minOf = db.prepare<[string, string], { id: number | null }>(`SELECT min(id) AS id FROM messages WHERE campaign_id = ? AND state = ?`);
  const maxOf = db.prepare<[string, string], { id: number | null }>(`SELECT max(id) AS id FROM messages WHERE campaign_id = ? AND state = ?`);
  const edge = (campaignId: string, which: 'min' | 'max'): number | null => {
    let best: number | null = null;
    for (const state of MESSAGE_STATES) {
      const id = (which === 'min' ? minOf : maxOf).get(campaignId, state)?.id ?? null;
      if (id !== null && (best === null || (which === 'min' ? id < best : id > best))) best = id;
    }
    return best;
  };
  /** Ids grow with creation: the first message of the first campaign created at/after `from`. */
  const firstFrom = (from: number): number | null => {
    let best: number | null = null;
    for (const c of campaignsFrom.all(from)) {
      const id = edge(c.id, 'min');
      if (id !== null && (best === null || id < best)) best = id;
      if (best !== null) break;
    }
    return best;
  };
  const lastBefore = (to: number): number | null => {
    let best: number | null = null;
    for (const c of campaignsBefore.all(to)) {
      const id = edge(c.id, 'max');
      if (id !== null && (best === null || id > best)) best = id;
      if (best !== null) break;
    }
    return best;
  };
  const countsAll = db.prepare<[], { state: string; n: number }>(`SELECT state, count(*) AS n FROM messages GROUP BY state`);
  const countsOne = db.prepare<[string], { state: string; n: number }>(`SELECT state, count(*) AS n FROM messages WHERE campaign_id = ? GROUP BY state`);
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };

  /** The id range of the date filter; null when nothing can match. */
  function idRange(f: MessageLogFilter): { lo: number; hi: number } | null {
    let lo = 0;
    let hi = MAX_ID;
    if (f.from !== undefined) {
      const r = firstFrom(f.from);
      if (r === null) return null;
      lo = r;
    }
    if (f.to !== undefined) {
      const r = lastBefore(f.to);
      if (r === null) return null;
      hi = r;
    }
    return lo <= hi ? { lo, hi } : null;
  }

  const byPrefix = db.prepare<[string, string, number, number], number>(`SELECT id FROM messages INDEXED BY messages_e164 WHERE e164 >= ? AND e164 < ? AND id BETWEEN ? AND ?`).pluck();
  const byContains = db.prepare<[string, number, number], number>(`SELECT id FROM messages INDEXED BY messages_e164 WHERE instr(e164, ?) > 0 AND id BETWEEN ? AND ?`).pluck();
  const numberIndex = createNumberIndex(db);
  let byTrigram: Database.Statement<[string, number, number], number> | undefined;
  const trigram = () =>
    (byTrigram ??= db.prepare<[string, number, number], number>(`SELECT rowid FROM messages_number WHERE messages_number MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC`).pluck());
  /** Ids of messages whose number matches, newest first. */
  function candidates(digits: string, lo: number, hi: number): number[] {
    if (digits.length >= 7) return prefixes(digits).flatMap((p) => byPrefix.all(p, `${p}:`, lo, hi)).sort((a, b) => b - a);
    if (numberIndex.ready()) return trigram().all(containsQuery(digits), lo, hi);
    return byContains.all(digits, lo, hi).sort((a, b) => b - a);
  }
  const searchDigits = (s: string) => s.replace(/[^\d]/g, '');
  const prefixes = (digits: string) => [...new Set([`+${digits}`, `+${countryCode()}${digits}`])];
  /** Numbers that start with the digits, with or without the country code: a range of the (e164, id) index each. */
  const startsWith = (digits: string, t: '' | 'm.' = ''): [string, unknown[]] => {
    const starts = prefixes(digits);
    return [`(${starts.map(() => `(${t}e164 >= ? AND ${t}e164 < ?)`).join(' OR ')})`, starts.flatMap((p) => [p, `${p}:`])];
  };
  /** The account and campaign filters on the messages table (`m.` when it is joined). */
  const scope = (f: MessageLogFilter, where: string[], args: unknown[], t: '' | 'm.' = '') => {
    if (f.accountId !== undefined) {
      where.push(`${t}account_id = ?`);
      args.push(f.accountId);
    }
    if (f.campaignId !== undefined) {
      where.push(`${t}campaign_id = ?`);
      args.push(f.campaignId);
    }
  };

  /** One query per state (each an indexed range, newest first), merged. */
  function fetch(f: MessageLogFilter, cursor: number | undefined, limit: number): Raw[] {
    const range = idRange(f);
    if (!range) return [];
    const hi = Math.min(range.hi, (cursor ?? MAX_ID + 1) - 1);
    const digits = searchDigits(f.search);
    const states = f.states && f.states.length > 0 ? f.states : MESSAGE_STATES;
    if (f.singles) return fetchSingles(f, range.lo, hi, digits, states, limit);
    const where: string[] = ['id BETWEEN ? AND ?'];
    const args: unknown[] = [range.lo, hi];
    scope(f, where, args);
    if (digits !== '') {
      const stateList = states.map(() => '?').join(',');
      if (digits.length < 4) {
        // Short: matches are dense, so walking the newest rows finds a page quickly.
        const sql = `SELECT ${COLUMNS} FROM messages WHERE instr(e164, ?) > 0 AND ${where.join(' AND ')} AND state IN (${stateList}) ORDER BY id DESC LIMIT ?`;
        return prepared(sql).all(digits, ...args, ...states, limit) as Raw[];
      }
      // Sparse: the number index alone gives the candidates (a range for 7+ digits, a scan of the index
      // otherwise), newest first; their rows are read in chunks until the page is full.
      const ids = candidates(digits, range.lo, hi);
      const sql = `SELECT ${COLUMNS} FROM messages WHERE id IN (SELECT value FROM json_each(?)) AND ${where.join(' AND ')} AND state IN (${stateList}) ORDER BY id DESC`;
      const out: Raw[] = [];
      for (let i = 0; i < ids.length && out.length < limit; i += 1000) {
        out.push(...(prepared(sql).all(JSON.stringify(ids.slice(i, i + 1000)), ...args, ...states) as Raw[]));
      }
      return out.slice(0, limit);
    }
    const sql = `SELECT ${COLUMNS} FROM messages WHERE state = ? AND ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`;
    const stmt = prepared(sql);
    const merged: Raw[] = [];
    for (const state of states) merged.push(...(stmt.all(state, ...args, limit) as Raw[]));
    merged.sort((a, b) => b.id - a.id);
    return merged.slice(0, limit);
  }

  /**
   * Single messages, newest first: each reply or test is a one-message campaign, found through the
   * campaigns_kind index, its message through (campaign_id, state, id). The cost grows with the number
   * of replies and tests (a few thousand: a few milliseconds), never with all the messages.
   */
  function fetchSingles(f: MessageLogFilter, lo: number, hi: number, digits: string, states: readonly MessageState[], limit: number): Raw[] {
    const where: string[] = [`c.kind IN ${SINGLE_KINDS}`, 'm.id BETWEEN ? AND ?', `m.state IN (${states.map(() => '?').join(',')})`];
    const args: unknown[] = [lo, hi, ...states];
    scope(f, where, args, 'm.');
    if (digits.length >= 7) {
      const [clause, values] = startsWith(digits, 'm.');
      where.push(clause);
      args.push(...values);
    } else if (digits !== '') {
      where.push('instr(m.e164, ?) > 0');
      args.push(digits);
    }
    const sql = `SELECT ${M_COLUMNS} FROM campaigns c INDEXED BY campaigns_kind JOIN messages m INDEXED BY messages_campaign_state ON m.campaign_id = c.id
      WHERE ${where.join(' AND ')} ORDER BY m.id DESC LIMIT ?`;
    return prepared(sql).all(...args, limit) as Raw[];
  }

  const toRow = (r: Raw, names: ReadonlyMap<string, string>): MessageLogRow => {
    const c = sent.facts(r.campaign_id);
    const said = sent.of(r);
    return {
      id: r.id,
      campaignId: r.campaign_id,
      campaignName: c.name,
      campaignKind: c.kind,
      accountId: r.account_id,
      provider: c.provider,
      e164: r.e164,
      name: names.get(r.e164) ?? null,
      text: said.text,
      template: said.template,
      segments: r.segments,
      state: r.state,
      providerId: r.provider_id,
      port: r.port,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      handedAt: r.handed_at,
      updatedAt: r.updated_at,
    };
  };

  function count(f: MessageLogFilter): number {
    const states = f.states && f.states.length > 0 ? new Set<string>(f.states) : null;
    const plain = f.from === undefined && f.to === undefined && searchDigits(f.search) === '' && f.accountId === undefined && !f.singles;
    if (plain) {
      const rows = f.campaignId === undefined ? countsAll.all() : countsOne.all(f.campaignId);
      return rows.reduce((n, r) => n + (states === null || states.has(r.state) ? r.n : 0), 0);
    }
    const range = idRange(f);
    if (!range) return 0;
    const where: string[] = ['id BETWEEN ? AND ?'];
    const args: unknown[] = [range.lo, range.hi];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      args.push(...values);
    };
    scope(f, where, args);
    if (f.singles) add(`campaign_id IN (SELECT id FROM campaigns WHERE kind IN ${SINGLE_KINDS})`);
    if (states) add(`state IN (${[...states].map(() => '?').join(',')})`, ...states);
    const digits = searchDigits(f.search);
    if (digits.length >= 7) {
      const [clause, values] = startsWith(digits);
      add(clause, ...values);
    } else if (digits.length >= 3 && numberIndex.ready()) add('id IN (SELECT rowid FROM messages_number WHERE messages_number MATCH ?)', containsQuery(digits));
    else if (digits !== '') add('instr(e164, ?) > 0', digits);
    return (prepared(`SELECT count(*) AS n FROM messages WHERE ${where.join(' AND ')}`).get(...args) as { n: number }).n;
  }

  return {
    page(f: MessageLogFilter, cursor: number | undefined, limit: number): MessageLogPage {
      const raw = fetch(f, cursor, limit + 1).slice(0, limit + 1);
      const names = contactNames(raw.slice(0, limit).map((r) => r.e164));
      const rows = raw.slice(0, limit).map((r) => toRow(r, names));
      return { rows, nextCursor: raw.length > limit ? rows[rows.length - 1]!.id : null };
    },
    count,
    /** Every matching row, newest first, for export (pages of 2,000). */
    *exportRows(f: MessageLogFilter, max = 1_000_000): Generator<MessageResultRow> {
      let cursor: number | undefined;
      let n = 0;
      for (;;) {
        const raw = fetch(f, cursor, 2000);
        for (const r of raw) {
          if (n++ >= max) return;
          const c = sent.facts(r.campaign_id);
          yield {
            number: r.e164,
            status: r.state,
            provider: c.provider,
            account: r.account_id,
            ...(r.provider_id ? { providerMessageId: r.provider_id } : {}),
            ...(r.error_message ? { error: r.error_message } : {}),
            text: exportText(sent.of(r)),
            ...(r.handed_at !== null ? { submittedAt: r.handed_at } : {}),
            updatedAt: r.updated_at,
          };
        }
        if (raw.length < 2000) return;
        cursor = raw[raw.length - 1]!.id;
      }
    },
  };
}

export type MessageLog = ReturnType<typeof createMessageLog>;
