import { z } from 'zod';
import { event, method } from './define.ts';
import {
  scheduleCreateSchema,
  scheduleIdSchema,
  scheduleUpdateSchema,
  type ProviderScheduleDetail,
  type ScheduleChangedEvent,
  type ScheduleRunView,
  type ScheduleView,
} from '../schedules.ts';

export const scheduleMethods = {
  /** Local and provider-side schedules in one list, newest first. */
  schedulesList: method<ScheduleView[]>()(z.void()),
  scheduleGet: method<ScheduleView>()(scheduleIdSchema),
  /** The runs of a local schedule (created, skipped, failed), newest first. */
  scheduleRuns: method<ScheduleRunView[]>()(scheduleIdSchema),
  /** Local (draft + when + missed-run policy), JSMS scheduled SMS, or EIMS timed send / job. */
  scheduleCreate: method<ScheduleView>()(scheduleCreateSchema),
  /** Local: draft, when, policy. JSMS: time, recipients, parameters (changed at JSMS). */
  scheduleUpdate: method<ScheduleView>()(scheduleUpdateSchema),
  schedulePause: method<ScheduleView>()(scheduleIdSchema),
  /** Local: one run now, by hand (recorded in the runs; the next run and the run count stay). */
  scheduleRunNow: method<ScheduleRunView>()(scheduleIdSchema),
  /** Runs that fell due while paused do not fire. */
  scheduleResume: method<ScheduleView>()(scheduleIdSchema),
  /** JSMS: deleted at JSMS too. EIMS cannot cancel: `providerStillHolds` says the platform will still send. */
  scheduleDelete: method<{ providerStillHolds: boolean }>()(scheduleIdSchema),
  /** JSMS: what JSMS holds now, with its msg_ids. */
  scheduleProviderDetail: method<ProviderScheduleDetail>()(scheduleIdSchema),
};

export const scheduleEvents = {
  schedulesChanged: event<ScheduleChangedEvent>(),
};
