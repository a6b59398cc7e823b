import type { AccountConfig } from '../../../shared/accounts.ts';
import type { CampaignContent, CampaignPreview, QuietHours } from '../../../shared/campaigns.ts';
import type { CoreContext } from '../context.ts';
import { nextAllowedTime } from '../dispatch/quiet-hours.ts';
import { readFunds } from './balance.ts';
import type { JsmsTemplateCache } from './jsms-template-cache.ts';
import { estimateCost } from './send-cost.ts';

/**
 * The part of a pre-send summary that depends on the account: its balances or quotas (asked now), the
 * cost in money where a price is known, set against them only where the units match, the box's SIM
 * capacity left today, and the warnings (nobody left, quiet hours now, the box's pace). Compose's
 * preview and the preview of moving a campaign to another account (campaign-move.ts) both use it.
 */
export async function estimateSend(
  ctx: CoreContext,
  templates: JsmsTemplateCache,
  account: AccountConfig & { id: string },
  send: { content: CampaignContent; quietHours: QuietHours | null; ports?: number[] | undefined },
  summary: { recipients: number; totalSegments: number },
): Promise<Pick<CampaignPreview, 'balances' | 'cost' | 'funds' | 'boxCapacity' | 'warnings'>> {
  const warnings: string[] = [];
  const funds = await readFunds(ctx, account, send.content, templates);
  if (funds.warning) warnings.push(funds.warning);
  const costed = estimateCost({
    kind: account.kind,
    segments: summary.totalSegments,
    recipients: summary.recipients,
    price: account.pricePerSegment === undefined ? null : { perSegment: account.pricePerSegment, currency: account.currency ?? null },
    balances: funds.balances,
    templateType: funds.templateType,
    box: funds.box && account.kind === 'gsmbox' ? { ...funds.box, dailyCap: account.dailyCapPerSim, allowed: send.ports } : null,
  });
  warnings.push(...costed.warnings);
  if (summary.recipients === 0) warnings.push('Nobody is left to send to. Check the lists and the opt-out list.');
  if (send.quietHours) {
    const until = nextAllowedTime(ctx.clock.now(), send.quietHours);
    if (until !== null) warnings.push(`It is quiet hours now: sending starts at ${new Date(until).toLocaleTimeString()}.`);
  }
  if (account.kind === 'gsmbox' && account.dailyCapPerSim > 0) {
    warnings.push(`The GSM box sends one SMS per port every ${account.secondsPerSms} s, at most ${account.dailyCapPerSim} per SIM a day.`);
  }
  return { balances: funds.balances, cost: costed.cost, funds: costed.funds, boxCapacity: costed.boxCapacity, warnings };
}
