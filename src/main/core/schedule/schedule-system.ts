import type { CoreContext } from '../context.ts';
import type { OfferFile } from './file-offer.ts';
import { createScheduleHandlers } from './schedule-handlers.ts';
import { createScheduleService } from './schedule-service.ts';
import { createScheduler, type CampaignPreparer } from './scheduler.ts';
import { SchedulesRepository } from './schedules-repository.ts';
import type { Composer } from '../campaigns/composer.ts';

export interface ScheduleOptions {
  /** Serves an EIMS numbers file (the receiver's offerFile); resolved at call time so the receiver can come later. */
  offerFile?: OfferFile;
  /** A due time older than this at firing counts as missed (default 2 minutes). */
  missedAfterMs?: number;
  /** Tests: runs inside the firing transaction after the campaign was written (throw to simulate a crash). */
  afterCampaignWritten?: (scheduleId: string, campaignId: string) => void;
}

/** Schedules wired for createCore: the repository, the scheduler that fires local ones, the service and handlers. */
export function createScheduleSystem(ctx: CoreContext, campaigns: CampaignPreparer, composer: Composer, options: ScheduleOptions, onError: (where: string, err: unknown) => void) {
  const repo = new SchedulesRepository(ctx.db);
  const scheduler = createScheduler({
    db: ctx.db,
    clock: ctx.clock,
    repo,
    campaigns,
    onChanged: (id) => ctx.emit('schedulesChanged', { reason: 'fired', id }),
    onError: (err, where) => onError(where, err),
    ...(options.missedAfterMs === undefined ? {} : { missedAfterMs: options.missedAfterMs }),
    ...(options.afterCampaignWritten ? { afterCampaignWritten: options.afterCampaignWritten } : {}),
  });
  const service = createScheduleService(ctx, repo, { offerFile: options.offerFile, rearm: () => scheduler.rearm(), composer });
  return { repo, scheduler, service, handlers: createScheduleHandlers(service, scheduler) };
}
