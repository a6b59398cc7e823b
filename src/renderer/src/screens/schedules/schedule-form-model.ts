/**
 * The schedule form's state and how it becomes a `scheduleCreate` / `scheduleUpdate` input. The
 * message part is the compose model (same fields, same draft); "when" is the shared schedule model.
 * Pure functions, no React.
 */
import type { ProviderKind } from '../../../../shared/accounts.ts';
import type { MethodInput } from '../../../../shared/api.ts';
import type { EimsJobKind, MissedPolicy, RepeatKind, ScheduleView } from '../../../../shared/schedules.ts';
import { formatLocalDate, formatLocalDateTime, systemTimeZone } from '../../../../shared/zoned-time.ts';
import { emptyForm, toDraftInput, type ComposeForm, type ParamRow } from '../compose/compose-model.ts';

/** Who holds the schedule: the app (any provider), JSMS, or the EIMS platform (timed send or job). */
export type ScheduleMode = 'local' | 'jsms' | 'eims-timed' | 'eims-job';

export interface ScheduleForm {
  /** Set when editing. */
  id: string | null;
  mode: ScheduleMode;
  message: ComposeForm;
  zone: string;
  repeat: RepeatKind;
  /** once (and JSMS / EIMS timed): "yyyy-MM-ddTHH:mm" in `zone`. */
  at: string;
  every: number;
  unit: 'minutes' | 'hours';
  time: string;
  days: number[];
  day: number;
  startDate: string;
  endDate: string;
  maxRuns: string;
  missedPolicy: MissedPolicy;
  job: {
    jobName: string;
    jobType: EimsJobKind;
    hour: number;
    min: number;
    interval: number;
    week: number;
    day: number;
    mon: number;
    period: string;
    planStart: string;
    planEnd: string;
    retry: string;
    flash: boolean;
  };
}

/** The modes an account kind offers (every kind can be scheduled by the app). */
export function modesFor(kind: ProviderKind | undefined): ScheduleMode[] {
  if (kind === 'jsms') return ['local', 'jsms'];
  if (kind === 'eims') return ['local', 'eims-timed', 'eims-job'];
  return ['local'];
}

export function emptyScheduleForm(now: number, zone = systemTimeZone()): ScheduleForm {
  const inAnHour = formatLocalDateTime(Math.ceil((now + 3_600_000) / 900_000) * 900_000, zone);
  return {
    id: null,
    mode: 'local',
    message: emptyForm(),
    zone,
    repeat: 'once',
    at: inAnHour,
    every: 60,
    unit: 'minutes',
    time: '09:00',
    days: [1],
    day: 1,
    startDate: formatLocalDate(now, zone),
    endDate: '',
    maxRuns: '',
    missedPolicy: 'run-once',
    job: { jobName: '', jobType: 'daily', hour: 9, min: 0, interval: 60, week: 1, day: 1, mon: 1, period: '', planStart: inAnHour, planEnd: '', retry: '', flash: false },
  };
}

const optionalInt = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()));

export type ScheduleCreateInput = MethodInput<'scheduleCreate'>;

