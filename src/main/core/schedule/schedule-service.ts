import type { ScheduleCreateInput, ScheduleRunView, ScheduleUpdateInput, ScheduleView, ScheduleChangedEvent } from '../../../shared/schedules.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CoreContext } from '../context.ts';
import { createEimsSchedules } from './eims-schedules.ts';
import type { OfferFile } from './file-offer.ts';
import { createJsmsSchedules } from './jsms-schedules.ts';
import { createLocalSchedules } from './local-schedules.ts';
import { createScheduleContext } from './schedule-context.ts';
import type { SchedulesRepository } from './schedules-repository.ts';
import type { Composer } from '../campaigns/composer.ts';

/** Every schedule operation the UI has, local and provider-side, behind one list. */
export function createScheduleService(ctx: CoreContext, repo: SchedulesRepository, opts: { offerFile?: OfferFile | undefined; rearm: () => void; composer: Composer }) {
  const sc = createScheduleContext(ctx, repo, opts.composer);
  const changed = (id: string, reason: ScheduleChangedEvent['reason']) => {
    ctx.emit('schedulesChanged', { reason, id });
    if (reason !== 'fired') opts.rearm();
  };
  const local = createLocalSchedules(ctx, sc, changed);
  const jsms = createJsmsSchedules(ctx, sc, changed);
  const eims = createEimsSchedules(ctx, sc, opts.offerFile, changed);

  return {
    list: (): ScheduleView[] => repo.list().map(sc.view),
    get: (id: string): ScheduleView => sc.view(sc.require(id)),
    runs: (id: string): ScheduleRunView[] => repo.runs(sc.require(id).id),

    async create(input: ScheduleCreateInput): Promise<ScheduleView> {
      switch (input.kind) {
        case 'local':
          return local.create(input);
        case 'jsms':
          return jsms.create(input);
        case 'eims':
          return input.eims.mode === 'timed' ? eims.createTimed(input.eims) : eims.createJob(input.eims);
      }
    },

    async update(input: ScheduleUpdateInput): Promise<ScheduleView> {
      const s = sc.require(input.id);
      if (s.kind === 'eims-timed' || s.kind === 'eims-job') {
        throw new AppError('SCHEDULE_NOT_EDITABLE', 'EIMS has no way to change a timed send or a job once created. Delete it here and create a new one.');
      }
      if (input.kind !== s.kind) throw new AppError('SCHEDULE_WRONG_KIND', 'This schedule is of another kind. Reload the list and edit it again.');
      return input.kind === 'local' ? local.update(input.id, input) : jsms.update(input.id, input);
    },

    pause: (id: string) => local.pause(id),
    resume: (id: string) => local.resume(id),

    async remove(id: string): Promise<{ providerStillHolds: boolean }> {
      const s = sc.require(id);
      if (s.kind === 'local') {
        repo.remove(id);
        changed(id, 'deleted');
        return { providerStillHolds: false };
      }
      if (s.kind === 'jsms') {
        await jsms.remove(id);
        return { providerStillHolds: false };
      }
      return eims.remove(id);
    },

    async providerDetail(id: string) {
      const s = sc.require(id);
      if (s.kind !== 'jsms') throw new AppError('SCHEDULE_NO_DETAIL', 'Only JSMS lets the app read a schedule back. This one is shown as the app recorded it.');
      return jsms.detail(id);
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
