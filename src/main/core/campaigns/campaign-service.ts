import { randomUUID } from 'node:crypto';
import type {
  CampaignDraft,
  CampaignKind,
  CampaignPreview,
  CampaignView,
  MessageEventView,
  MessageState,
} from '../../../shared/campaigns.ts';
import { AppError } from '../../../shared/errors.ts';
import { AccountsRepository } from '../accounts/accounts-repository.ts';
import type { CoreContext } from '../context.ts';
import type { Dispatcher } from '../dispatch/dispatcher.ts';
import { PROVIDER_LABEL } from '../providers/errors.ts';
import { CAPABILITIES } from '../providers/capabilities.ts';
import type { CampaignRow, NewCampaign } from './campaigns-repository.ts';
import type { ComposeRequest } from './compose-set.ts';
import type { ComposedSet, Composer } from './composer.ts';
import { createCampaignWriter, type PrepareInput } from './campaign-writer.ts';
import { createMoveStep } from './move-step.ts';
import { estimateSend } from './send-estimate.ts';
import { jsmsTemplateCacheFor, type JsmsTemplateFacts } from './jsms-template-cache.ts';
import { inSteps } from '../store/slices.ts';
import { jsmsTemplateParams } from '../../../shared/jsms-template.ts';
import { PROBABLY_NOT_RECEIVED } from '../dispatch/probably-lost.ts';

/** Queued messages cancelled per step. */
const CANCEL_STEP = 1_000;

/** A campaign composed but not yet written: `begin` writes its row, `fill` its messages. */
export interface PreparedCampaign {
  row: NewCampaign;
  input: PrepareInput;
  set: Pick<ComposedSet, 'chunks' | 'release'> & { summary?: ComposedSet['summary'] };
}