export function toCreateInput(form: ScheduleForm, kind: ProviderKind | undefined): ScheduleCreateInput {
  const draft = toDraftInput(form.message, kind);
  switch (form.mode) {
    case 'jsms':
      return { kind: 'jsms', draft, at: form.at, zone: form.zone };
    case 'eims-timed':
      return { kind: 'eims', eims: { mode: 'timed', draft, at: form.at, zone: form.zone } };
    case 'eims-job': {
      const j = form.job;
      const periodic = j.jobType !== 'now' && j.jobType !== 'timed';
      const job = {
        jobName: j.jobName.trim() === '' ? form.message.name.slice(0, 64) : j.jobName,
        jobType: j.jobType,
        ...(periodic ? { hour: j.hour, min: j.min } : {}),
        ...(j.jobType === 'interval' ? { interval: j.interval } : {}),
        ...(j.jobType === 'weekly' ? { week: j.week } : {}),
        ...(j.jobType === 'monthly' ? { day: j.day, mon: j.mon } : {}),
        ...(periodic && optionalInt(j.period) !== undefined ? { period: optionalInt(j.period) } : {}),
        ...(j.jobType !== 'now' && j.planStart !== '' ? { planStart: j.planStart } : {}),
        ...(periodic && j.planEnd !== '' ? { planEnd: j.planEnd } : {}),
        ...(optionalInt(j.retry) !== undefined ? { retry: optionalInt(j.retry) } : {}),
        ...(j.flash ? { flash: true } : {}),
      };
      return { kind: 'eims', eims: { mode: 'job', draft, zone: form.zone, job } };
    }
    case 'local': {
      const repeat =
        form.repeat === 'once'
          ? { kind: 'once' as const, at: form.at }
          : form.repeat === 'every'
            ? { kind: 'every' as const, every: form.every, unit: form.unit, from: form.at }
            : form.repeat === 'daily'
              ? { kind: 'daily' as const, time: form.time }
              : form.repeat === 'weekly'
                ? { kind: 'weekly' as const, time: form.time, days: form.days }
                : { kind: 'monthly' as const, time: form.time, day: form.day };
      const recurring = form.repeat !== 'once';
      const calendar = recurring && form.repeat !== 'every';
      return {
        kind: 'local',
        draft,
        when: {
          zone: form.zone,
          repeat,
          startDate: calendar && form.startDate !== '' ? form.startDate : null,
          endDate: recurring && form.endDate !== '' ? form.endDate : null,
          maxRuns: recurring ? (optionalInt(form.maxRuns) ?? null) : null,
        },
        missedPolicy: form.missedPolicy,
      };
    }
  }
}

export type ScheduleUpdateInput = MethodInput<'scheduleUpdate'>;

/** Local and JSMS schedules can be edited; EIMS cannot change what it holds. */
export function toUpdateInput(form: ScheduleForm, kind: ProviderKind | undefined): ScheduleUpdateInput | null {
  if (form.id === null) return null;
  const created = toCreateInput(form, kind);
  if (created.kind === 'local') return { ...created, id: form.id };
  if (created.kind === 'jsms') return { ...created, id: form.id };
  return null;
}

export function canEdit(s: ScheduleView): boolean {
  return s.kind === 'local' || (s.kind === 'jsms' && s.state === 'active');
}

/** The form for editing an existing schedule. */
export function formFromView(s: ScheduleView, now: number): ScheduleForm {
  const base = emptyScheduleForm(now, s.when?.zone);
  const d = s.draft;
  let key = 1;
  const params: ParamRow[] =
    d.content.mode === 'template' ? Object.entries(d.content.params).map(([name, value]) => ({ key: key++, name, value })) : [{ key: 1, name: '', value: '' }];
  const message: ComposeForm = {
    ...base.message,
    name: d.name,
    accountId: d.accountId,
    body: d.content.mode === 'text' ? d.content.body : '',
    sender: d.content.mode === 'text' ? (d.content.sender ?? '') : '',
    tempId: d.content.mode === 'template' ? String(d.content.tempId) : '',
    signId: d.content.mode === 'template' && d.content.signId !== undefined ? String(d.content.signId) : '',
    params: params.length > 0 ? params : [{ key: 1, name: '', value: '' }],
    listIds: d.recipients.listIds,
    pasted: d.recipients.pasted,
    quietEnabled: d.quietHours !== null,
    quietStart: d.quietHours?.start ?? base.message.quietStart,
    quietEnd: d.quietHours?.end ?? base.message.quietEnd,
    ports: d.ports ?? [],
  };
  const form: ScheduleForm = { ...base, id: s.id, mode: s.kind, message, missedPolicy: s.missedPolicy };
  const w = s.when;
  if (!w) return form;
  form.zone = w.zone;
  form.startDate = w.startDate ?? '';
  form.endDate = w.endDate ?? '';
  form.maxRuns = w.maxRuns === null ? '' : String(w.maxRuns);
  const r = w.repeat;
  form.repeat = r.kind;
  if (r.kind === 'once') form.at = r.at;
  if (r.kind === 'every') Object.assign(form, { every: r.every, unit: r.unit, at: r.from });
  if (r.kind === 'daily') form.time = r.time;
  if (r.kind === 'weekly') Object.assign(form, { time: r.time, days: r.days });
  if (r.kind === 'monthly') Object.assign(form, { time: r.time, day: r.day });
  return form;
}
