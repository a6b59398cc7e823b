import type Database from 'better-sqlite3';
import type { ProviderKind } from '../../../shared/accounts.ts';
import {
  emptyCounts,
  MESSAGE_STATES,
  type CampaignContent,
  type CampaignKind,
  type CampaignState,
  type MessageCounts,
  type MessageState,
  type QuietHours,
} from '../../../shared/campaigns.ts';
import type { AppErrorShape } from '../../../shared/errors.ts';
import { createTransitions, type Transitions } from '../store/transitions.ts';

/**
 * SQL for campaign rows, their messages and their per-state counts (campaign_counts, kept by every
 * writer: store/transitions.ts). A big campaign is written in steps (campaigns/prepare-campaign.ts):
 * `createPreparing`, `appendMessages` per chunk, `finishPreparing`; a `preparing` campaign is never
 * sent from, and one left by a crash is written again from its `prepare_input` or discarded.
 */

/** Messages per multi-row INSERT: 250 × 8 parameters stays far below SQLite's variable limit. */
const INSERT_CHUNK = 250;

export interface CampaignRow {
  id: string;
  kind: CampaignKind;
  name: string;
  accountId: string;
  provider: ProviderKind;
  content: CampaignContent;
  quietHours: QuietHours | null;
  options: CampaignOptions;
  state: CampaignState;
  total: number;
  totalSegments: number;
  lastError: AppErrorShape | null;
  retryOf: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  /** When nothing was left to send (the report window starts), or null. */
  handedAt: number | null;
}

export type NewCampaign = Omit<CampaignRow, 'kind' | 'state' | 'lastError' | 'updatedAt' | 'finishedAt' | 'handedAt' | 'total' | 'totalSegments'> & {
  /** Default `campaign`; replies and tests are single messages. */
  kind?: CampaignKind;
};

export interface CampaignOptions {
  ports?: number[];
  /** The campaign whose unsent rest this one took over on another account. */
  movedFrom?: string;
}

interface RawCampaign {
  id: string;
  kind: string;
  name: string;
  account_id: string;
  provider: string;
  content: string;
  quiet_hours: string | null;
  options: string;
  state: string;
  total: number;
  total_segments: number;
  last_error: string | null;
  retry_of: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  handed_at: number | null;
}

const toRow = (r: RawCampaign): CampaignRow => ({
  id: r.id,
  kind: r.kind as CampaignKind,
  name: r.name,
  accountId: r.account_id,
  provider: r.provider as ProviderKind,
  content: JSON.parse(r.content) as CampaignContent,
  quietHours: r.quiet_hours === null ? null : (JSON.parse(r.quiet_hours) as QuietHours),
  options: JSON.parse(r.options) as CampaignOptions,
  state: r.state as CampaignState,
  total: r.total,
  totalSegments: r.total_segments,
  lastError: r.last_error === null ? null : (JSON.parse(r.last_error) as AppErrorShape),
  retryOf: r.retry_of,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
  handedAt: r.handed_at,
});

export interface NewMessage {
  e164: string;
  address: string;
  text: string;
  params: Record<string, string> | null;
  segments: number;
}

export class CampaignsRepository {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly transitions: Transitions;

