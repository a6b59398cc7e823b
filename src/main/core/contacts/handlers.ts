import type { Handlers } from '../../../shared/api.ts';
import type { contactsMethods } from '../../../shared/contract/contacts.ts';
import type { CoreContext } from '../context.ts';
import { createImportHandlers, type ImportHandlerHooks } from './import-handlers.ts';
import { createListHandlers } from './lists-handlers.ts';
import { createOptOutHandlers } from './opt-out-handlers.ts';

export type ContactsHandlers = Pick<Handlers, keyof typeof contactsMethods>;

/** Contacts area: import wizard, lists and their contacts, opt-outs. */
export function createContactsHandlers(ctx: CoreContext, hooks: ImportHandlerHooks = {}): ContactsHandlers {
  const { sessions: _sessions, ...imports } = createImportHandlers(ctx, hooks);
  return {
    ...imports,
    ...createListHandlers(ctx),
    ...createOptOutHandlers(ctx),
  };
}
