import type Database from 'better-sqlite3';
import type { MessageState } from '../../../shared/campaigns.ts';
import type { Clock } from '../ports.ts';
import { createTransitions, type StateChange, type Transitions } from '../store/transitions.ts';

/**
 * The outbox ledger: the only code that changes a message's state. Each method is one transaction
 * that writes the new state AND its `message_events` row (and the kept counts, store/transitions.ts),
 * and is called BEFORE the side effect it describes (claim before the request, settle after the reply).
 * better-sqlite3 is synchronous, so a claim (select + update) cannot interleave with a cancel or
 * another claim.
 *
 * A big request is claimed and settled in several short transactions (dispatch/ledger-steps.ts keeps
 * main's event loop free between them): `openSubmission`, then `claimInto` per chunk — the last one
 * stamps `requested_at` right before the request goes out — and after the reply `acceptChunk` /
 * `rejectChunk` per chunk and `finishAnswered`. `recoverAtStart` tells the two crash cases apart: a
 * submission never stamped sent nothing (its messages go back to the queue), a stamped one may have
 * (unknown). `claim` and `settleAnswered` do it all in one transaction, for small requests.
 */

export interface LedgerMessage {
  id: number;
  campaignId: string;
  e164: string;
  address: string;
  text: string;
  params: Record<string, string> | null;
  segments: number;
  attempts: number;
}

export interface Accepted {
  id: number;
  providerId: string | null;
  state?: 'submitted' | 'sent' | 'failed';
  port?: number | null;
}

/** A recipient the provider refused: failed for good (`retryAt` null) or queued again at `retryAt`. */
export interface Rejected {
  id: number;
  error: Failure;
  retryAt: number | null;
  /** false: the refusal was about the account, not the message — it goes back as if never tried. */
  countAttempt?: boolean;
}

export interface Failure {
  code: string;
  message: string;
  providerCode?: string | number | undefined;
}

type EventSource = 'app' | 'reply' | 'push' | 'poll' | 'reconcile' | 'user';

interface MessageDbRow {
  id: number;
  campaign_id: string;
  e164: string;
  address: string;
  text: string;
  params: string | null;
  segments: number;
  attempts: number;
}

const toMessage = (r: MessageDbRow): LedgerMessage => ({
  id: r.id,
  campaignId: r.campaign_id,
  e164: r.e164,
  address: r.address,
  text: r.text,
  params: r.params === null ? null : (JSON.parse(r.params) as Record<string, string>),
  segments: r.segments,
  attempts: r.attempts,
});

/**
 * Bulk transitions by id. `+state` keeps SQLite on the primary key: with an index on state (the message
 * log adds one) it would scan every queued/submitting row and, for the UPDATE … FROM, the whole JSON
 * array per row — O(n²), 100 s for a 100k campaign. tests/unit/sending/ledger-plans.test.ts checks the plans.
 */
export const CLAIM_SQL = `UPDATE messages SET state = 'submitting', submission_id = ?, attempts = attempts + 1, updated_at = ?, port = ?
         WHERE id IN (SELECT value FROM json_each(?)) AND +state = 'queued' RETURNING id, campaign_id, account_id`;
export const ACCEPT_SQL = `UPDATE messages SET state = j.st, provider_id = j.pid, handed_at = ?, port = COALESCE(j.port, messages.port), updated_at = ?,
           error_code = NULL, error_message = NULL, provider_code = NULL
         FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS pid, json_extract(value, '$[2]') AS st, json_extract(value, '$[3]') AS port
               FROM json_each(?)) AS j
         WHERE messages.id = j.id AND +messages.state = 'submitting' RETURNING messages.id AS id, messages.campaign_id AS campaign_id, messages.account_id AS account_id, messages.state AS state`;

interface Moved {
  id: number;
  campaign_id: string;
  account_id: string;
}

export class Ledger {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly stmts;
  private readonly counts: Transitions;