  constructor(db: Database.Database) {
    this.db = db;
    this.transitions = createTransitions(db);
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO campaigns (id, kind, name, account_id, provider, content, quiet_hours, options, state, total, total_segments, retry_of, created_at, updated_at, prepare_input)
         VALUES (@id, @kind, @name, @accountId, @provider, @content, @quietHours, @options, @state, 0, 0, @retryOf, @now, @now, @prepareInput)`,
      ),
      saveSource: db.prepare<[string, string]>('INSERT OR REPLACE INTO campaign_sources (campaign_id, draft) VALUES (?, ?)'),
      source: db.prepare<[string], string>('SELECT draft FROM campaign_sources WHERE campaign_id = ?').pluck(),
      grow: db.prepare<[number, number, string]>('UPDATE campaigns SET total = total + ?, total_segments = total_segments + ? WHERE id = ?'),
      maxMessageId: db.prepare<[], number | null>('SELECT max(id) FROM messages').pluck(),
      indexNumbers: db.prepare<[number]>('INSERT INTO messages_number (rowid, number) SELECT id, e164 FROM messages WHERE id > ?'),
      preparing: db.prepare<[], RawCampaign & { prepare_input: string | null }>(`SELECT * FROM campaigns WHERE state = 'preparing' ORDER BY created_at`),
      finishPreparing: db.prepare<[string, number, string]>(`UPDATE campaigns SET state = ?, updated_at = ?, prepare_input = NULL WHERE id = ? AND state = 'preparing'`),
      someMessages: db.prepare<[string, number], { id: number; state: string; segments: number }>('SELECT id, state, segments FROM messages WHERE campaign_id = ? LIMIT ?'),
      shrink: db.prepare<[number, number, string]>('UPDATE campaigns SET total = total - ?, total_segments = total_segments - ? WHERE id = ?'),
      deleteMessages: db.prepare<[string]>('DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?))'),
      unindexNumbers: db.prepare<[string]>('DELETE FROM messages_number WHERE rowid IN (SELECT value FROM json_each(?))'),
      deleteCampaign: db.prepare<[string]>('DELETE FROM campaigns WHERE id = ?'),
      resetCounts: db.prepare<[string]>('DELETE FROM campaign_counts WHERE campaign_id = ?'),
      insertMessages: db.prepare<unknown[]>(
        `INSERT INTO messages (campaign_id, account_id, e164, address, text, params, segments, state, updated_at) VALUES ${Array(INSERT_CHUNK).fill("(?, ?, ?, ?, ?, ?, ?, 'queued', ?)").join(', ')}`,
      ),
      insertMessage: db.prepare<[string, string, string, string, string, string | null, number, number]>(
        `INSERT INTO messages (campaign_id, account_id, e164, address, text, params, segments, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?)`,
      ),
      get: db.prepare<[string], RawCampaign>('SELECT * FROM campaigns WHERE id = ?'),
      list: db.prepare<[], RawCampaign>('SELECT * FROM campaigns ORDER BY created_at DESC, rowid DESC'),
      listOfKind: db.prepare<[string], RawCampaign>('SELECT * FROM campaigns WHERE kind = ? ORDER BY created_at DESC, rowid DESC'),
      running: db.prepare<[], RawCampaign>(`SELECT * FROM campaigns WHERE state = 'running' ORDER BY created_at, rowid`),
      setState: db.prepare<[string, number, number | null, number | null, string]>(
        'UPDATE campaigns SET state = ?, updated_at = ?, finished_at = ?, handed_at = coalesce(?, handed_at) WHERE id = ?',
      ),
      handed: db.prepare<[], RawCampaign>(`SELECT * FROM campaigns WHERE state = 'handed' ORDER BY handed_at`),
      probablyLost: db.prepare<[string], number>(`SELECT count(*) FROM messages WHERE campaign_id = ? AND state = 'unknown' AND error_code = 'PROBABLY_NOT_RECEIVED'`).pluck(),
      setError: db.prepare<[string | null, number, string]>('UPDATE campaigns SET last_error = ?, updated_at = ? WHERE id = ?'),
      counts: db.prepare<[string], { state: string; n: number }>('SELECT state, n FROM campaign_counts WHERE campaign_id = ?'),
      pending: db.prepare<[string], { n: number }>(
        `SELECT EXISTS (SELECT 1 FROM messages WHERE campaign_id = ? AND state IN ('queued', 'submitting')) AS n`,
      ),
      nextDue: db.prepare<[string], { t: number | null }>(`SELECT min(not_before) AS t FROM messages WHERE campaign_id = ? AND state = 'queued'`),
    };
  }

  /**
   * The campaign and all its messages in ONE transaction: a failure leaves nothing behind. For small
   * campaigns; a big one is written in steps (createPreparing, appendMessages, finishPreparing).
   * A message's creation is not an event row: its history starts from the campaign's created_at.
   */
  create(c: NewCampaign, messages: readonly NewMessage[]): void {
    this.db.transaction(() => {
      this.insertRow(c, 'running', null);
      this.appendMessages(c, messages);
    })();
  }

  /** The campaign row of a campaign whose messages are written next, in steps. `input` lets a restart write them again. */
  createPreparing(c: NewCampaign, input: unknown): void {
    this.insertRow(c, 'preparing', JSON.stringify(input));
  }

  /** One step: messages appended to the campaign (its total and counts grow; their numbers go into the search index). */
  appendMessages(c: Pick<NewCampaign, 'id' | 'accountId' | 'createdAt'>, messages: readonly NewMessage[]): void {
    if (messages.length === 0) return;
    this.db.transaction(() => {
      const before = this.stmts.maxMessageId.get() ?? 0;
      const row = (m: NewMessage) => [c.id, c.accountId, m.e164, m.address, m.text, m.params === null ? null : JSON.stringify(m.params), m.segments, c.createdAt];
      let i = 0;
      for (; i + INSERT_CHUNK <= messages.length; i += INSERT_CHUNK) {
        this.stmts.insertMessages.run(...messages.slice(i, i + INSERT_CHUNK).flatMap(row));
      }
      for (; i < messages.length; i++) this.stmts.insertMessage.run(...(row(messages[i]!) as Parameters<typeof this.stmts.insertMessage.run>));
      this.stmts.indexNumbers.run(before);
      this.stmts.grow.run(messages.length, messages.reduce((s, m) => s + m.segments, 0), c.id);
      this.transitions.added(c.id, 'queued', messages.length);
    })();
  }

  /** The last step: the campaign leaves `preparing` (to `running`, or `paused`/`cancelled`). False when it was not preparing. */
  finishPreparing(id: string, state: CampaignState, now: number): boolean {
    return this.stmts.finishPreparing.run(state, now, id).changes === 1;
  }

  /** Campaigns a crash left preparing, with what they were being written from. */
  preparing(): (CampaignRow & { prepareInput: unknown })[] {
    return this.stmts.preparing.all().map((r) => ({ ...toRow(r), prepareInput: r.prepare_input === null ? null : (JSON.parse(r.prepare_input) as unknown) }));
  }

  /**
   * One step of emptying a campaign that never sent (a discarded or restarted `preparing` one): up to
   * `limit` of its messages go. Returns true while more remain.
   */
  deleteMessagesStep(id: string, limit: number): boolean {
    return this.db.transaction(() => {
      const rows = this.stmts.someMessages.all(id, limit);
      if (rows.length === 0) return false;
      const ids = JSON.stringify(rows.map((r) => r.id));
      this.stmts.unindexNumbers.run(ids);
      this.stmts.deleteMessages.run(ids);
      for (const [state, group] of Map.groupBy(rows, (r) => r.state)) this.transitions.added(id, state, -group.length);
      this.stmts.shrink.run(rows.length, rows.reduce((n, r) => n + r.segments, 0), id);
      return true;
    })();
  }

  /** Removes an emptied campaign's row (and its counts). */
  deleteEmpty(id: string): void {
    this.db.transaction(() => {
      this.stmts.resetCounts.run(id);
      this.stmts.deleteCampaign.run(id);
    })();
  }

  /**
   * One step of a retry: the next `limit` messages of `fromId` in `states` after message `afterId`
   * (opted-out numbers left out; with `errorCode`, only messages that carry it).
   */
  retryRows(fromId: string, states: readonly string[], afterId: number, limit: number, errorCode?: string): (NewMessage & { id: number })[] {
    return this.db
      .prepare<unknown[], { id: number; e164: string; address: string; text: string; params: string | null; segments: number }>(
        `SELECT id, e164, address, text, params, segments FROM messages m WHERE campaign_id = ? AND state IN (${states.map(() => '?').join(',')}) AND id > ?
           ${errorCode === undefined ? '' : 'AND error_code = ?'} AND NOT EXISTS (SELECT 1 FROM opt_outs o WHERE o.e164 = m.e164) ORDER BY id LIMIT ?`,
      )
      .all(fromId, ...states, afterId, ...(errorCode === undefined ? [] : [errorCode]), limit)
      .map((m) => ({ ...m, params: m.params === null ? null : (JSON.parse(m.params) as Record<string, string>) }));
  }

  private insertRow(c: NewCampaign, state: CampaignState, prepareInput: string | null): void {
    this.stmts.insert.run({
      id: c.id,
      kind: c.kind ?? 'campaign',
      name: c.name,
      accountId: c.accountId,
      provider: c.provider,
      content: JSON.stringify(c.content),
      quietHours: c.quietHours === null ? null : JSON.stringify(c.quietHours),
      options: JSON.stringify(c.options),
      retryOf: c.retryOf,
      state,
      now: c.createdAt,
      prepareInput,
    });
  }

  /** Keeps the draft a campaign was written from (lists, pasted numbers, …) for "duplicate". */
  saveSource(id: string, draft: unknown): void {
    this.stmts.saveSource.run(id, JSON.stringify(draft));
  }

  /** The draft the campaign was written from, when it was written from one (not a retry). */
  source(id: string): unknown {
    const json = this.stmts.source.get(id);
    return json === undefined ? undefined : (JSON.parse(json) as unknown);
  }

  get(id: string): CampaignRow | undefined {
    const r = this.stmts.get.get(id);
    return r ? toRow(r) : undefined;
  }

  /** Every campaign, newest first; with `kind`, only those of that kind (the campaign list leaves single messages out). */
  list(kind?: CampaignKind): CampaignRow[] {
    return (kind === undefined ? this.stmts.list.all() : this.stmts.listOfKind.all(kind)).map(toRow);
  }

  running(): CampaignRow[] {
    return this.stmts.running.all().map(toRow);
  }

  /** `handed` stamps handed_at (the report window starts); `done` and `cancelled` stamp finished_at. */
  setState(id: string, state: CampaignState, now: number): void {
    const finished = state === 'done' || state === 'cancelled' ? now : null;
    this.stmts.setState.run(state, now, finished, state === 'handed' ? now : null, id);
  }

  /** Unknown messages of the campaign marked "probably never received" (dispatch/probably-lost.ts). */
  probablyLost(id: string, counts: MessageCounts): number {
    return counts.unknown === 0 ? 0 : (this.stmts.probablyLost.get(id) ?? 0);
  }

  /** The campaigns that took over this one's unsent rest on other accounts, oldest first (campaigns are few: a scan is fine). */
  movedTo(id: string): string[] {
    return this.db
      .prepare<[string], string>(`SELECT id FROM campaigns WHERE json_extract(options, '$.movedFrom') = ? ORDER BY created_at, rowid`)
      .pluck()
      .all(id);
  }

  /** Campaigns handed over and waiting for their last reports, oldest first. */
  handed(): CampaignRow[] {
    return this.stmts.handed.all().map(toRow);
  }

  /** Whether every message is final: delivered, failed, expired or cancelled (kept counts: no scan). */
  allFinal(id: string): boolean {
    const c = this.counts(id);
    return c.queued + c.submitting + c.submitted + c.sent + c.unknown === 0;
  }

  setError(id: string, error: AppErrorShape | null, now: number): void {
    this.stmts.setError.run(error === null ? null : JSON.stringify(error), now, id);
  }

  counts(id: string): MessageCounts {
    const counts = emptyCounts();
    for (const { state, n } of this.stmts.counts.all(id)) {
      if ((MESSAGE_STATES as readonly string[]).includes(state)) counts[state as MessageState] = n;
    }
    return counts;
  }

  /** Whether some message is not yet settled by the app (queued or in a request). */
  pending(id: string): boolean {
    return this.stmts.pending.get(id)!.n === 1;
  }

  /** Earliest `not_before` among queued messages (a retry waiting for its backoff), or null. */
  nextDue(id: string): number | null {
    return this.stmts.nextDue.get(id)!.t;
  }
}
