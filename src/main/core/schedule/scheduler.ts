import type Database from 'better-sqlite3';
import { formatLocalDateTime } from '../../../shared/zoned-time.ts';
import type { CampaignDraft, CampaignView } from '../../../shared/campaigns.ts';
import type { PreparedCampaign } from '../campaigns/campaign-service.ts';
import { AppError, isAppError, toErrorShape } from '../../../shared/errors.ts';
import { nextRun } from '../../../shared/recurrence.ts';
import type { Clock } from '../ports.ts';
import type { ScheduleRow, SchedulesRepository } from './schedules-repository.ts';
import type { ScheduleRunView } from '../../../shared/schedules.ts';

/**
 * Fires local schedules when they are due. The draft is composed first (off main's event loop for a
 * big one; nothing written). Then ONE transaction records the firing: the run row (unique per schedule
 * and due time), the campaign's row in state `preparing`, and the schedule's next due time. A crash
 * before it leaves nothing; after it the run is recorded — never two. The campaign's messages are then
 * written in short steps and it starts sending when complete; a crash meanwhile resumes the preparing
 * campaign at the next start (campaign-writer.ts), so the run still sends exactly once.
 *
 * A due time more than `missedAfterMs` in the past was missed (the app was not running, or the PC
 * slept): the schedule's policy decides — `run-once` sends once now for all of them, `skip` records
 * them as skipped — and the next run is computed from now.
 */

export interface CampaignPreparer {
  prepare(draft: CampaignDraft): Promise<PreparedCampaign>;
  begin(p: PreparedCampaign): void;
  /** Writes the messages in steps and starts the campaign; when that fails, the campaign is kept, cancelled, with why. */
  fill(p: PreparedCampaign, onFailure: 'cancel'): Promise<CampaignView>;
}

export interface SchedulerDeps {
  db: Database.Database;
  clock: Clock;
  repo: SchedulesRepository;
  campaigns: CampaignPreparer;
  onChanged: (id: string) => void;
  onError: (err: unknown, where: string) => void;
  /** Default 2 minutes. */
  missedAfterMs?: number;
  /** Tests: called inside the firing transaction after the campaign's row was written (throw to simulate a crash). */
  afterCampaignWritten?: (scheduleId: string, campaignId: string) => void;
}

/** Longest sleep between looks (a backstop for clock jumps and edits made elsewhere). */
const MAX_SLEEP_MS = 60_000;
/** Missed runs counted at most (an every-minute schedule after a year off). */
const MAX_MISSED_COUNTED = 100_000;
/** After an unexpected failure, look again this much later. */
const RETRY_AFTER_MS = 30_000;
/** What a run started by hand says in the history. */
const RUN_NOW_DETAIL = 'Run now by hand; the next run stays as scheduled.';

