import type { Handlers } from '../../../shared/api.ts';
import type { contactsMethods } from '../../../shared/contract/contacts.ts';
import type { CoreContext } from '../context.ts';
import { createImportHandlers, type ImportHandlerHooks } from './import-handlers.ts';
import { createListHandlers } from './lists-handlers.ts';
import { createOptOutHandlers } from './opt-out-handlers.ts';

export type ContactsHandlers = Pick<Handlers, keyof typeof contactsMethods>;

/**
 * Contacts area: import wizard, lists and their contacts, opt-outs. `recover` (at start) takes back
 * imports and merges a crash cut short and finishes interrupted list deletes.
 */
export function createContactsHandlers(ctx: CoreContext, hooks: ImportHandlerHooks = {}): ContactsHandlers & { recover(): Promise<void> } {
  const { sessions: _sessions, recoverImports, ...imports } = createImportHandlers(ctx, hooks);
  const { recoverDeletes, ...lists } = createListHandlers(ctx);
  return {
    ...imports,
    ...lists,
    ...createOptOutHandlers(ctx),
    async recover() {
      await recoverImports();
      await recoverDeletes();
    },
  };
}
