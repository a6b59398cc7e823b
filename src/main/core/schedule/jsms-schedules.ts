import { randomUUID } from 'node:crypto';
import type { CampaignDraft } from '../../../shared/campaigns.ts';
import { AppError, isAppError } from '../../../shared/errors.ts';
import type { ProviderPart, ProviderScheduleDetail, ScheduleView } from '../../../shared/schedules.ts';
import { instantOf, parseLocalDateTime } from '../../../shared/zoned-time.ts';
import type { CoreContext } from '../context.ts';
import type { NewMessage } from '../campaigns/campaigns-repository.ts';
import { JSMS_LIMITS } from '../providers/capabilities.ts';
import type { JsmsClient, JsmsRecipient } from '../providers/jsms/client.ts';
import { formatDashed, CHINA_UTC_OFFSET_MINUTES } from '../providers/provider-time.ts';
import type { ScheduleContext } from './schedule-context.ts';
import type { ScheduleRow } from './schedules-repository.ts';

/**
 * JSMS scheduled SMS (POST/PUT/GET/DELETE /v1/schedule[/batch]). One app schedule = one send time and
 * a template; over 1000 recipients it spans several JSMS batch schedules, shown as one. One recipient
 * uses the single API. The app's record is written first and updated after every provider call, so
 * whatever JSMS accepted is never forgotten.
 */

export interface JsmsScheduleInput {
  draft: CampaignDraft;
  at: string;
  zone: string;
}

interface Chunk {
  batch: boolean;
  recipients: JsmsRecipient[];
}

/** The three schedule codes, said for what the user was doing. */
function explain(err: unknown, doing: 'create' | 'change' | 'delete' | 'view'): unknown {
  if (!isAppError(err)) return err;
  const extra = { kind: err.kind, ...(err.providerCode !== undefined ? { providerCode: err.providerCode } : {}) };
  switch (err.code) {
    case 'JSMS_50027':
      return new AppError(err.code, 'JSMS refused the send time: it is empty or already past in China time (UTC+8). Pick a time a few minutes in the future.', {
        ...extra,
        fields: { at: 'Pick a later time.' },
      });
    case 'JSMS_50028':
      return new AppError(err.code, 'JSMS does not know this schedule (its id is invalid, or it was deleted in the JSMS console). Remove it from the list, or create it again.', extra);
    case 'JSMS_50029':
      return new AppError(
        err.code,
        doing === 'delete'
          ? 'JSMS already sent this scheduled SMS, so it can no longer be deleted.'
          : 'JSMS already sent (or deleted) this scheduled SMS, so it can no longer be changed. Create a new schedule instead.',
        extra,
      );
    default:
      return err;
  }
}

