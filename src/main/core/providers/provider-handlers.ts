import type { Handlers } from '../../../shared/api.ts';
import type { providerMethods } from '../../../shared/contract/providers.ts';
import { secretGetter } from '../accounts/account-secrets.ts';
import { AccountsRepository } from '../accounts/accounts-repository.ts';
import type { CoreContext } from '../context.ts';
import { createCounter } from '../store/counters.ts';
import { AccountHealth } from '../health/account-health.ts';
import { createProviderService, type ServiceAccount } from './service.ts';
import type { SecretGetter } from './types.ts';
import type { PortWatch } from '../box-ports/port-watch.ts';
import { portHealthOf } from '../box-ports/port-views.ts';

export type ProviderHandlers = Pick<Handlers, keyof typeof providerMethods>;

/**
 * Contract handlers for provider operations: connection tests (a box's ports come with their rotation,
 * success rate and SIM from `ports`) and JSMS verification codes.
 */
export function createProviderHandlers(ctx: CoreContext, ports: PortWatch): ProviderHandlers {
  const accounts = new AccountsRepository(ctx.db);
  const service = createProviderService({ fetch: ctx.fetch, clock: ctx.clock, nextSeq: createCounter(ctx.db, 'eims-seq') });
  const health = new AccountHealth(ctx.db);

  const load = (id: string): [ServiceAccount, SecretGetter] => {
    const row = accounts.require(id);
    return [{ ...row.config, id: row.id }, secretGetter(ctx.secrets, { id: row.id, kind: row.config.kind })];
  };

  return {
    accountsTest: async ({ id }) => {
      const check = await service.testConnection(...load(id));
      health.recordTest(id, check.checkedAt, check.ok, check.error);
      if (check.kind !== 'gsmbox' || check.ports.length === 0) return check;
      const portHealth = await portHealthOf(ctx, ports, id, check.ports.map((p) => p.port));
      return { ...check, ports: check.ports.map((p) => ({ ...p, health: portHealth.get(p.port)! })) };
    },
    verificationSend: ({ accountId, ...input }) => service.sendVerificationCode(...load(accountId), input),
    verificationCheck: ({ accountId, msgId, code }) => service.verifyCode(...load(accountId), { msgId, code }),
  };
}