/** Campaigns as the UI uses them: preview, create, control, inspect, retry and export. */
export function createCampaignService(ctx: CoreContext, dispatcher: Dispatcher, composer: Composer) {
  const accounts = new AccountsRepository(ctx.db);
  const repo = dispatcher.campaigns;
  const ledger = dispatcher.ledger;
  const moveStep = createMoveStep(ctx.db, repo, ctx.clock);
  const templates = jsmsTemplateCacheFor(ctx);
  const writer = createCampaignWriter({
    repo,
    ledger,
    clock: ctx.clock,
    // "created" once the campaign is complete and sending (the audit of scheduled sends counts its messages then).
    publish: (id, accountId) => {
      ctx.emit('campaignsChanged', { reason: 'created', id });
      dispatcher.kick(accountId);
    },
    changed: (id) => ctx.emit('campaignsChanged', { reason: 'state', id }),
    recompose: async (draft) => composer.compose((await checkDraft(draft)).request),
    moveStep: moveStep.step,
    region: () => ctx.settings.get().defaultRegion,
    moved: (from) => {
      // Nothing left to send in the source: running with nothing queued is handed over at once (the
      // dispatcher), and it waits there for the reports of what it did send.
      const source = repo.get(from);
      if (source?.state !== 'paused' || repo.counts(from).queued > 0) return;
      const now = ctx.clock.now();
      repo.setError(from, null, now);
      repo.setState(from, 'running', now);
      ctx.emit('campaignsChanged', { reason: 'state', id: from });
      dispatcher.kick(source.accountId);
    },
  });

  const requireCampaign = (id: string): CampaignRow => {
    const c = repo.get(id);
    if (!c) throw new AppError('CAMPAIGN_NOT_FOUND', 'This campaign no longer exists. Reload the list.');
    return c;
  };

  /** `detail`: also which campaigns took over its unsent rest (the detail screen links them). */
  const view = (c: CampaignRow, detail = false): CampaignView => {
    const counts = repo.counts(c.id);
    return {
      id: c.id,
      kind: c.kind,
      name: c.name,
      accountId: c.accountId,
      accountName: accounts.get(c.accountId)?.config.name ?? '(deleted account)',
      provider: c.provider,
      state: c.state,
      content: c.content,
      quietHours: c.quietHours,
      total: c.total,
      counts,
      probablyLost: repo.probablyLost(c.id, counts),
      totalSegments: c.totalSegments,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      finishedAt: c.finishedAt,
      handedAt: c.handedAt,
      reportsUntil: c.state === 'handed' && c.handedAt !== null ? c.handedAt + ctx.settings.get().reportWindowHours[c.provider] * 3_600_000 : null,
      waitingUntil: c.state === 'running' ? dispatcher.waitingUntil(c.id) : null,
      lastError: c.lastError,
      retryOf: c.retryOf,
      movedFrom: c.options.movedFrom ?? null,
      ...(detail ? { movedTo: repo.movedTo(c.id) } : {}),
    };
  };

  function checkContentFits(kind: CampaignRow['provider'], draft: Pick<CampaignDraft, 'content' | 'ports'>) {
    const caps = CAPABILITIES[kind];
    if (draft.content.mode === 'text' && !caps.freeText) {
      throw new AppError('CAMPAIGN_NEEDS_TEMPLATE', `${PROVIDER_LABEL[kind]} sends approved templates only. Pick a template and map its parameters.`, {
        fields: { 'content.mode': 'Use a template.' },
      });
    }
    if (draft.content.mode === 'template' && !caps.templates) {
      throw new AppError('CAMPAIGN_NO_TEMPLATES', `${PROVIDER_LABEL[kind]} has no templates. Write the message text instead.`, { fields: { 'content.mode': 'Write the text.' } });
    }
    if (draft.ports && kind !== 'gsmbox') throw new AppError('CAMPAIGN_NO_PORTS', 'Only a GSM box has ports to choose.', { fields: { ports: 'Leave empty.' } });
  }

  /**
   * The draft's account and content checked; what to compose (with the JSMS template's text when known:
   * one not approved yet is read again, so the summary says how its review stands now).
   */
  async function checkDraft(draft: CampaignDraft) {
    const account = accounts.get(draft.accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'The chosen account no longer exists. Pick another account.', { fields: { accountId: 'Pick an account.' } });
    const kind = account.config.kind;
    checkContentFits(kind, draft);
    const request: ComposeRequest = { content: draft.content, recipients: draft.recipients, kind, region: ctx.settings.get().defaultRegion, includeNonMobile: draft.includeNonMobile === true };
    const template = draft.content.mode === 'template' && kind === 'jsms' ? await templates.get({ accountId: account.id, tempId: draft.content.tempId }, undefined, 0) : null;
    if (template) request.templateText = template.template;
    return { account, kind, request, template };
  }

  /**
   * Composes the draft (in the compose worker when it is big) and checks someone is left; writes
   * nothing. `begin` then writes the campaign row (usable inside a caller's transaction: the scheduler
   * records its run with it) and `fill` its messages in steps, after which it sends.
   */
  async function prepare(draft: CampaignDraft, retryOf: string | null = null, campaignKind: CampaignKind = 'campaign'): Promise<PreparedCampaign> {
    const { account, kind, request } = await checkDraft(draft);
    const set = await composer.compose(request);
    if (set.summary.recipients === 0) {
      set.release();
      throw new AppError('CAMPAIGN_NO_RECIPIENTS', 'Nobody is left to send to after removing invalid and opted-out numbers. Pick other lists or paste numbers.', {
        fields: { listIds: 'No recipients.' },
      });
    }
    const row: NewCampaign = {
      id: randomUUID(),
      kind: campaignKind,
      name: draft.name,
      accountId: account.id,
      provider: kind,
      content: draft.content,
      quietHours: draft.quietHours,
      options: draft.ports ? { ports: draft.ports } : {},
      retryOf,
      createdAt: ctx.clock.now(),
    };
    return { row, input: { draft }, set };
  }

  /** Writes the campaign's row (and the draft it came from, for "duplicate"). */
  function begin(p: PreparedCampaign): void {
    ctx.db.transaction(() => {
      repo.createPreparing(p.row, p.input);
      if ('draft' in p.input) repo.saveSource(p.row.id, p.input.draft);
    })();
  }

  /**
   * Writes the prepared campaign's messages in steps and starts it. On a failure the error is rethrown
   * and the campaign removed (`discard`: the user who pressed Send sees the error) or kept, cancelled,
   * with why (`cancel`: a scheduled run's campaign).
   */
  async function fill(p: PreparedCampaign, onFailure: 'discard' | 'cancel' = 'discard'): Promise<CampaignView> {
    ctx.emit('campaignsChanged', { reason: 'state', id: p.row.id });
    try {
      await writer.fill(p.row, p.set.chunks(), p.set.release);
    } catch (err) {
      await (onFailure === 'discard' ? writer.discard(p.row.id) : writer.abandon(p.row.id, err));
      throw err;
    }
    return view(requireCampaign(p.row.id));
  }

  return {
    view,
    /** JSMS template texts and types (what template sends said; which quota a template draws from). */
    templates,
    async preview(draft: CampaignDraft): Promise<CampaignPreview> {
      const { account, kind, request, template } = await checkDraft(draft);
      const summary = await composer.preview(request);
      const estimate = await estimateSend(ctx, templates, { ...account.config, id: account.id }, draft, summary);
      const warnings = draft.content.mode === 'template' ? templateWarnings(draft.content, template) : [];
      return { accountId: account.id, provider: kind, ...summary, ...estimate, warnings: [...warnings, ...estimate.warnings] };
    },

    async create(draft: CampaignDraft, retryOf: string | null = null): Promise<CampaignView> {
      const p = await prepare(draft, retryOf);
      begin(p);
      return fill(p);
    },

    /**
     * One message that is not a campaign (a reply from the inbox, the box push test): written and sent
     * through the ledger exactly like a campaign's (opt-outs, pacing, never twice), listed apart.
     */
    async sendSingle(draft: CampaignDraft, kind: Exclude<CampaignKind, 'campaign'>): Promise<CampaignView> {
      const p = await prepare(draft, null, kind);
      begin(p);
      return fill(p);
    },

    prepare,
    begin,
    fill,
    /** At start: finishes or cancels campaigns a crash left preparing, and cancels that a crash interrupted. */
    async recover(onError: (err: unknown) => void): Promise<void> {
      await writer.resumeAll(onError);
      for (const c of repo.list()) {
        if (c.state === 'cancelled' && repo.counts(c.id).queued > 0) await inSteps(() => ledger.cancelQueued(c.id, CANCEL_STEP) > 0);
      }
    },

    /** The campaigns (replies and tests, single messages, are not among them). */
    list: (): CampaignView[] => repo.list('campaign').map((c) => view(c)),
    /** Everything that sends: campaigns and single messages ("pause all" holds a reply in flight too). */
    listAll: (): CampaignView[] => repo.list().map((c) => view(c)),
    checkDraft,
    get: (id: string): CampaignView => view(requireCampaign(id), true),
    checkContentFits,

    /**
     * Writes the new campaign `row` (preparing) and moves the unsent rest of `from` into it in steps
     * (campaign-move.ts checked first); it sends once complete. Rethrows a failure (what moved stays
     * moved: the new campaign is kept paused with why, or removed when nothing moved).
     */
    async moveInto(row: NewCampaign, from: string): Promise<CampaignView> {
      repo.createPreparing(row, { move: { from } } satisfies PrepareInput);
      ctx.emit('campaignsChanged', { reason: 'state', id: row.id });
      await writer.move(row, from);
      return view(requireCampaign(row.id), true);
    },

    async pause(id: string): Promise<CampaignView> {
      const c = requireCampaign(id);
      if (c.state === 'running') {
        repo.setState(id, 'paused', ctx.clock.now());
        changed(id);
      }
      return view(requireCampaign(id));
    },

    async resume(id: string): Promise<CampaignView> {
      const c = requireCampaign(id);
      if (c.state === 'cancelled' || c.state === 'done' || c.state === 'handed') {
        throw new AppError('CAMPAIGN_FINISHED', 'This campaign has finished. Retry its failed messages as a new campaign instead.');
      }
      if (c.state === 'paused') {
        repo.setError(id, null, ctx.clock.now());
        repo.setState(id, 'running', ctx.clock.now());
        changed(id);
        dispatcher.kick(c.accountId);
      }
      return view(requireCampaign(id));
    },

    /** Stops the campaign at once (nothing more is claimed), then cancels its queued messages in steps. */
    async cancel(id: string): Promise<CampaignView> {
      const c = requireCampaign(id);
      if (c.state === 'running' || c.state === 'paused' || c.state === 'preparing') {
        repo.setState(id, 'cancelled', ctx.clock.now());
        changed(id);
        await inSteps(() => ledger.cancelQueued(id, CANCEL_STEP) > 0);
        dispatcher.progressNow(id);
      }
      return view(requireCampaign(id));
    },

    /**
     * A new campaign with the chosen messages of this one, as they were rendered (lists may have changed
     * since). `probablyLostOnly`: only the unknown ones marked "probably never received".
     */
    async retry(id: string, states: readonly MessageState[], name?: string, probablyLostOnly = false): Promise<CampaignView> {
      const c = requireCampaign(id);
      if (!accounts.get(c.accountId)) throw new AppError('ACCOUNT_NOT_FOUND', 'The account of this campaign was deleted. Compose a new campaign with another account.');
      const counts = repo.counts(id);
      if (states.every((s) => counts[s] === 0) || (probablyLostOnly && repo.probablyLost(id, counts) === 0)) {
        throw new AppError('CAMPAIGN_NOTHING_TO_RETRY', 'No message of this campaign is in the chosen states (or every one is now opted out). Nothing to send.');
      }
      const p: PreparedCampaign = {
        row: {
          id: randomUUID(),
          kind: c.kind,
          name: name ?? `${c.name} (retry)`,
          accountId: c.accountId,
          provider: c.provider,
          content: c.content,
          quietHours: c.quietHours,
          options: c.options,
          retryOf: id,
          createdAt: ctx.clock.now(),
        },
        input: { retry: { from: id, states: [...states], ...(probablyLostOnly ? { errorCode: PROBABLY_NOT_RECEIVED } : {}) } },
        set: { chunks: () => writer.retryChunks(id, states, probablyLostOnly ? PROBABLY_NOT_RECEIVED : undefined), release: () => undefined },
      };
      begin(p);
      try {
        return await fill(p);
      } catch (err) {
        if (err instanceof AppError && err.code === 'CAMPAIGN_NO_RECIPIENTS') {
          throw new AppError('CAMPAIGN_NOTHING_TO_RETRY', 'No message of this campaign is in the chosen states (or every one is now opted out). Nothing to send.');
        }
        throw err;
      }
    },

    /** The message's history: its creation (the campaign's time), then every recorded change. */
    history(messageId: number): MessageEventView[] {
      const created = ctx.db
        .prepare<[number], { at: number }>('SELECT c.created_at AS at FROM messages m JOIN campaigns c ON c.id = m.campaign_id WHERE m.id = ?')
        .get(messageId);
      if (!created) throw new AppError('MESSAGE_NOT_FOUND', 'This message no longer exists. Reload the campaign.');
      const events = ctx.db
        .prepare<[number], MessageEventView>('SELECT at, state, source, detail FROM message_events WHERE message_id = ? ORDER BY id')
        .all(messageId);
      return [{ at: created.at, state: 'queued', source: 'app', detail: 'Created' }, ...events];
    },

    /** The campaign as an export needs it (the rows are read by the export worker). */
    exportInfo(id: string): { name: string; provider: CampaignRow['provider']; accountName: string } {
      const c = requireCampaign(id);
      return { name: c.name, provider: c.provider, accountName: accounts.get(c.accountId)?.config.name ?? '' };
    },
    requireCampaign,
    /** The draft a campaign was written from (undefined for retries and tests). */
    source: (id: string): unknown => repo.source(id),
  };

  /** What the summary says of a JSMS template: not passed review, or parameters it needs and the draft leaves unset. */
  function templateWarnings(content: Extract<CampaignDraft['content'], { mode: 'template' }>, template: JsmsTemplateFacts | null): string[] {
    if (!template) return [];
    const warnings: string[] = [];
    if (template.status === 0) warnings.push(`Template ${content.tempId} is still being reviewed by JSMS: it cannot send until it passes.`);
    if (template.status === 2) warnings.push(`JSMS rejected template ${content.tempId}: it cannot send. Edit it on the Templates screen or pick another.`);
    const unset = jsmsTemplateParams(template.template).filter((name) => (content.params[name] ?? '') === '');
    if (unset.length > 0) warnings.push(`The template needs a value for ${unset.map((n) => `{{${n}}}`).join(', ')}: JSMS refuses a message with a parameter left empty.`);
    return warnings;
  }

  function changed(id: string) {
    ctx.emit('campaignsChanged', { reason: 'state', id });
    dispatcher.progressNow(id);
  }
}

export type CampaignService = ReturnType<typeof createCampaignService>;
