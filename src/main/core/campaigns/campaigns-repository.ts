import type Database from 'better-sqlite3';
import type { ProviderKind } from '../../../shared/accounts.ts';
import {
  emptyCounts,
  MESSAGE_STATES,
  type CampaignContent,
  type CampaignState,
  type MessageCounts,
  type MessageState,
  type QuietHours,
} from '../../../shared/campaigns.ts';
import type { AppErrorShape } from '../../../shared/errors.ts';

/** SQL for campaign rows and their per-state counts (from the (campaign_id, state) index). */

/** Messages per multi-row INSERT: 250 × 8 parameters stays far below SQLite's variable limit. */
const INSERT_CHUNK = 250;

export interface CampaignRow {
  id: string;
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
}

export interface CampaignOptions {
  ports?: number[];
}

interface RawCampaign {
  id: string;
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
}

const toRow = (r: RawCampaign): CampaignRow => ({
  id: r.id,
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

  constructor(db: Database.Database) {
    this.db = db;
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO campaigns (id, name, account_id, provider, content, quiet_hours, options, state, total, total_segments, retry_of, created_at, updated_at)
         VALUES (@id, @name, @accountId, @provider, @content, @quietHours, @options, 'running', @total, @totalSegments, @retryOf, @now, @now)`,
      ),
      insertMessages: db.prepare<unknown[]>(
        `INSERT INTO messages (campaign_id, account_id, e164, address, text, params, segments, state, updated_at) VALUES ${Array(INSERT_CHUNK).fill("(?, ?, ?, ?, ?, ?, ?, 'queued', ?)").join(', ')}`,
      ),
      insertMessage: db.prepare<[string, string, string, string, string, string | null, number, number]>(
        `INSERT INTO messages (campaign_id, account_id, e164, address, text, params, segments, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?)`,
      ),
      get: db.prepare<[string], RawCampaign>('SELECT * FROM campaigns WHERE id = ?'),
      list: db.prepare<[], RawCampaign>('SELECT * FROM campaigns ORDER BY created_at DESC, rowid DESC'),
      running: db.prepare<[], RawCampaign>(`SELECT * FROM campaigns WHERE state = 'running' ORDER BY created_at, rowid`),
      setState: db.prepare<[string, number, number | null, string]>('UPDATE campaigns SET state = ?, updated_at = ?, finished_at = ? WHERE id = ?'),
      setError: db.prepare<[string | null, number, string]>('UPDATE campaigns SET last_error = ?, updated_at = ? WHERE id = ?'),
      counts: db.prepare<[string], { state: string; n: number }>('SELECT state, count(*) AS n FROM messages WHERE campaign_id = ? GROUP BY state'),
      pending: db.prepare<[string], { n: number }>(
        `SELECT EXISTS (SELECT 1 FROM messages WHERE campaign_id = ? AND state IN ('queued', 'submitting')) AS n`,
      ),
      nextDue: db.prepare<[string], { t: number | null }>(`SELECT min(not_before) AS t FROM messages WHERE campaign_id = ? AND state = 'queued'`),
    };
  }

  /**
   * The campaign and all its messages in ONE transaction: a failure leaves nothing behind.
   * A message's creation is not an event row: its history starts from the campaign's created_at.
   */
  create(c: Omit<CampaignRow, 'state' | 'lastError' | 'updatedAt' | 'finishedAt' | 'total' | 'totalSegments'>, messages: readonly NewMessage[]): void {
    this.db.transaction(() => {
      this.stmts.insert.run({
        id: c.id,
        name: c.name,
        accountId: c.accountId,
        provider: c.provider,
        content: JSON.stringify(c.content),
        quietHours: c.quietHours === null ? null : JSON.stringify(c.quietHours),
        options: JSON.stringify(c.options),
        total: messages.length,
        totalSegments: messages.reduce((s, m) => s + m.segments, 0),
        retryOf: c.retryOf,
        now: c.createdAt,
      });
      const row = (m: NewMessage) => [c.id, c.accountId, m.e164, m.address, m.text, m.params === null ? null : JSON.stringify(m.params), m.segments, c.createdAt];
      let i = 0;
      for (; i + INSERT_CHUNK <= messages.length; i += INSERT_CHUNK) {
        this.stmts.insertMessages.run(...messages.slice(i, i + INSERT_CHUNK).flatMap(row));
      }
      for (; i < messages.length; i++) this.stmts.insertMessage.run(...(row(messages[i]!) as Parameters<typeof this.stmts.insertMessage.run>));
    })();
  }

  get(id: string): CampaignRow | undefined {
    const r = this.stmts.get.get(id);
    return r ? toRow(r) : undefined;
  }

  list(): CampaignRow[] {
    return this.stmts.list.all().map(toRow);
  }

  running(): CampaignRow[] {
    return this.stmts.running.all().map(toRow);
  }

  setState(id: string, state: CampaignState, now: number): void {
    const finished = state === 'done' || state === 'cancelled' ? now : null;
    this.stmts.setState.run(state, now, finished, id);
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
