import type { AccountConfig, ProviderKind } from '../../../shared/accounts.ts';
import type { CampaignDraft } from '../../../shared/campaigns.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ScheduleView } from '../../../shared/schedules.ts';
import { offsetLabel } from '../../../shared/zoned-time.ts';
import { secretGetter } from '../accounts/account-secrets.ts';
import { AccountsRepository } from '../accounts/accounts-repository.ts';
import type { NewMessage } from '../campaigns/campaigns-repository.ts';
import type { Composer } from '../campaigns/composer.ts';
import type { CoreContext } from '../context.ts';
import { CAPABILITIES } from '../providers/capabilities.ts';
import { PROVIDER_LABEL } from '../providers/errors.ts';
import { CHINA_UTC_OFFSET_MINUTES, formatCompact, formatDashed } from '../providers/provider-time.ts';
import { createProviderClient, type ProviderClient } from '../providers/registry.ts';
import { createCounter } from '../store/counters.ts';
import type { ScheduleRow, SchedulesRepository } from './schedules-repository.ts';

/** What local and provider-side schedules share: accounts, recipients, clients and the one view. */
export function createScheduleContext(ctx: CoreContext, repo: SchedulesRepository, composer: Composer) {
  const accounts = new AccountsRepository(ctx.db);
  const nextSeq = createCounter(ctx.db, 'eims-seq');

  function account(accountId: string): AccountConfig & { id: string } {
    const row = accounts.get(accountId);
    if (!row) throw new AppError('ACCOUNT_NOT_FOUND', 'The chosen account no longer exists. Pick another account.', { fields: { 'draft.accountId': 'Pick an account.' } });
    return { ...row.config, id: row.id };
  }

  function requireKind<K extends ProviderKind>(accountId: string, kind: K): AccountConfig & { id: string; kind: K } {
    const a = account(accountId);
    if (a.kind !== kind) {
      throw new AppError('SCHEDULE_WRONG_ACCOUNT', `This kind of schedule needs a ${PROVIDER_LABEL[kind]} account; ${a.name} is ${PROVIDER_LABEL[a.kind]}. Pick another account.`, {
        fields: { 'draft.accountId': `Pick a ${PROVIDER_LABEL[kind]} account.` },
      });
    }
    return a as AccountConfig & { id: string; kind: K };
  }

  function checkContent(kind: ProviderKind, draft: CampaignDraft) {
    const caps = CAPABILITIES[kind];
    if (draft.content.mode === 'text' && !caps.freeText) {
      throw new AppError('CAMPAIGN_NEEDS_TEMPLATE', `${PROVIDER_LABEL[kind]} sends approved templates only. Pick a template and map its parameters.`, { fields: { 'draft.content.mode': 'Use a template.' } });
    }
    if (draft.content.mode === 'template' && !caps.templates) {
      throw new AppError('CAMPAIGN_NO_TEMPLATES', `${PROVIDER_LABEL[kind]} has no templates. Write the message text instead.`, { fields: { 'draft.content.mode': 'Write the text.' } });
    }
  }

  /** The draft's recipients now, rendered (provider-side schedules hand them over once); big sets off main's event loop. */
  async function compose(draft: CampaignDraft, kind: ProviderKind): Promise<{ messages: NewMessage[] }> {
    const composed = await composer.composeAll({ content: draft.content, recipients: draft.recipients, kind, region: ctx.settings.get().defaultRegion, includeNonMobile: draft.includeNonMobile === true });
    if (composed.messages.length === 0) {
      throw new AppError('CAMPAIGN_NO_RECIPIENTS', 'Nobody is left to send to after removing invalid and opted-out numbers. Pick other lists or paste numbers.', {
        fields: { 'draft.recipients.listIds': 'No recipients.' },
      });
    }
    return composed;
  }

  function client(accountId: string): ProviderClient {
    const a = account(accountId);
    return createProviderClient(a, secretGetter(ctx.secrets, a), { fetch: ctx.fetch, clock: ctx.clock, nextSeq: () => nextSeq(accountId) });
  }

  function require(id: string): ScheduleRow {
    const s = repo.get(id);
    if (!s || s.state === 'deleted') throw new AppError('SCHEDULE_NOT_FOUND', 'This schedule no longer exists. Reload the list.');
    return s;
  }

  function view(s: ScheduleRow): ScheduleView {
    const now = ctx.clock.now();
    // A provider-side one-off whose time has passed is the provider's business now: done.
    const passed = s.kind !== 'local' && s.kind !== 'eims-job' && s.state === 'active' && s.nextDueAt !== null && s.nextDueAt <= now;
    const nextRunAt = passed || s.state === 'done' ? null : s.nextDueAt;
    const wire = s.kind === 'jsms' ? formatDashed : s.kind === 'local' ? null : formatCompact;
    return {
      id: s.id,
      kind: s.kind,
      name: s.name,
      accountId: s.accountId,
      accountName: accounts.get(s.accountId)?.config.name ?? '(deleted account)',
      provider: s.provider,
      state: passed ? 'done' : s.state,
      draft: s.draft,
      when: s.when,
      missedPolicy: s.missedPolicy,
      nextRunAt,
      providerTime: wire && nextRunAt !== null ? { wall: wire(nextRunAt, CHINA_UTC_OFFSET_MINUTES), zoneLabel: offsetLabel(CHINA_UTC_OFFSET_MINUTES) } : null,
      runCount: s.runCount,
      lastRun: repo.lastRun(s.id),
      lastError: s.lastError,
      parts: s.data.parts ?? [],
      recipients: s.data.recipients ?? null,
      job: s.data.job ?? null,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    };
  }

  return { account, requireKind, checkContent, compose, client, require, view, repo };
}

export type ScheduleContext = ReturnType<typeof createScheduleContext>;
