import type Database from 'better-sqlite3';
import type { GsmboxClient } from '../providers/gsmbox/client.ts';
import type { OutboxEntry } from '../providers/gsmbox/rows.ts';
import { digitsOf, sameNumber } from './numbers.ts';
import type { ReportInput } from './report-ingest.ts';

/**
 * GSM box results without pushes: the box's outbox read by TIME WINDOW (`/smsoutbox/get` with
 * `start_datetime_filter` / `end_datetime_filter`, 20 rows a page, newest first) instead of one number
 * at a time. A window spans a run of messages waiting for their result; each page's rows are matched
 * to the app's sends (number + text, in time order: one row per send) and the read stops as soon as
 * every waiting message of the window is found. Per-number look-ups stay only for settling `unknown`
 * sends (dispatch/reconcile-box.ts).
 *
 * The box's clock is not the PC's: until a few rows were matched, a window is widened by two minutes
 * on each side; then by the offsets actually seen (box time − hand-over time, a few seconds), so a
 * round reads the rows of the waiting messages and little else. A message not found in a narrow
 * window is looked for with the wide one next time.
 */

/** Rows per outbox page as the box serves them (observed; the seed does not say). */
export const OUTBOX_PAGE_SIZE = 20;
/** Box and PC clocks are on one LAN but not in sync to the second. */
const SLACK_MS = 120_000;
/** Around the learned offsets: the box's whole-second times and its send queue. */
const MARGIN_MS = 3_000;
/** Offsets remembered per account (the box's clock may be set again). */
const OFFSETS_KEPT = 100;
/** A window goes on over at most this many sends that are not waiting (rows read for nothing). */
const MAX_GAP_SENDS = OUTBOX_PAGE_SIZE;

interface BoxSend {
  id: number;
  address: string;
  text: string;
  handed_at: number;
  state: string;
}

interface AccountMemory {
  offsets: number[];
  /** The box's page size, once a page was seen followed by another one. */
  pageSize: number | null;
}

export interface ReadBackResult {
  inputs: ReportInput[];
  /** Waiting messages looked for (found or not). */
  asked: number[];
  calls: number;
}

