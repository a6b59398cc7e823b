import type Database from 'better-sqlite3';
import type { MessageState } from '../../../shared/campaigns.ts';
import type { Clock } from '../ports.ts';
import { createDailyCounts, type DailyCounts } from '../store/daily-counts.ts';

/**
 * The outbox ledger: the only code that changes a message's state. Each method is one transaction
 * that writes the new state AND its `message_events` row, and is called BEFORE the side effect it
 * describes (claim before the request, settle after the reply). better-sqlite3 is synchronous, so a
 * claim (select + update) cannot interleave with a cancel or another claim.
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
         WHERE id IN (SELECT value FROM json_each(?)) AND +state = 'queued' RETURNING id`;
export const ACCEPT_SQL = `UPDATE messages SET state = j.st, provider_id = j.pid, handed_at = ?, port = COALESCE(j.port, messages.port), updated_at = ?,
           error_code = NULL, error_message = NULL, provider_code = NULL
         FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS pid, json_extract(value, '$[2]') AS st, json_extract(value, '$[3]') AS port
               FROM json_each(?)) AS j
         WHERE messages.id = j.id AND +messages.state = 'submitting' RETURNING messages.id AS id, messages.account_id AS account_id, messages.state AS state`;

export class Ledger {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly stmts;
  private readonly daily: DailyCounts;

  constructor(db: Database.Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
    this.daily = createDailyCounts(db);
    this.stmts = {
      pick: db.prepare<[string, number, number], MessageDbRow>(
        `SELECT id, campaign_id, e164, address, text, params, segments, attempts FROM messages
         WHERE campaign_id = ? AND state = 'queued' AND not_before <= ? ORDER BY id LIMIT ?`,
      ),
      insertSubmission: db.prepare<[string, number, number | null]>(`INSERT INTO submissions (account_id, started_at, port) VALUES (?, ?, ?)`),
      finishSubmission: db.prepare<[number, string, number]>(`UPDATE submissions SET finished_at = ?, outcome = ? WHERE id = ?`),
      claim: db.prepare<[number, number, number | null, string], { id: number }>(
        CLAIM_SQL,
      ),
      /** One event per id in a JSON array: set-based, so 10,000 transitions cost one statement. */
      events: db.prepare<[number, string, string, string, string]>(
        `INSERT INTO message_events (message_id, at, state, source, detail) SELECT value, ?, ?, ?, ? FROM json_each(?)`,
      ),
      acceptMany: db.prepare<[number, number, string], { id: number; account_id: string; state: string }>(
        ACCEPT_SQL,
      ),
      acceptedEvents: db.prepare<[number, string]>(
        `INSERT INTO message_events (message_id, at, state, source, detail)
         SELECT m.id, ?, m.state, 'reply', CASE WHEN m.provider_id IS NULL THEN 'Accepted' ELSE 'Accepted, id ' || m.provider_id END
         FROM json_each(?) AS j JOIN messages m ON m.id = j.value`,
      ),
      unknownMany: db.prepare<[string, string, number, number], { id: number }>(
        `UPDATE messages SET state = 'unknown', error_code = ?, error_message = ?, updated_at = ? WHERE submission_id = ? AND state = 'submitting' RETURNING id`,
      ),
      event: db.prepare<[number, number, string, string, string]>(`INSERT INTO message_events (message_id, at, state, source, detail) VALUES (?, ?, ?, ?, ?)`),

      fail: db.prepare<[string, string, string | null, number, number], { account_id: string; handed_at: number | null }>(
        `UPDATE messages SET state = 'failed', error_code = ?, error_message = ?, provider_code = ?, updated_at = ? WHERE id = ? AND state = 'submitting'
         RETURNING account_id, handed_at`,
      ),
      requeue: db.prepare<[number, string, string, string | null, number, number, number]>(
        `UPDATE messages SET state = 'queued', not_before = ?, error_code = ?, error_message = ?, provider_code = ?, updated_at = ?,
           attempts = attempts - ? WHERE id = ? AND state = 'submitting'`,
      ),
      submittingIds: db.prepare<[number], { id: number; attempts: number }>(`SELECT id, attempts FROM messages WHERE submission_id = ? AND state = 'submitting'`),
      cancelQueued: db.prepare<[number, string]>(`UPDATE messages SET state = 'cancelled', updated_at = ? WHERE campaign_id = ? AND state = 'queued'`),
      cancelEvents: db.prepare<[number, string, number]>(
        `INSERT INTO message_events (message_id, at, state, source, detail) SELECT id, ?, 'cancelled', 'user', 'Campaign cancelled' FROM messages WHERE campaign_id = ? AND state = 'cancelled' AND updated_at = ?`,
      ),
      strandedSubmissions: db.prepare<[], { id: number }>(`SELECT DISTINCT submission_id AS id FROM messages WHERE state = 'submitting' AND submission_id IS NOT NULL`),
      strandedNoSubmission: db.prepare<[number]>(`UPDATE messages SET state = 'queued', updated_at = ? WHERE state = 'submitting' AND submission_id IS NULL`),
      settleUnknown: db.prepare<[string, string | null, string | null, string | null, string | null, number, number], { account_id: string }>(
        `UPDATE messages SET state = ?, provider_id = COALESCE(provider_id, ?), error_code = ?, error_message = ?, provider_code = ?, updated_at = ?, handed_at = COALESCE(handed_at, updated_at)
         WHERE id = ? AND state = 'unknown' RETURNING account_id`,
      ),
    };
  }

  /** Up to `limit` queued messages of a campaign that are due at `now`, oldest first. */
  pick(campaignId: string, limit: number, now = this.clock.now()): LedgerMessage[] {
    return this.stmts.pick.all(campaignId, now, limit).map(toMessage);
  }

  /**
   * queued → submitting, under a new submission row, BEFORE the request. Returns the submission id
   * and the messages that were still queued (a cancel may have taken some).
   */
  claim(accountId: string, messages: readonly LedgerMessage[], port: number | null = null): { submissionId: number; claimed: LedgerMessage[] } {
    return this.db.transaction(() => {
      const now = this.clock.now();
      const submissionId = Number(this.stmts.insertSubmission.run(accountId, now, port).lastInsertRowid);
      const ids = this.stmts.claim.all(submissionId, now, port, JSON.stringify(messages.map((m) => m.id))).map((r) => r.id);
      const detail = port === null ? `Request ${submissionId}` : `Request ${submissionId} on port ${port}`;
      this.stmts.events.run(now, 'submitting', 'app', detail, JSON.stringify(ids));
      const taken = new Set(ids);
      return { submissionId, claimed: messages.filter((m) => taken.has(m.id)).map((m) => ({ ...m, attempts: m.attempts + 1 })) };
    })();
  }

  /**
   * The provider answered: accepted ones move on, rejected ones fail or wait for a retry
   * (`countAttempt: false`: the refusal was about the account, not the message — it goes back to the
   * queue as if never tried).
   */
  settleAnswered(
    submissionId: number,
    accepted: readonly Accepted[],
    rejected: readonly { id: number; error: Failure; retryAt: number | null; countAttempt?: boolean }[],
  ): void {
    this.db.transaction(() => {
      const now = this.clock.now();
      this.stmts.finishSubmission.run(now, 'answered', submissionId);
      if (accepted.length > 0) {
        const rows = this.stmts.acceptMany.all(now, now, JSON.stringify(accepted.map((a) => [a.id, a.providerId, a.state ?? 'submitted', a.port ?? null])));
        this.stmts.acceptedEvents.run(now, JSON.stringify(rows.map((r) => r.id)));
        this.daily.record(now, rows.map((r) => ({ accountId: r.account_id, from: 'submitting', to: r.state, handed: true })));
      }
      for (const r of rejected) this.failOrRequeue(r.id, r.error, r.retryAt, now, 'reply', r.countAttempt === false ? 1 : 0);
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
      let changed: boolean;
      if (to === 'queued') {
        changed = this.db.prepare(`UPDATE messages SET state = 'queued', not_before = 0, updated_at = ? WHERE id = ? AND state = 'unknown'`).run(now, id).changes === 1;
      } else {
        const row = this.stmts.settleUnknown.get(to, detail.providerId ?? null, e?.code ?? null, e?.message ?? null, e?.providerCode === undefined ? null : String(e.providerCode), now, id);
        if (row) this.daily.record(now, [{ accountId: row.account_id, from: 'unknown', to, handed: true }]);
        changed = row !== undefined;
      }
      if (changed) this.stmts.event.run(id, now, to, detail.source, detail.note);
      return changed;
    })();
  }

  /** Every queued message of the campaign → cancelled. Returns how many. */
  cancelQueued(campaignId: string): number {
    return this.db.transaction(() => {
      const now = this.clock.now();
      const n = this.stmts.cancelQueued.run(now, campaignId).changes;
      if (n > 0) this.stmts.cancelEvents.run(now, campaignId, now);
      return n;
    })();
  }

  /** At start: messages left `submitting` by a crash may or may not have been sent → unknown. */
  recoverAtStart(): number {
    return this.db.transaction(() => {
      const now = this.clock.now();
      let n = 0;
      for (const { id } of this.stmts.strandedSubmissions.all()) {
        this.stmts.finishSubmission.run(now, 'unknown', id);
        n += this.leftoversToUnknown(id, now, {
          code: 'SEND_INTERRUPTED',
          message: 'The app stopped while this message was being handed to the provider; it may or may not have been sent.',
        });
      }
      this.stmts.strandedNoSubmission.run(now);
      return n;
    })();
  }

  private leftoversToUnknown(submissionId: number, now: number, error: Failure): number {
    const ids = this.stmts.unknownMany.all(error.code, error.message, now, submissionId).map((r) => r.id);
    if (ids.length > 0) this.stmts.events.run(now, 'unknown', 'app', error.message, JSON.stringify(ids));
    return ids.length;
  }

  private failOrRequeue(id: number, error: Failure, retryAt: number | null, now: number, source: EventSource, undoAttempt: number): void {
    const providerCode = error.providerCode === undefined ? null : String(error.providerCode);
    if (retryAt === null) {
      const row = this.stmts.fail.get(error.code, error.message, providerCode, now, id);
      if (row) {
        this.stmts.event.run(id, now, 'failed', source, error.message);
        this.daily.record(now, [{ accountId: row.account_id, from: 'submitting', to: 'failed', handed: row.handed_at !== null }]);
      }
      return;
    }
    if (this.stmts.requeue.run(retryAt, error.code, error.message, providerCode, now, undoAttempt, id).changes === 1) {
      this.stmts.event.run(id, now, 'queued', source, `Will retry: ${error.message}`);
    }
  }
}
