import { randomUUID } from 'node:crypto';
import type { CampaignPreview, CampaignView, MoveTarget } from '../../../shared/campaigns.ts';
import { AppError } from '../../../shared/errors.ts';
import { AccountsRepository } from '../accounts/accounts-repository.ts';
import type { CoreContext } from '../context.ts';
import type { Dispatcher } from '../dispatch/dispatcher.ts';
import { readsOf } from '../store/reads.ts';
import type { CampaignService } from './campaign-service.ts';
import type { CampaignRow } from './campaigns-repository.ts';
import { estimateSend } from './send-estimate.ts';

/** Core sentence (core.json has its Chinese): a JSMS template belongs to one app key. */
export const TEMPLATE_ON_TARGET = 'The template must exist, approved, on the chosen account too: JSMS templates belong to one account. If it does not, sending pauses again.';

/**
 * Account failover, confirmed by the user (issue 19 part 5). When a campaign paused because its
 * account ran out of money or kept failing, what it never handed over can move to a new campaign on
 * another account of a kind that sends the same content (free text: EIMS or a GSM box; a JSMS
 * template: another JSMS account). The user sees the summary first (recipients, segments, cost against
 * that account's balance); only then does `move` run. Messages handed over stay with the first
 * campaign and get their reports there; the moved ones are `cancelled` there with the reason, and the
 * two campaigns link to each other.
 */
export function createCampaignMove(ctx: CoreContext, service: CampaignService, dispatcher: Dispatcher) {
  const accounts = new AccountsRepository(ctx.db);
  /** Moves in progress, by source: a second click waits for the first to finish. */
  const moving = new Set<string>();

  const fits = (c: CampaignRow, kind: CampaignRow['provider']): boolean => {
    try {
      service.checkContentFits(kind, { content: c.content });
      return true;
    } catch {
      return false;
    }
  };

  const targetsOf = (c: CampaignRow): MoveTarget[] =>
    accounts
      .list()
      .filter((a) => a.id !== c.accountId && fits(c, a.config.kind))
      .map((a) => ({ accountId: a.id, name: a.config.name, kind: a.config.kind }));

  /** The paused campaign and the chosen account, checked. */
  function check(id: string, accountId: string) {
    const c = service.requireCampaign(id);
    if (c.state !== 'paused') {
      throw new AppError('CAMPAIGN_NOT_PAUSED', 'Only a paused campaign can move to another account. Pause it first, or wait until it pauses.');
    }
    const target = accounts.get(accountId);
    if (!target) throw new AppError('ACCOUNT_NOT_FOUND', 'The chosen account no longer exists. Pick another account.', { fields: { accountId: 'Pick an account.' } });
    if (target.id === c.accountId) {
      throw new AppError('CAMPAIGN_SAME_ACCOUNT', 'The campaign already uses this account. Pick another account, or resume the campaign.', { fields: { accountId: 'Pick another account.' } });
    }
    if (!fits(c, target.config.kind)) {
      throw new AppError('CAMPAIGN_MOVE_CONTENT', 'This account cannot send the campaign’s content (templates need a JSMS account, free text an EIMS account or a GSM box). Pick another account.', {
        fields: { accountId: 'Pick another account.' },
      });
    }
    return { c, target };
  }

  return {
    targets(id: string): MoveTarget[] {
      return targetsOf(service.requireCampaign(id));
    },

    /** The pre-send summary of moving the rest to `accountId` (nothing is written). */
    async preview(id: string, accountId: string): Promise<CampaignPreview> {
      const { c, target } = check(id, accountId);
      const kind = target.config.kind;
      const s = await readsOf(ctx).page('campaignMoveSummary', { id, kind, region: ctx.settings.get().defaultRegion });
      const estimate = await estimateSend(ctx, service.templates, { ...target.config, id: target.id }, { content: c.content, quietHours: c.quietHours, ports: c.options.ports }, s);
      if (c.content.mode === 'template') estimate.warnings.unshift(TEMPLATE_ON_TARGET);
      return {
        accountId: target.id,
        provider: kind,
        recipients: s.recipients,
        optedOut: s.optedOut,
        invalid: s.invalid,
        nonMobile: 0,
        duplicates: 0,
        excluded: [],
        totalSegments: s.totalSegments,
        missingVariables: [],
        // The moved messages were rendered when the campaign was written: no variable is filled again.
        defaultedVariables: [],
        sample: s.sample,
        ...estimate,
      };
    },

    /**
     * Moves what the paused campaign never handed over into a new campaign on `accountId`, which
     * starts sending. The first campaign, with nothing left, is handed over (it waits for its reports);
     * numbers the new account cannot take stay queued there, and it stays paused.
     */
    async move(id: string, accountId: string): Promise<CampaignView> {
      const { c, target } = check(id, accountId);
      if (moving.has(id)) throw new AppError('CAMPAIGN_MOVING', 'This campaign is moving to another account already. Wait a moment and reload.');
      if (dispatcher.campaigns.counts(id).queued === 0) {
        throw new AppError('CAMPAIGN_NOTHING_TO_MOVE', 'Nothing of this campaign is left to send: everything was handed over. Nothing to move.');
      }
      moving.add(id);
      try {
        const moved = await service.moveInto(
          {
            id: randomUUID(),
            name: `${c.name} (moved)`.slice(0, 100),
            accountId: target.id,
            provider: target.config.kind,
            content: c.content,
            quietHours: c.quietHours,
            options: { movedFrom: c.id },
            retryOf: null,
            createdAt: ctx.clock.now(),
          },
          id,
        );
        ctx.emit('campaignsChanged', { reason: 'state', id });
        dispatcher.progressNow(id);
        return moved;
      } finally {
        moving.delete(id);
      }
    },
  };
}

export type CampaignMove = ReturnType<typeof createCampaignMove>;
