import type { Handlers } from '../../../shared/api.ts';
import type { scheduleMethods } from '../../../shared/contract/schedules.ts';
import type { ScheduleService } from './schedule-service.ts';
import type { Scheduler } from './scheduler.ts';

export type ScheduleHandlers = Pick<Handlers, keyof typeof scheduleMethods>;

/** Contract handlers for schedules: thin, the logic lives in schedule/. */
export function createScheduleHandlers(service: ScheduleService, scheduler: Pick<Scheduler, 'runNow'>): ScheduleHandlers {
  return {
    schedulesList: () => service.list(),
    scheduleGet: ({ id }) => service.get(id),
    scheduleRuns: ({ id }) => service.runs(id),
    scheduleCreate: (input) => service.create(input),
    scheduleUpdate: (input) => service.update(input),
    schedulePause: ({ id }) => service.pause(id),
    scheduleResume: ({ id }) => service.resume(id),
    scheduleRunNow: ({ id }) => scheduler.runNow(id),
    scheduleDelete: ({ id }) => service.remove(id),
    scheduleProviderDetail: ({ id }) => service.providerDetail(id),
  };
}
