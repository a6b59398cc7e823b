import type Database from 'better-sqlite3';
import type { ProviderKind } from '../../../shared/accounts.ts';
import type { CampaignDraft } from '../../../shared/campaigns.ts';
import type { AppErrorShape } from '../../../shared/errors.ts';
import type { MissedPolicy, ScheduleKind, ScheduleRunView, ScheduleState, When } from '../../../shared/schedules.ts';
import type { ProviderData } from './provider-data.ts';

/** SQL for schedules and their runs (migration 0005). */

export interface ScheduleRow {
  id: string;
  kind: ScheduleKind;
  name: string;
  accountId: string;
  provider: ProviderKind;
  state: ScheduleState;
  draft: CampaignDraft;
  when: When | null;
  zone: string;
  missedPolicy: MissedPolicy;
  nextDueAt: number | null;
  runCount: number;
  lastError: AppErrorShape | null;
  data: ProviderData;
  createdAt: number;
  updatedAt: number;
}

interface RawSchedule {
  id: string;
  kind: string;
  name: string;
  account_id: string;
  provider: string;
  state: string;
  draft: string;
  when_json: string | null;
  zone: string;
  missed_policy: string;
  next_due_at: number | null;
  run_count: number;
  last_error: string | null;
  provider_data: string;
  created_at: number;
  updated_at: number;
}

const toRow = (r: RawSchedule): ScheduleRow => ({
  id: r.id,
  kind: r.kind as ScheduleKind,
  name: r.name,
  accountId: r.account_id,
  provider: r.provider as ProviderKind,
  state: r.state as ScheduleState,
  draft: JSON.parse(r.draft) as CampaignDraft,
  when: r.when_json === null ? null : (JSON.parse(r.when_json) as When),
  zone: r.zone,
  missedPolicy: r.missed_policy as MissedPolicy,
  nextDueAt: r.next_due_at,
  runCount: r.run_count,
  lastError: r.last_error === null ? null : (JSON.parse(r.last_error) as AppErrorShape),
  data: JSON.parse(r.provider_data) as ProviderData,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

interface RawRun {
  due_at: number;
  fired_at: number;
  outcome: string;
  campaign_id: string | null;
  detail: string;
}

const toRun = (r: RawRun): ScheduleRunView => ({
  dueAt: r.due_at,
  firedAt: r.fired_at,
  outcome: r.outcome as ScheduleRunView['outcome'],
  campaignId: r.campaign_id,
  detail: r.detail,
});

export class SchedulesRepository {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO schedules (id, kind, name, account_id, provider, state, draft, when_json, zone, missed_policy, next_due_at, run_count, last_error, provider_data, created_at, updated_at)
         VALUES (@id, @kind, @name, @accountId, @provider, @state, @draft, @when, @zone, @missedPolicy, @nextDueAt, @runCount, @lastError, @data, @createdAt, @updatedAt)`,
      ),
      update: db.prepare(
        `UPDATE schedules SET name = @name, account_id = @accountId, provider = @provider, state = @state, draft = @draft, when_json = @when, zone = @zone,
           missed_policy = @missedPolicy, next_due_at = @nextDueAt, run_count = @runCount, last_error = @lastError, provider_data = @data, updated_at = @updatedAt
         WHERE id = @id`,
      ),
      get: db.prepare<[string], RawSchedule>('SELECT * FROM schedules WHERE id = ?'),
      list: db.prepare<[], RawSchedule>(`SELECT * FROM schedules WHERE state <> 'deleted' ORDER BY created_at DESC, rowid DESC`),
      due: db.prepare<[number], RawSchedule>(
        `SELECT * FROM schedules WHERE state = 'active' AND kind = 'local' AND next_due_at IS NOT NULL AND next_due_at <= ? ORDER BY next_due_at, rowid`,
      ),
      nextDue: db.prepare<[], { t: number | null }>(`SELECT min(next_due_at) AS t FROM schedules WHERE state = 'active' AND kind = 'local'`),
      remove: db.prepare<[string]>('DELETE FROM schedules WHERE id = ?'),
      insertRun: db.prepare<[string, number, number, string, string | null, string]>(
        'INSERT INTO schedule_runs (schedule_id, due_at, fired_at, outcome, campaign_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      hasRun: db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM schedule_runs WHERE schedule_id = ? AND due_at = ?'),
      lastRun: db.prepare<[string], RawRun>('SELECT due_at, fired_at, outcome, campaign_id, detail FROM schedule_runs WHERE schedule_id = ? ORDER BY due_at DESC, id DESC LIMIT 1'),
      runs: db.prepare<[string, number], RawRun>('SELECT due_at, fired_at, outcome, campaign_id, detail FROM schedule_runs WHERE schedule_id = ? ORDER BY due_at DESC, id DESC LIMIT ?'),
    };
  }

  private params(s: ScheduleRow) {
    return {
      id: s.id,
      kind: s.kind,
      name: s.name,
      accountId: s.accountId,
      provider: s.provider,
      state: s.state,
      draft: JSON.stringify(s.draft),
      when: s.when === null ? null : JSON.stringify(s.when),
      zone: s.zone,
      missedPolicy: s.missedPolicy,
      nextDueAt: s.nextDueAt,
      runCount: s.runCount,
      lastError: s.lastError === null ? null : JSON.stringify(s.lastError),
      data: JSON.stringify(s.data),
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    };
  }

  insert(s: ScheduleRow): void {
    this.stmts.insert.run(this.params(s));
  }

  save(s: ScheduleRow): void {
    const { createdAt: _c, kind: _k, ...rest } = this.params(s);
    this.stmts.update.run(rest);
  }

  get(id: string): ScheduleRow | undefined {
    const r = this.stmts.get.get(id);
    return r ? toRow(r) : undefined;
  }

  list(): ScheduleRow[] {
    return this.stmts.list.all().map(toRow);
  }

  /** Active local schedules due at or before `now`, earliest first. */
  due(now: number): ScheduleRow[] {
    return this.stmts.due.all(now).map(toRow);
  }

  nextDue(): number | null {
    return this.stmts.nextDue.get()!.t;
  }

  remove(id: string): void {
    this.stmts.remove.run(id);
  }

  /** Throws SQLITE_CONSTRAINT_UNIQUE when this due time already has a run. */
  insertRun(scheduleId: string, dueAt: number, firedAt: number, outcome: ScheduleRunView['outcome'], campaignId: string | null, detail: string): void {
    this.stmts.insertRun.run(scheduleId, dueAt, firedAt, outcome, campaignId, detail);
  }

  hasRun(scheduleId: string, dueAt: number): boolean {
    return this.stmts.hasRun.get(scheduleId, dueAt)!.n > 0;
  }

  lastRun(scheduleId: string): ScheduleRunView | null {
    const r = this.stmts.lastRun.get(scheduleId);
    return r ? toRun(r) : null;
  }

  runs(scheduleId: string, limit = 50): ScheduleRunView[] {
    return this.stmts.runs.all(scheduleId, limit).map(toRun);
  }
}
