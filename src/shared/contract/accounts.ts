import { z } from 'zod';
import { method, event } from './define.ts';
import { accountCreateSchema, accountIdSchema, accountUpdateSchema, type AccountView } from '../accounts.ts';

export const accountMethods = {
  accountsList: method<AccountView[]>()(z.void()),
  accountsCreate: method<AccountView>()(accountCreateSchema),
  accountsUpdate: method<AccountView>()(accountUpdateSchema),
  accountsDelete: method<{ id: string }>()(accountIdSchema),
};

export const accountEvents = {
  accountsChanged: event<{ reason: 'created' | 'updated' | 'deleted'; id: string }>(),
};