  constructor(db: Database.Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
    this.counts = createTransitions(db);
    this.stmts = {
      pick: db.prepare<[string, number, number], MessageDbRow>(
        `SELECT id, campaign_id, e164, address, text, params, segments, attempts FROM messages
         WHERE campaign_id = ? AND state = 'queued' AND not_before <= ? ORDER BY id LIMIT ?`,
      ),
      insertSubmission: db.prepare<[string, number, number | null]>(`INSERT INTO submissions (account_id, started_at, port) VALUES (?, ?, ?)`),
      requested: db.prepare<[number, number]>(`UPDATE submissions SET requested_at = ? WHERE id = ?`),
      finishSubmission: db.prepare<[number, string, number]>(`UPDATE submissions SET finished_at = ?, outcome = ? WHERE id = ?`),
      campaignState: db.prepare<[string], { state: string }>(`SELECT state FROM campaigns WHERE id = ?`),
      claim: db.prepare<[number, number, number | null, string], Moved>(CLAIM_SQL),
      /** One event per id in a JSON array: set-based, so 10,000 transitions cost one statement. */
      events: db.prepare<[number, string, string, string, string]>(
        `INSERT INTO message_events (message_id, at, state, source, detail) SELECT value, ?, ?, ?, ? FROM json_each(?)`,
      ),
      acceptMany: db.prepare<[number, number, string], Moved & { state: string }>(ACCEPT_SQL),
      acceptedEvents: db.prepare<[number, string]>(
        `INSERT INTO message_events (message_id, at, state, source, detail)
         SELECT m.id, ?, m.state, 'reply', CASE WHEN m.provider_id IS NULL THEN 'Accepted' ELSE 'Accepted, id ' || m.provider_id END
         FROM json_each(?) AS j JOIN messages m ON m.id = j.value`,
      ),
      unknownMany: db.prepare<[string, string, number, number], Moved & { handed_at: number | null }>(
        `UPDATE messages SET state = 'unknown', error_code = ?, error_message = ?, updated_at = ? WHERE submission_id = ? AND state = 'submitting'
         RETURNING id, campaign_id, account_id, handed_at`,
      ),
      event: db.prepare<[number, number, string, string, string]>(`INSERT INTO message_events (message_id, at, state, source, detail) VALUES (?, ?, ?, ?, ?)`),

      fail: db.prepare<[string, string, string | null, number, number], Moved & { handed_at: number | null }>(
        `UPDATE messages SET state = 'failed', error_code = ?, error_message = ?, provider_code = ?, updated_at = ? WHERE id = ? AND state = 'submitting'
         RETURNING id, campaign_id, account_id, handed_at`,
      ),
      requeue: db.prepare<[number, string, string, string | null, number, number, number], Moved>(
        `UPDATE messages SET state = 'queued', not_before = ?, error_code = ?, error_message = ?, provider_code = ?, updated_at = ?,
           attempts = attempts - ? WHERE id = ? AND state = 'submitting' RETURNING id, campaign_id, account_id`,
      ),
      submittingIds: db.prepare<[number], { id: number; attempts: number }>(`SELECT id, attempts FROM messages WHERE submission_id = ? AND state = 'submitting'`),
      /** A step of a cancel: the next `limit` queued messages of the campaign. */
      cancelQueued: db.prepare<[number, string, number], Moved>(
        `UPDATE messages SET state = 'cancelled', updated_at = ?
         WHERE id IN (SELECT id FROM messages WHERE campaign_id = ? AND state = 'queued' ORDER BY id LIMIT ?) RETURNING id, campaign_id, account_id`,
      ),
      strandedSubmissions: db.prepare<[], { id: number; requested_at: number | null }>(
        `SELECT DISTINCT s.id, s.requested_at FROM messages m JOIN submissions s ON s.id = m.submission_id WHERE m.state = 'submitting'`,
      ),
      requeueUnrequested: db.prepare<[number, number], Moved>(
        `UPDATE messages SET state = 'queued', attempts = attempts - 1, updated_at = ? WHERE submission_id = ? AND state = 'submitting' RETURNING id, campaign_id, account_id`,
      ),
      strandedNoSubmission: db.prepare<[number], Moved>(
        `UPDATE messages SET state = 'queued', updated_at = ? WHERE state = 'submitting' AND submission_id IS NULL RETURNING id, campaign_id, account_id`,
      ),
      settleUnknown: db.prepare<[string, string | null, string | null, string | null, string | null, number, number], Moved>(
        `UPDATE messages SET state = ?, provider_id = COALESCE(provider_id, ?), error_code = ?, error_message = ?, provider_code = ?, updated_at = ?, handed_at = COALESCE(handed_at, updated_at)
         WHERE id = ? AND state = 'unknown' RETURNING id, campaign_id, account_id`,
      ),
      requeueUnknown: db.prepare<[number, number], Moved>(
        `UPDATE messages SET state = 'queued', not_before = 0, updated_at = ? WHERE id = ? AND state = 'unknown' RETURNING id, campaign_id, account_id`,
      ),
    };
  }

  /** Up to `limit` queued messages of a campaign that are due at `now`, oldest first. */
  pick(campaignId: string, limit: number, now = this.clock.now()): LedgerMessage[] {
    return this.stmts.pick.all(campaignId, now, limit).map(toMessage);
  }

