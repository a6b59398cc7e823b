import { z } from 'zod';
import { method, event } from './define.ts';
import { accountCreateSchema, accountIdSchema, accountUpdateSchema, allowWeakStorageSchema, type AccountView, type SecretsProtection } from '../accounts.ts';

export const accountMethods = {
  accountsList: method<AccountView[]>()(z.void()),
  accountsCreate: method<AccountView>()(accountCreateSchema),
  accountsUpdate: method<AccountView>()(accountUpdateSchema),
  accountsDelete: method<{ id: string }>()(accountIdSchema),
  /** How passwords and keys are kept at rest (the Accounts screen warns when it is weak or only for this session). */
  secretsProtection: method<SecretsProtection>()(z.void()),
  /** The user agreed, in a dialog that states the risk, to keep secrets with weak protection (Linux without a keyring). */
  secretsAllowWeakStorage: method<SecretsProtection>()(allowWeakStorageSchema),
};

export const accountEvents = {
  accountsChanged: event<{ reason: 'created' | 'updated' | 'deleted'; id: string }>(),
};
