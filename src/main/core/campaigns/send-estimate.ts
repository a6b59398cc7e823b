import type { AccountConfig } from '../../../shared/accounts.ts';
import type { QuietHours } from '../../../shared/campaigns.ts';
import type { CoreContext } from '../context.ts';
import { nextAllowedTime } from '../dispatch/quiet-hours.ts';
import { readBalance } from './balance.ts';

/**
 * The part of a pre-send summary that depends on the account: its balance (asked now), the estimated
 * cost, and the warnings (cost over balance, nobody left, quiet hours now, the box's pace). Compose's
 * preview and the preview of moving a campaign to another account (campaign-move.ts) both use it.
 */
export async function estimateSend(
  ctx: CoreContext,
  account: AccountConfig & { id: string },
  summary: { recipients: number; totalSegments: number },
  quietHours: QuietHours | null,
): Promise<{ balance: number | null; estimatedCost: number | null; warnings: string[] }> {
  const warnings: string[] = [];
  const { balance, warning } = await readBalance(ctx, account);
  if (warning) warnings.push(warning);
  const estimatedCost = account.kind === 'gsmbox' ? null : summary.totalSegments;
  if (balance !== null && estimatedCost !== null && estimatedCost > balance) {
    warnings.push(`The estimated cost (${estimatedCost}) is more than the balance (${balance}). Sending stops when the balance runs out.`);
  }
  if (summary.recipients === 0) warnings.push('Nobody is left to send to. Check the lists and the opt-out list.');
  if (quietHours) {
    const until = nextAllowedTime(ctx.clock.now(), quietHours);
    if (until !== null) warnings.push(`It is quiet hours now: sending starts at ${new Date(until).toLocaleTimeString()}.`);
  }
  if (account.kind === 'gsmbox' && account.dailyCapPerSim > 0) {
    warnings.push(`The GSM box sends one SMS per port every ${account.secondsPerSms} s, at most ${account.dailyCapPerSim} per SIM a day.`);
  }
  return { balance, estimatedCost, warnings };
}
