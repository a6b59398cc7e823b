import type { Handlers } from '../../../shared/api.ts';
import type { providerMethods } from '../../../shared/contract/providers.ts';
import { secretGetter } from '../accounts/account-secrets.ts';
import { AccountsRepository } from '../accounts/accounts-repository.ts';
import type { CoreContext } from '../context.ts';
import { createCounter } from '../store/counters.ts';
import { AccountHealth } from '../health/account-health.ts';
import { createProviderService, type ServiceAccount } from './service.ts';
import type { SecretGetter } from './types.ts';

export type ProviderHandlers = Pick<Handlers, keyof typeof providerMethods>;

/** Contract handlers for provider operations: connection tests and JSMS verification codes. */
export function createProviderHandlers(ctx: CoreContext): ProviderHandlers {
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
      return check;
    },
    verificationSend: ({ accountId, ...input }) => service.sendVerificationCode(...load(accountId), input),
    verificationCheck: ({ accountId, msgId, code }) => service.verifyCode(...load(accountId), { msgId, code }),
  };
}
