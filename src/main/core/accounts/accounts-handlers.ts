import { randomUUID } from 'node:crypto';
import { requiredSecretsFor, type AccountConfig, type AccountView } from '../../../shared/accounts.ts';
import type { Handlers } from '../../../shared/api.ts';
import type { accountMethods } from '../../../shared/contract/accounts.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CoreContext } from '../context.ts';
import { applySecrets, checkSecretNames, deleteSecrets, secretKey, secretStates } from './account-secrets.ts';
import { AccountsRepository, type AccountRow } from './accounts-repository.ts';

export type AccountHandlers = Pick<Handlers, keyof typeof accountMethods>;

export function toAccountView(ctx: CoreContext, row: AccountRow): AccountView {
  return { ...row.config, id: row.id, createdAt: row.createdAt, updatedAt: row.updatedAt, ...secretStates(ctx.secrets, row.id, row.config.kind) };
}

export function createAccountHandlers(ctx: CoreContext): AccountHandlers {
  const repo = new AccountsRepository(ctx.db);
  repo.removeUrlCredentials();

  const requireAccount = (id: string): AccountRow => repo.require(id);

  const missingRequired = (id: string, config: AccountConfig, patch: Record<string, string | null | undefined>) =>
    requiredSecretsFor(config).filter((f) => {
      const v = patch[f];
      // A stored secret that can no longer be read counts as missing: the user must enter it again.
      return v === null || (v === undefined && ctx.secrets.state(secretKey(id, f)) !== 'set');
    });

  return {
    accountsList: () => repo.list().map((row) => toAccountView(ctx, row)),

    accountsCreate: ({ config, secrets }) => {
      checkSecretNames(config.kind, secrets);
      const id = randomUUID();
      const missing = missingRequired(id, config, secrets);
      if (missing.length > 0) {
        throw new AppError('ACCOUNT_SECRET_REQUIRED', `Enter the ${missing.join(' and ')} for this account.`, {
          fields: Object.fromEntries(missing.map((f) => [`secrets.${f}`, 'Required'])),
        });
      }
      const now = ctx.clock.now();
      repo.insert(id, config, now);
      applySecrets(ctx.secrets, id, secrets);
      ctx.emit('accountsChanged', { reason: 'created', id });
      ctx.audit?.record({ action: 'account.create', targetId: id, summary: `${config.name} (${config.kind} account)` });
      return toAccountView(ctx, requireAccount(id));
    },

    accountsUpdate: ({ id, config, secrets }) => {
      const existing = requireAccount(id);
      if (existing.config.kind !== config.kind) {
        throw new AppError('ACCOUNT_KIND_FIXED', 'An account cannot change its provider kind. Create a new account of the other kind instead.', {
          fields: { 'config.kind': 'Cannot change' },
        });
      }
      checkSecretNames(config.kind, secrets);
      const missing = missingRequired(id, config, secrets);
      if (missing.length > 0) {
        throw new AppError('ACCOUNT_SECRET_REQUIRED', `The ${missing.join(' and ')} cannot be cleared: the account needs it. Enter a new value instead.`, {
          fields: Object.fromEntries(missing.map((f) => [`secrets.${f}`, 'Required'])),
        });
      }
      repo.update(id, config, ctx.clock.now());
      applySecrets(ctx.secrets, id, secrets);
      ctx.emit('accountsChanged', { reason: 'updated', id });
      const changedSecrets = Object.keys(secrets).filter((k) => secrets[k] !== undefined);
      ctx.audit?.record({ action: 'account.update', targetId: id, summary: `${config.name}${changedSecrets.length > 0 ? `; secrets changed: ${changedSecrets.join(', ')}` : ''}` });
      return toAccountView(ctx, requireAccount(id));
    },

    accountsDelete: ({ id }) => {
      const existing = requireAccount(id);
      repo.delete(id);
      deleteSecrets(ctx.secrets, id, existing.config.kind);
      ctx.emit('accountsChanged', { reason: 'deleted', id });
      ctx.audit?.record({ action: 'account.delete', targetId: id, summary: `${existing.config.name} (${existing.config.kind} account)` });
      return { id };
    },

    secretsProtection: () => ctx.secrets.protection(),

    secretsAllowWeakStorage: () => {
      const before = ctx.secrets.protection();
      const after = ctx.secrets.allowWeakStorage();
      if (before.mode !== after.mode) ctx.log?.warn('secrets.weak-storage-allowed', { backend: after.backend ?? null });
      return after;
    },
  };
}