  /**
   * queued → submitting, under a new submission row, BEFORE the request, in one transaction. Returns
   * the submission id and the messages that were still queued (a cancel may have taken some).
   */
  claim(accountId: string, messages: readonly LedgerMessage[], port: number | null = null): { submissionId: number; claimed: LedgerMessage[] } {
    return this.db.transaction(() => {
      const submissionId = this.openSubmission(accountId, port);
      return { submissionId, claimed: this.claimInto(submissionId, messages, port, true) };
    })();
  }

  /** A new request's submission row (not yet requested). */
  openSubmission(accountId: string, port: number | null = null): number {
    return Number(this.stmts.insertSubmission.run(accountId, this.clock.now(), port).lastInsertRowid);
  }

  /**
   * One step of a claim: these messages, if still queued and their campaign still running, move to
   * `submitting` under the submission. `request`: the last step — stamps the submission as requested
   * (the request goes out right after this commit).
   */
  claimInto(submissionId: number, messages: readonly LedgerMessage[], port: number | null, request: boolean): LedgerMessage[] {
    return this.db.transaction(() => {
      const now = this.clock.now();
      let claimed: LedgerMessage[] = [];
      const campaignId = messages[0]?.campaignId;
      const running = campaignId === undefined || this.stmts.campaignState.get(campaignId)?.state === 'running';
      if (running && messages.length > 0) {
        const rows = this.stmts.claim.all(submissionId, now, port, JSON.stringify(messages.map((m) => m.id)));
        const detail = port === null ? `Request ${submissionId}` : `Request ${submissionId} on port ${port}`;
        this.stmts.events.run(now, 'submitting', 'app', detail, JSON.stringify(rows.map((r) => r.id)));
        this.counts.record(now, rows.map((r) => change(r, 'queued', 'submitting', false)));
        const taken = new Set(rows.map((r) => r.id));
        claimed = messages.filter((m) => taken.has(m.id)).map((m) => ({ ...m, attempts: m.attempts + 1 }));
      }
      if (request) this.stmts.requested.run(now, submissionId);
      return claimed;
    })();
  }

  /**
   * The provider answered: accepted ones move on, rejected ones fail or wait for a retry
   * (`countAttempt: false`: the refusal was about the account, not the message — it goes back to the
   * queue as if never tried). One transaction.
   */
  settleAnswered(
    submissionId: number,
    accepted: readonly Accepted[],
    rejected: readonly Rejected[],
  ): void {
    this.db.transaction(() => {
      this.acceptChunk(accepted);
      this.rejectChunk(rejected);
      this.finishAnswered(submissionId);
    })();
  }

  /** A step of settling a reply: these accepted messages move on. */
  acceptChunk(accepted: readonly Accepted[]): void {
    if (accepted.length === 0) return;
    this.db.transaction(() => {
      const now = this.clock.now();
      const rows = this.stmts.acceptMany.all(now, now, JSON.stringify(accepted.map((a) => [a.id, a.providerId, a.state ?? 'submitted', a.port ?? null])));
      this.stmts.acceptedEvents.run(now, JSON.stringify(rows.map((r) => r.id)));
      this.counts.record(now, rows.map((r) => change(r, 'submitting', r.state, true)));
    })();
  }

  /** A step of settling a reply: these rejected messages fail, or wait for a retry. */
  rejectChunk(rejected: readonly Rejected[]): void {
    if (rejected.length === 0) return;
    this.db.transaction(() => {
      const now = this.clock.now();
      for (const r of rejected) this.failOrRequeue(r.id, r.error, r.retryAt, now, 'reply', r.countAttempt === false ? 1 : 0);
    })();
  }

  /** The last step of settling a reply: the submission is answered; a message the reply did not mention is unknown. */
  finishAnswered(submissionId: number): void {
    this.db.transaction(() => {
      const now = this.clock.now();
      this.stmts.finishSubmission.run(now, 'answered', submissionId);
      this.leftoversToUnknown(submissionId, now, { code: 'SEND_NO_ANSWER_FOR_NUMBER', message: 'The reply did not mention this number.' });
    })();
  }

  /** The request surely did not reach the provider: back to the queue (or failed when out of retries). */
  settleNotSent(submissionId: number, error: Failure, retryAt: number | null, opts: { countAttempt?: boolean } = {}): void {
    this.db.transaction(() => {
      const now = this.clock.now();
      this.stmts.finishSubmission.run(now, 'not-sent', submissionId);
      const undo = opts.countAttempt === false ? 1 : 0;
      for (const m of this.stmts.submittingIds.all(submissionId)) this.failOrRequeue(m.id, error, retryAt, now, 'app', undo);
    })();
  }

