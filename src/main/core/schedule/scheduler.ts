import type Database from 'better-sqlite3';
import { formatLocalDateTime } from '../../../shared/zoned-time.ts';
import type { CampaignDraft, CampaignView } from '../../../shared/campaigns.ts';
import { isAppError, toErrorShape } from '../../../shared/errors.ts';
import { nextRun } from '../../../shared/recurrence.ts';
import type { Clock } from '../ports.ts';
import type { ScheduleRow, SchedulesRepository } from './schedules-repository.ts';

/**
 * Fires local schedules when they are due. One firing is ONE transaction: the run row (unique per
 * schedule and due time), the campaign with its messages, and the schedule's next due time. A crash
 * anywhere inside leaves nothing; a crash after the commit leaves the run recorded — never two.
 * The campaign starts sending (dispatcher kick) only after the commit.
 *
 * A due time more than `missedAfterMs` in the past was missed (the app was not running, or the PC
 * slept): the schedule's policy decides — `run-once` sends once now for all of them, `skip` records
 * them as skipped — and the next run is computed from now.
 */

export interface CampaignInserter {
  insert(draft: CampaignDraft): { id: string; publish: () => CampaignView };
}

export interface SchedulerDeps {
  db: Database.Database;
  clock: Clock;
  repo: SchedulesRepository;
  campaigns: CampaignInserter;
  onChanged: (id: string) => void;
  onError: (err: unknown, where: string) => void;
  /** Default 2 minutes. */
  missedAfterMs?: number;
  /** Tests: called inside the firing transaction after the campaign was written (throw to simulate a crash). */
  afterCampaignWritten?: (scheduleId: string, campaignId: string) => void;
}

/** Longest sleep between looks (a backstop for clock jumps and edits made elsewhere). */
const MAX_SLEEP_MS = 60_000;
/** Missed runs counted at most (an every-minute schedule after a year off). */
const MAX_MISSED_COUNTED = 100_000;
/** After an unexpected failure, look again this much later. */
const RETRY_AFTER_MS = 30_000;

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

  /** Creates the run's campaign; returns the publisher to call after the commit. */
  function fire(s: ScheduleRow, dueAt: number, nextAfter: number, detail: string, now: number): (() => void) | null {
    let publish: (() => void) | null = null;
    try {
      db.transaction(() => {
        if (repo.hasRun(s.id, dueAt)) {
          repo.save(advance(s, nextAfter, s.runCount, now));
          return;
        }
        const c = deps.campaigns.insert({ ...s.draft, name: runName(s, dueAt) });
        deps.afterCampaignWritten?.(s.id, c.id);
        repo.insertRun(s.id, dueAt, now, 'created', c.id, detail);
        repo.save({ ...advance(s, nextAfter, s.runCount + 1, now), lastError: null });
        publish = () => void c.publish();
      })();
      backoff.delete(s.id);
    } catch (err) {
      if (!isAppError(err)) {
        // Nothing was written (the transaction rolled back): try again a little later.
        backoff.set(s.id, now + RETRY_AFTER_MS);
        deps.onError(err, `schedule:${s.id}`);
        return null;
      }
      // The draft cannot become a campaign now (account gone, nobody left to send to): record why, go on.
      const shape = toErrorShape(err);
      db.transaction(() => {
        if (!repo.hasRun(s.id, dueAt)) repo.insertRun(s.id, dueAt, now, 'failed', null, shape.message);
        repo.save({ ...advance(s, nextAfter, s.runCount, now), lastError: shape });
      })();
    }
    return publish;
  }

  function handle(s: ScheduleRow, now: number): (() => void) | null {
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
    return null;
  }

  /** Fires everything due now; returns how many schedules were handled. */
  function tick(): number {
    const now = clock.now();
    let handled = 0;
    for (const s of repo.due(now)) {
      if ((backoff.get(s.id) ?? 0) > now) continue;
      try {
        const publish = handle(s, now);
        handled += 1;
        publish?.();
        deps.onChanged(s.id);
      } catch (err) {
        deps.onError(err, `schedule:${s.id}`);
      }
    }
    return handled;
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
      tick();
      arm();
    }, delay);
  }

  return {
    /** Handles what was missed while the app was not running, then keeps firing on time. */
    start() {
      started = true;
      tick();
      arm();
    },
    stop() {
      started = false;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
    tick,
    /** A schedule was created or edited: look again at when to wake. */
    rearm: arm,
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