export function createJsmsSchedules(ctx: CoreContext, sc: ScheduleContext, onChange: (id: string, reason: 'created' | 'updated' | 'deleted') => void) {
  const { repo } = sc;
  const jsms = (accountId: string) => sc.client(accountId) as JsmsClient;

  async function prepare(input: JsmsScheduleInput) {
    const a = sc.requireKind(input.draft.accountId, 'jsms');
    sc.checkContent('jsms', input.draft);
    if (input.draft.content.mode !== 'template') throw new AppError('CAMPAIGN_NEEDS_TEMPLATE', 'JSMS sends approved templates only. Pick a template.');
    const sendAt = instantOf(parseLocalDateTime(input.at), input.zone);
    if (sendAt <= ctx.clock.now()) {
      throw new AppError('SCHEDULE_TIME_PAST', 'This time has already passed. Pick a time in the future.', { fields: { at: 'Pick a time in the future.' } });
    }
    const composed = await sc.compose(input.draft, 'jsms');
    return { account: a, sendAt, chunks: chunk(composed.messages), recipients: composed.messages.length, content: input.draft.content };
  }

  function chunk(messages: readonly NewMessage[]): Chunk[] {
    const recipients: JsmsRecipient[] = messages.map((m) => (m.params && Object.keys(m.params).length > 0 ? { mobile: m.address, tempPara: m.params } : { mobile: m.address }));
    if (recipients.length === 1) return [{ batch: false, recipients }];
    const out: Chunk[] = [];
    for (let i = 0; i < recipients.length; i += JSMS_LIMITS.recipientsPerBatch) out.push({ batch: true, recipients: recipients.slice(i, i + JSMS_LIMITS.recipientsPerBatch) });
    return out;
  }

  async function createPart(client: JsmsClient, c: Chunk, sendAt: number, tempId: number, signId: number | undefined): Promise<ProviderPart> {
    const sign = signId === undefined ? {} : { signId };
    if (!c.batch) {
      const r = c.recipients[0]!;
      const { scheduleId } = await client.scheduleCreate({ sendAt, mobile: r.mobile, tempId, ...(r.tempPara ? { tempPara: r.tempPara } : {}), ...sign });
      return { providerId: scheduleId, recipients: 1, rejected: 0, state: 'pending', batch: false };
    }
    const r = await client.scheduleBatchCreate({ sendAt, tempId, recipients: c.recipients, ...sign });
    return { providerId: r.scheduleId, recipients: c.recipients.length - r.rejected.length, rejected: r.rejected.length, state: 'pending', batch: true };
  }

  async function updatePart(client: JsmsClient, id: string, c: Chunk, sendAt: number, tempId: number, signId: number | undefined): Promise<ProviderPart> {
    const sign = signId === undefined ? {} : { signId };
    if (!c.batch) {
      const r = c.recipients[0]!;
      await client.scheduleUpdate(id, { sendAt, mobile: r.mobile, tempId, ...(r.tempPara ? { tempPara: r.tempPara } : {}), ...sign });
      return { providerId: id, recipients: 1, rejected: 0, state: 'pending', batch: false };
    }
    const r = await client.scheduleBatchUpdate(id, { sendAt, tempId, recipients: c.recipients, ...sign });
    return { providerId: id, recipients: c.recipients.length - r.rejected.length, rejected: r.rejected.length, state: 'pending', batch: true };
  }

  const isBatch = (p: ProviderPart) => p.batch !== false;

  async function stillKnown(client: JsmsClient, scheduleId: string): Promise<boolean> {
    try {
      await client.scheduleGet(scheduleId);
      return true;
    } catch (err) {
      if (isAppError(err) && err.code === 'JSMS_50028') return false;
      return true;
    }
  }

  function save(s: ScheduleRow, parts: ProviderPart[], lastError: ScheduleRow['lastError']): ScheduleRow {
    const row = { ...s, data: { ...s.data, parts }, lastError, updatedAt: ctx.clock.now() };
    repo.save(row);
    return row;
  }

  return {
    async create(input: JsmsScheduleInput): Promise<ScheduleView> {
      const p = await prepare(input);
      if (p.content.mode !== 'template') throw new AppError('CAMPAIGN_NEEDS_TEMPLATE', 'JSMS sends approved templates only. Pick a template.');
      const now = ctx.clock.now();
      let row: ScheduleRow = {
        id: randomUUID(),
        kind: 'jsms',
        name: input.draft.name,
        accountId: p.account.id,
        provider: 'jsms',
        state: 'active',
        draft: input.draft,
        when: { zone: input.zone, repeat: { kind: 'once', at: input.at }, startDate: null, endDate: null, maxRuns: null },
        zone: input.zone,
        missedPolicy: 'skip',
        nextDueAt: p.sendAt,
        runCount: 0,
        lastError: null,
        data: { parts: [], recipients: p.recipients },
        createdAt: now,
        updatedAt: now,
      };
      repo.insert(row);
      const client = jsms(p.account.id);
      const parts: ProviderPart[] = [];
      try {
        for (const c of p.chunks) {
          parts.push(await createPart(client, c, p.sendAt, p.content.tempId, p.content.signId));
          row = save(row, parts, null);
        }
      } catch (err) {
        const e = explain(err, 'create');
        if (parts.length === 0) repo.remove(row.id);
        else save({ ...row, state: 'failed' }, parts, isAppError(e) ? e.toShape() : null);
        onChange(row.id, parts.length === 0 ? 'deleted' : 'created');
        throw e;
      }
      onChange(row.id, 'created');
      return sc.view(row);
    },

    /** New time, recipients or parameters: each JSMS schedule is changed in place; surplus ones are deleted, missing ones created. */
    async update(id: string, input: JsmsScheduleInput): Promise<ScheduleView> {
      let s = sc.require(id);
      if (s.kind !== 'jsms') throw new AppError('SCHEDULE_WRONG_KIND', 'This is not a JSMS schedule.');
      if (input.draft.accountId !== s.accountId) throw new AppError('SCHEDULE_ACCOUNT_FIXED', 'A JSMS schedule stays with its account. Delete it and create a new one for another account.');
      const p = await prepare(input);
      if (p.content.mode !== 'template') throw new AppError('CAMPAIGN_NEEDS_TEMPLATE', 'JSMS sends approved templates only. Pick a template.');
      const client = jsms(s.accountId);
      const old = (s.data.parts ?? []).filter((x) => x.state === 'pending');
      const parts: ProviderPart[] = (s.data.parts ?? []).filter((x) => x.state !== 'pending');
      // The record takes the new name, time and recipients only once JSMS has taken a change: a
      // refused edit (50029 after it fired, or any error on the first call) leaves the record as JSMS
      // still holds it. (Several batch schedules changed one by one cannot be all-or-nothing: once one
      // changed, the record shows the new values and says which part was refused.)
      const before = s;
      const after: ScheduleRow = { ...s, name: input.draft.name, draft: input.draft, when: { zone: input.zone, repeat: { kind: 'once', at: input.at }, startDate: null, endDate: null, maxRuns: null }, zone: input.zone, nextDueAt: p.sendAt, data: { ...s.data, recipients: p.recipients } };
      let changed = false;
      let i = 0;
      try {
        for (; i < Math.max(old.length, p.chunks.length); i++) {
          const prev = old[i];
          const next = p.chunks[i];
          if (prev && next && isBatch(prev) === next.batch) {
            parts.push(await updatePart(client, prev.providerId, next, p.sendAt, p.content.tempId, p.content.signId));
          } else {
            if (prev) {
              await client.scheduleDelete(prev.providerId);
              changed = true;
              parts.push({ ...prev, state: 'deleted' });
            }
            if (next) parts.push(await createPart(client, next, p.sendAt, p.content.tempId, p.content.signId));
          }
          changed = true;
          s = save(after, [...parts, ...old.slice(i + 1)], null);
        }
      } catch (err) {
        const e = explain(err, 'change');
        const rest = old.slice(i);
        // 50029: JSMS already sent (or deleted) that part; the record says so, as a refused delete does.
        if (isAppError(e) && e.code === 'JSMS_50029' && rest[0]) rest[0] = { ...rest[0], state: 'sent' };
        save(changed ? after : before, [...parts, ...rest], isAppError(e) ? e.toShape() : null);
        onChange(id, 'updated');
        throw e;
      }
      s = save({ ...after, state: 'active' }, parts.filter((x) => x.state !== 'deleted'), null);
      onChange(id, 'updated');
      return sc.view(s);
    },

    /** What JSMS holds now: send time and every recipient with its msg_id. */
    async detail(id: string): Promise<ProviderScheduleDetail> {
      const s = sc.require(id);
      const client = jsms(s.accountId);
      const out: ProviderScheduleDetail = { id, parts: [] };
      for (const part of (s.data.parts ?? []).filter((x) => x.state === 'pending')) {
        try {
          const q = await client.scheduleGet(part.providerId);
          out.parts.push({
            providerId: q.scheduleId,
            sendTime: q.sendTime,
            sendAt: q.sendAt,
            tempId: q.tempId,
            recipients: q.recipients.map((r) => ({
              msgId: r.msgId ?? null,
              mobile: r.mobile,
              params: Object.fromEntries(Object.entries(r.tempPara ?? {}).map(([k, v]) => [k, String(v)])),
            })),
          });
        } catch (err) {
          throw explain(err, 'view');
        }
      }
      return out;
    },

    /** Deletes every JSMS schedule behind it; one JSMS already sent stays recorded and is reported. */
    async remove(id: string): Promise<void> {
      const s = sc.require(id);
      const client = jsms(s.accountId);
      const parts = [...(s.data.parts ?? [])];
      let alreadySent = 0;
      for (const [i, part] of parts.entries()) {
        if (part.state !== 'pending') continue;
        try {
          await client.scheduleDelete(part.providerId);
          parts[i] = { ...part, state: 'deleted' };
        } catch (err) {
          if (isAppError(err) && err.code === 'JSMS_50028') parts[i] = { ...part, state: 'deleted' };
          else if (isAppError(err) && err.code === 'JSMS_50029') {
            // "Already sent or deleted": JSMS still answers a query for a sent one, not for a deleted one.
            if (await stillKnown(client, part.providerId)) {
              parts[i] = { ...part, state: 'sent' };
              alreadySent += 1;
            } else parts[i] = { ...part, state: 'deleted' };
          } else {
            save(s, parts, isAppError(err) ? (explain(err, 'delete') as AppError).toShape() : null);
            onChange(id, 'updated');
            throw explain(err, 'delete');
          }
        }
      }
      if (alreadySent === 0) {
        repo.remove(id);
        onChange(id, 'deleted');
        return;
      }
      const error = new AppError(
        'SCHEDULE_ALREADY_SENT',
        alreadySent === parts.length
          ? 'JSMS already sent this scheduled SMS, so it can no longer be deleted.'
          : `JSMS already sent ${alreadySent} of the ${parts.length} parts of this schedule; the others were deleted.`,
        { providerCode: 50029 },
      );
      save({ ...s, state: 'done' }, parts, error.toShape());
      onChange(id, 'updated');
      throw error;
    },

    /** The provider's wall time for a send instant (what JSMS is told). */
    wire: (at: number) => formatDashed(at, CHINA_UTC_OFFSET_MINUTES),
  };
}

export type JsmsSchedules = ReturnType<typeof createJsmsSchedules>;
