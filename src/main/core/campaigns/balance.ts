import type { AccountConfig } from '../../../shared/accounts.ts';
import { secretGetter } from '../accounts/account-secrets.ts';
import type { CoreContext } from '../context.ts';
import { createProviderService } from '../providers/service.ts';
import { createCounter } from '../store/counters.ts';

/**
 * The account's balance for the pre-send summary, through the same connection check the Accounts
 * screen uses. Never throws: a failed check becomes a warning and a null balance.
 */
export async function readBalance(ctx: CoreContext, account: AccountConfig & { id: string }): Promise<{ balance: number | null; warning: string | null }> {
  if (account.kind === 'gsmbox') return { balance: null, warning: null };
  const service = createProviderService({ fetch: ctx.fetch, clock: ctx.clock, nextSeq: createCounter(ctx.db, 'eims-seq'), timeoutMs: 8_000 });
  const check = await service.testConnection(account, secretGetter(ctx.secrets, account));
  if (!check.ok) return { balance: null, warning: `The balance could not be read: ${check.error?.message ?? check.summary}` };
  const line = check.balances[0];
  return { balance: line ? line.amount : null, warning: null };
}
