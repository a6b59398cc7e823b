import type { AccountConfig } from '../../../shared/accounts.ts';
import type { CampaignContent } from '../../../shared/campaigns.ts';
import type { BalanceLine, PortInfo } from '../../../shared/providers.ts';
import { secretGetter } from '../accounts/account-secrets.ts';
import type { CoreContext } from '../context.ts';
import { localDayStart } from '../dispatch/port-pacer.ts';
import { createSimSends } from '../dispatch/sim-sends.ts';
import { createProviderService } from '../providers/service.ts';
import { createCounter } from '../store/counters.ts';
import type { JsmsTemplateCache } from './jsms-template-cache.ts';

/** What the pre-send summary sets the cost against, as the provider and the ledger say now. */
export interface AccountFunds {
  balances: BalanceLine[];
  /** JSMS: the template's type, null when it could not be read. */
  templateType: number | null;
  /** GSM box: its ports and what each SIM sent today. */
  box: { ports: PortInfo[]; sentToday: Map<number, number> } | null;
  warning: string | null;
}

/**
 * The account's balances (or the box's ports), through the same connection check the Accounts screen
 * uses, and for JSMS the type of the template (which quota it draws on). Never throws: a failed check
 * becomes a warning and no balances.
 */
export async function readFunds(
  ctx: CoreContext,
  account: AccountConfig & { id: string },
  content: CampaignContent,
  templates: JsmsTemplateCache,
): Promise<AccountFunds> {
  const service = createProviderService({ fetch: ctx.fetch, clock: ctx.clock, nextSeq: createCounter(ctx.db, 'eims-seq'), timeoutMs: 8_000 });
  const [check, template] = await Promise.all([
    service.testConnection(account, secretGetter(ctx.secrets, account)),
    account.kind === 'jsms' && content.mode === 'template' ? templates.get({ accountId: account.id, tempId: content.tempId }) : Promise.resolve(null),
  ]);
  const box = account.kind === 'gsmbox' && check.ok ? { ports: check.ports, sentToday: createSimSends(ctx.db)(account.id, localDayStart(ctx.clock.now())) } : null;
  const why = check.error?.message ?? check.summary;
  const warning = check.ok ? null : account.kind === 'gsmbox' ? `The box could not be asked for its ports: ${why}` : `The balance could not be read: ${why}`;
  return { balances: check.ok ? check.balances : [], templateType: template?.type ?? null, box, warning };
}