export function createScheduler(deps: SchedulerDeps) {
  const { db, clock, repo } = deps;
  const missedAfterMs = deps.missedAfterMs ?? 120_000;
  let timer: unknown = null;
  let started = false;
  /** Schedules whose firing failed unexpectedly: not before this time. */
  const backoff = new Map<string, number>();

  const runName = (s: ScheduleRow, dueAt: number) => `${s.draft.name} · ${formatLocalDateTime(dueAt, s.zone).replace('T', ' ')}`;

  function advance(s: ScheduleRow, after: number, runCount: number, now: number): ScheduleRow {
    const next = s.when ? nextRun(s.when, after, runCount) : null;
    return { ...s, runCount, nextDueAt: next, state: next === null ? 'done' : s.state, updatedAt: now };
  }

  /**
   * Composes the run's campaign. When the draft cannot become one now (account gone, nobody left to send
   * to) the run is recorded as failed with why, the schedule saved as `after` gives it, and null returned.
   */
  async function prepareRun(s: ScheduleRow, dueAt: number, now: number, after: ScheduleRow): Promise<PreparedCampaign | null> {
    try {
      return await deps.campaigns.prepare({ ...s.draft, name: runName(s, dueAt) });
    } catch (err) {
      if (!isAppError(err)) throw err;
      const shape = toErrorShape(err);
      db.transaction(() => {
        if (!repo.hasRun(s.id, dueAt)) repo.insertRun(s.id, dueAt, now, 'failed', null, shape.message);
        repo.save({ ...after, lastError: shape });
      })();
      return null;
    }
  }

  /** Writes the recorded run's messages and starts it; resolves when it sends (or failed: the campaign is kept, cancelled). */
  async function fill(s: ScheduleRow, p: PreparedCampaign): Promise<void> {
    deps.onChanged(s.id);
    await deps.campaigns.fill(p, 'cancel').catch((err: unknown) => {
      if (!isAppError(err)) deps.onError(err, `schedule:${s.id}`);
    });
  }

  /** Records the run with its campaign, then writes the campaign's messages; resolves when it sends (or failed). */
  async function fire(s: ScheduleRow, dueAt: number, nextAfter: number, detail: string, now: number): Promise<void> {
    if (repo.hasRun(s.id, dueAt)) {
      repo.save(advance(s, nextAfter, s.runCount, now));
      return;
    }
    let prepared: PreparedCampaign | null;
    try {
      prepared = await prepareRun(s, dueAt, now, advance(s, nextAfter, s.runCount, now));
    } catch (err) {
      backoff.set(s.id, now + RETRY_AFTER_MS);
      deps.onError(err, `schedule:${s.id}`);
      return;
    }
    if (!prepared) return;
    const p = prepared;
    let recorded = false;
    try {
      db.transaction(() => {
        // Composing took a while: the schedule may have been edited, paused or deleted meanwhile.
        const cur = repo.get(s.id);
        if (!cur || cur.state !== 'active' || cur.nextDueAt !== s.nextDueAt || repo.hasRun(s.id, dueAt)) return;
        deps.campaigns.begin(p);
        deps.afterCampaignWritten?.(s.id, p.row.id);
        repo.insertRun(s.id, dueAt, now, 'created', p.row.id, detail);
        repo.save({ ...advance(cur, nextAfter, cur.runCount + 1, now), lastError: null });
        recorded = true;
      })();
      backoff.delete(s.id);
    } catch (err) {
      // Nothing was written (the transaction rolled back): try again a little later.
      p.set.release();
      backoff.set(s.id, now + RETRY_AFTER_MS);
      deps.onError(err, `schedule:${s.id}`);
      return;
    }
    if (!recorded) {
      p.set.release();
      return;
    }
    await fill(s, p);
  }

  /** Runs started by hand whose messages are still being written (idle and stop wait for them). */
  const byHand = new Set<Promise<void>>();

  /**
   * Runs a local schedule now, by hand: one run recorded with its campaign, like a due run, but the
   * schedule's next run and its run count stay as they are. A draft that cannot be sent now is recorded
   * as a failed run and its sentence thrown.
   */
  async function runNow(id: string): Promise<ScheduleRunView> {
    const s = repo.get(id);
    if (!s || s.kind !== 'local' || s.state === 'deleted') {
      throw new AppError('SCHEDULE_NOT_FOUND', 'Only a schedule the app sends itself can be run now. Reload the list and try again.');
    }
    const now = clock.now();
    // Runs are unique per due time: a run already at this millisecond moves this one on by one.
    let dueAt = now;
    while (repo.hasRun(s.id, dueAt)) dueAt += 1;
    const p = await prepareRun(s, dueAt, now, { ...(repo.get(id) ?? s), updatedAt: now });
    if (!p) {
      deps.onChanged(s.id);
      const why = repo.get(id)?.lastError;
      throw new AppError(why?.code ?? 'SCHEDULE_RUN_FAILED', why?.message ?? 'This schedule cannot be sent now. Check its account and recipients.');
    }
    try {
      db.transaction(() => {
        deps.campaigns.begin(p);
        repo.insertRun(s.id, dueAt, now, 'created', p.row.id, RUN_NOW_DETAIL);
        const cur = repo.get(id);
        if (cur) repo.save({ ...cur, lastError: null, updatedAt: now });
      })();
    } catch (err) {
      p.set.release();
      throw err;
    }
    const filling = fill(s, p).finally(() => byHand.delete(filling));
    byHand.add(filling);
    return repo.lastRun(s.id)!;
  }

  async function handle(s: ScheduleRow, now: number): Promise<void> {
    const due = s.nextDueAt!;
    if (now - due <= missedAfterMs || !s.when) return fire(s, due, due, '', now);
    let last = due;
    let missed = 1;
    for (;;) {
      const n = nextRun(s.when, last, s.runCount);
      if (n === null || n > now || missed >= MAX_MISSED_COUNTED) break;
      last = n;
      missed += 1;
    }
    if (s.missedPolicy === 'run-once') {
      const detail =
        missed === 1
          ? '1 run was missed while the app was not running; sent once when it started.'
          : `${missed} runs were missed while the app was not running; sent once when it started.`;
      return fire(s, last, now, detail, now);
    }
    db.transaction(() => {
      const detail =
        missed === 1
          ? '1 run was missed while the app was not running; skipped as this schedule asks.'
          : `${missed} runs were missed while the app was not running; skipped as this schedule asks.`;
      if (!repo.hasRun(s.id, last)) repo.insertRun(s.id, last, now, 'skipped', null, detail);
      repo.save(advance(s, now, s.runCount, now));
    })();
  }

  let ticking: Promise<number> | null = null;

  /** Fires everything due now, one schedule after another; resolves with how many were handled. */
  async function fireDue(): Promise<number> {
    let handled = 0;
    for (const s of repo.due(clock.now())) {
      const now = clock.now();
      if (!started || (backoff.get(s.id) ?? 0) > now) continue;
      try {
        await handle(s, now);
        handled += 1;
        deps.onChanged(s.id);
      } catch (err) {
        deps.onError(err, `schedule:${s.id}`);
      }
    }
    return handled;
  }

  /** One firing pass at a time: a call during a pass gets that pass. */
  function tick(): Promise<number> {
    if (ticking) return ticking;
    const pass = fireDue().finally(() => {
      if (ticking === pass) ticking = null;
    });
    ticking = pass;
    return pass;
  }

  function arm() {
    if (!started) return;
    if (timer !== null) clock.clearTimeout(timer);
    const next = repo.nextDue();
    const now = clock.now();
    // Something still due after a tick is backing off: look again in a second, not in a busy loop.
    const delay = next === null ? MAX_SLEEP_MS : next <= now ? 1000 : Math.min(MAX_SLEEP_MS, next - now);
    timer = clock.setTimeout(() => {
      timer = null;
      void tick().then(arm);
    }, delay);
  }

  return {
    /** Handles what was missed while the app was not running, then keeps firing on time. */
    start() {
      started = true;
      void tick().then(arm);
    },
    /** Stops firing; resolves once a firing in progress has finished writing. */
    async stop() {
      started = false;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      await ticking;
      await Promise.all(byHand);
    },
    tick,
    runNow,
    /** Resolves when no firing is in progress (and the next wake-up is set). */
    idle: async (): Promise<void> => {
      while (ticking || byHand.size > 0) await Promise.all([ticking, ...byHand]);
    },
    /** A schedule was created or edited: look again at when to wake. */
    rearm: arm,
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
