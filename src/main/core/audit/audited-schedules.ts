import type { Handlers } from '../../../shared/api.ts';
import type { scheduleMethods } from '../../../shared/contract/schedules.ts';
import type { AuditLog } from './audit-log.ts';

type ScheduleHandlers = Pick<Handlers, keyof typeof scheduleMethods>;

/** The schedule handlers with every change (create, update, pause, resume, delete) written to the audit log after it succeeded. */
export function auditedSchedules(handlers: ScheduleHandlers, audit: AuditLog): ScheduleHandlers {
  const nameOf = async (id: string) => {
    try {
      return (await handlers.scheduleGet({ id })).name;
    } catch {
      return id;
    }
  };
  return {
    ...handlers,
    scheduleCreate: async (input) => {
      const v = await handlers.scheduleCreate(input);
      audit.record({ action: 'schedule.create', targetId: v.id, summary: `${v.name} (${v.kind}) via ${v.accountName}` });
      return v;
    },
    scheduleUpdate: async (input) => {
      const v = await handlers.scheduleUpdate(input);
      audit.record({ action: 'schedule.update', targetId: v.id, summary: `${v.name}: now ${v.state}` });
      return v;
    },
    schedulePause: async (input) => {
      const v = await handlers.schedulePause(input);
      audit.record({ action: 'schedule.pause', targetId: v.id, summary: v.name });
      return v;
    },
    scheduleResume: async (input) => {
      const v = await handlers.scheduleResume(input);
      audit.record({ action: 'schedule.resume', targetId: v.id, summary: v.name });
      return v;
    },
    scheduleRunNow: async (input) => {
      const run = await handlers.scheduleRunNow(input);
      audit.record({ action: 'schedule.runNow', targetId: input.id, summary: await nameOf(input.id) });
      return run;
    },
    scheduleDelete: async (input) => {
      const name = await nameOf(input.id);
      const r = await handlers.scheduleDelete(input);
      audit.record({ action: 'schedule.delete', targetId: input.id, summary: r.providerStillHolds ? `${name} (the provider still holds it)` : name });
      return r;
    },
  };
}