export function createBoxReadBack(db: Database.Database) {
  const sendsSince = db.prepare<[string, number], BoxSend>(
    `SELECT id, address, text, handed_at, state FROM messages WHERE account_id = ? AND port IS NOT NULL AND handed_at >= ? ORDER BY handed_at, id`,
  );
  const memory = new Map<string, AccountMemory>();
  /** Waiting messages a narrow window did not find. */
  const missed = new Set<number>();

  const memoryOf = (accountId: string): AccountMemory => {
    let m = memory.get(accountId);
    if (!m) memory.set(accountId, (m = { offsets: [], pageSize: null }));
    return m;
  };

  /** Runs of waiting messages, split where more than a page of other sends lies between two of them. */
  function windows(sends: readonly BoxSend[], waiting: ReadonlySet<number>): BoxSend[][] {
    const out: BoxSend[][] = [];
    let current: BoxSend[] | null = null;
    let gap = 0;
    for (const s of sends) {
      if (!waiting.has(s.id)) {
        gap++;
        continue;
      }
      if (current && gap <= MAX_GAP_SENDS) current.push(s);
      else out.push((current = [s]));
      gap = 0;
    }
    return out;
  }

  /**
   * One row per send: each address's sends, oldest first, take the earliest unused row with the same
   * text that is not older than the send (by the offsets allowed). Returns send id → row.
   */
  function match(sends: readonly BoxSend[], rows: readonly OutboxEntry[], earliest: number): Map<number, OutboxEntry> {
    const byTail = new Map<string, OutboxEntry[]>();
    for (const r of rows) {
      const key = digitsOf(r.number).slice(-8);
      const list = byTail.get(key);
      if (list) list.push(r);
      else byTail.set(key, [r]);
    }
    for (const list of byTail.values()) list.sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
    const used = new Set<OutboxEntry>();
    const out = new Map<number, OutboxEntry>();
    for (const s of sends) {
      const candidates = byTail.get(digitsOf(s.address).slice(-8));
      const row = candidates?.find((r) => !used.has(r) && r.message === s.text && sameNumber(r.number, s.address) && (r.at === undefined || r.at >= s.handed_at + earliest));
      if (!row) continue;
      used.add(row);
      out.set(s.id, row);
    }
    return out;
  }

  return {
    /**
     * Reads the outbox for the account's `waiting` messages (box sends still submitted/sent that are
     * due to be asked), at most `maxCalls` pages. Returns the reports to ingest and who was looked for.
     */
    async read(accountId: string, due: readonly { id: number; handed_at: number }[], client: GsmboxClient, now: number, maxCalls: number): Promise<ReadBackResult> {
      const result: ReadBackResult = { inputs: [], asked: [], calls: 0 };
      if (due.length === 0) return result;
      const mem = memoryOf(accountId);
      const waiting = new Set(due.map((d) => d.id));
      // Every send since a little before the oldest waiting one: waiting ones, and the others whose rows are in the way.
      const oldest = due.reduce((min, d) => Math.min(min, d.handed_at), Infinity);
      const sends = sendsSince.all(accountId, oldest - 2 * SLACK_MS);
      const reported = new Set<number>();
      for (const win of windows(sends, waiting)) {
        if (result.calls >= maxCalls) break;
        const learned = mem.offsets.length >= 3 && !win.some((s) => missed.has(s.id));
        const lo = learned ? Math.min(...mem.offsets) - MARGIN_MS : -SLACK_MS;
        const hi = learned ? Math.max(...mem.offsets) + MARGIN_MS : SLACK_MS;
        const from = win[0]!.handed_at + lo;
        const to = Math.min(win[win.length - 1]!.handed_at + hi, now + hi);
        // The sends whose rows can be in this window (waiting or not), so each row goes to its own send.
        const inRange = sends.filter((s) => s.handed_at + hi >= from && s.handed_at + lo <= to);
        const rows: OutboxEntry[] = [];
        let found = new Map<number, OutboxEntry>();
        for (let page = 1; result.calls < maxCalls; page++) {
          result.calls++;
          const r = await client.outbox({ page, from, to });
          // A page followed by a non-empty one was full: that is the box's page size.
          if (page === 2 && mem.pageSize === null && r.entries.length > 0) mem.pageSize = rows.length;
          rows.push(...r.entries);
          found = match(inRange, rows, lo);
          if (win.every((s) => found.has(s.id)) || r.entries.length === 0) break;
          // A short page is the last one (until the page size is known, only an empty page says so).
          if (mem.pageSize !== null && r.entries.length < mem.pageSize) break;
        }
        for (const s of win) {
          result.asked.push(s.id);
          if (found.has(s.id)) missed.delete(s.id);
          else if (learned) missed.add(s.id);
        }
        // Every send whose row was read counts, waiting or not yet due: its page is paid for.
        for (const s of inRange) {
          const row = found.get(s.id);
          if (!row || reported.has(s.id)) continue;
          reported.add(s.id);
          if (row.at !== undefined) {
            mem.offsets.push(row.at - s.handed_at);
            if (mem.offsets.length > OFFSETS_KEPT) mem.offsets.shift();
          }
          if (s.state !== 'submitted' && s.state !== 'sent') continue;
          if (row.state !== 'sent' && row.state !== 'delivered' && row.state !== 'failed') continue;
          if (row.state === s.state) continue;
          result.inputs.push({
            match: { by: 'message', messageId: s.id },
            state: row.state,
            source: 'poll',
            ...(row.state === 'failed' ? { code: 'GSMBOX_SEND_FAILED', message: 'The GSM box could not send this message (outbox: FAILED).' } : {}),
            providerCode: row.status,
            detail: `Box outbox: ${row.status} (${row.portName})`,
          });
        }
      }
      return result;
    },
  };
}

export type BoxReadBack = ReturnType<typeof createBoxReadBack>;