  /** The request may or may not have reached the provider: `unknown`, never resent automatically. */
  settleUnknown(submissionId: number, error: Failure): void {
    this.db.transaction(() => {
      const now = this.clock.now();
      this.stmts.finishSubmission.run(now, 'unknown', submissionId);
      this.leftoversToUnknown(submissionId, now, error);
    })();
  }

  /** Reconciliation found out what happened to an `unknown` message. */
  resolveUnknown(id: number, to: MessageState, detail: { providerId?: string | null; error?: Failure; source: EventSource; note: string }): boolean {
    return this.db.transaction(() => {
      const now = this.clock.now();
      const e = detail.error;
      const row =
        to === 'queued'
          ? this.stmts.requeueUnknown.get(now, id)
          : this.stmts.settleUnknown.get(to, detail.providerId ?? null, e?.code ?? null, e?.message ?? null, e?.providerCode === undefined ? null : String(e.providerCode), now, id);
      if (!row) return false;
      this.counts.record(now, [change(row, 'unknown', to, to !== 'queued')]);
      this.stmts.event.run(id, now, to, detail.source, detail.note);
      return true;
    })();
  }

  /**
   * A step of a cancel: up to `limit` queued messages of the campaign → cancelled. Returns how many.
   * The caller has set the campaign's state first (so nothing is claimed meanwhile) and repeats until 0.
   */
  cancelQueued(campaignId: string, limit = Number.MAX_SAFE_INTEGER): number {
    return this.db.transaction(() => {
      const now = this.clock.now();
      const rows = this.stmts.cancelQueued.all(now, campaignId, limit);
      if (rows.length > 0) {
        this.stmts.events.run(now, 'cancelled', 'user', 'Campaign cancelled', JSON.stringify(rows.map((r) => r.id)));
        this.counts.record(now, rows.map((r) => change(r, 'queued', 'cancelled', false)));
      }
      return rows.length;
    })();
  }

  /**
   * At start: messages left `submitting` by a crash. A request that was stamped as requested may or may
   * not have been sent → unknown; one still being claimed never left → back to the queue.
   */
  recoverAtStart(): number {
    return this.db.transaction(() => {
      const now = this.clock.now();
      let n = 0;
      for (const s of this.stmts.strandedSubmissions.all()) {
        if (s.requested_at === null) {
          this.stmts.finishSubmission.run(now, 'not-sent', s.id);
          const rows = this.stmts.requeueUnrequested.all(now, s.id);
          this.stmts.events.run(now, 'queued', 'app', 'The app stopped before this request was sent; queued again', JSON.stringify(rows.map((r) => r.id)));
          this.counts.record(now, rows.map((r) => change(r, 'submitting', 'queued', false)));
          continue;
        }
        this.stmts.finishSubmission.run(now, 'unknown', s.id);
        n += this.leftoversToUnknown(s.id, now, {
          code: 'SEND_INTERRUPTED',
          message: 'The app stopped while this message was being handed to the provider; it may or may not have been sent.',
        });
      }
      const rows = this.stmts.strandedNoSubmission.all(now);
      this.counts.record(now, rows.map((r) => change(r, 'submitting', 'queued', false)));
      return n;
    })();
  }

  private leftoversToUnknown(submissionId: number, now: number, error: Failure): number {
    const rows = this.stmts.unknownMany.all(error.code, error.message, now, submissionId);
    if (rows.length > 0) {
      this.stmts.events.run(now, 'unknown', 'app', error.message, JSON.stringify(rows.map((r) => r.id)));
      this.counts.record(now, rows.map((r) => change(r, 'submitting', 'unknown', r.handed_at !== null)));
    }
    return rows.length;
  }

  private failOrRequeue(id: number, error: Failure, retryAt: number | null, now: number, source: EventSource, undoAttempt: number): void {
    const providerCode = error.providerCode === undefined ? null : String(error.providerCode);
    if (retryAt === null) {
      const row = this.stmts.fail.get(error.code, error.message, providerCode, now, id);
      if (row) {
        this.stmts.event.run(id, now, 'failed', source, error.message);
        this.counts.record(now, [change(row, 'submitting', 'failed', row.handed_at !== null)]);
      }
      return;
    }
    const row = this.stmts.requeue.get(retryAt, error.code, error.message, providerCode, now, undoAttempt, id);
    if (row) {
      this.stmts.event.run(id, now, 'queued', source, `Will retry: ${error.message}`);
      this.counts.record(now, [change(row, 'submitting', 'queued', false)]);
    }
  }
}

const change = (r: Moved, from: string, to: string, handed: boolean): StateChange => ({ id: r.id, campaignId: r.campaign_id, accountId: r.account_id, from, to, handed });
