import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../../shared/api.ts';
import type { CountryCode } from 'libphonenumber-js/max';
import { RESERVED_VARIABLES } from '../../../shared/contact-columns.ts';
import { AppError } from '../../../shared/errors.ts';
import { normalisePhone } from '../../../shared/phone/normalise.ts';
import type { CoreContext } from '../context.ts';
import { readsOf } from '../store/reads.ts';
import { assertNameFree, requireList } from './list-service.ts';
import { ContactsRepository } from './store/contacts-repository.ts';
import { ListsRepository } from './store/lists-repository.ts';
import { ImportWriter } from './store/import-writer.ts';
import { inSteps, nextTurn } from '../store/slices.ts';

type ListHandlerNames =
  | 'listsList'
  | 'listsCreate'
  | 'listsRename'
  | 'listsDelete'
  | 'listsMerge'
  | 'listsExport'
  | 'contactsSearch'
  | 'contactsUpdate'
  | 'contactsAdd'
  | 'contactsRemoveFromList';

/** Members deleted or copied per step of a list delete or merge. */
const MEMBER_STEP = 2_000;

/** Lists and the contacts in them. A big delete or merge runs in short steps (lists-repository.ts). */
export function createListHandlers(ctx: CoreContext): Pick<Handlers, ListHandlerNames> & { recoverDeletes(): Promise<void> } {
  const lists = new ListsRepository(ctx.db);
  const contacts = new ContactsRepository(ctx.db);
  const writer = new ImportWriter(ctx.db);

  /** Hides the list at once (its name is free again), then empties it in steps. */
  async function deleteInSteps(id: string): Promise<void> {
    if (lists.markDeleting(id, ctx.clock.now())) ctx.emit('listsChanged', { reason: 'deleted', id });
    await inSteps(() => lists.deleteStep(id, MEMBER_STEP));
  }

  return {
    /** At start: finishes deletes a crash interrupted. */
    async recoverDeletes() {
      for (const id of lists.deleting()) await inSteps(() => lists.deleteStep(id, MEMBER_STEP));
    },

    listsList: () => readsOf(ctx).page('listsList', undefined),

    listsCreate: ({ name }) => {
      assertNameFree(lists, name);
      const id = randomUUID();
      const now = ctx.clock.now();
      lists.insert(id, name, now);
      ctx.emit('listsChanged', { reason: 'created', id });
      return { id, name, size: 0, optedOut: 0, createdAt: now, updatedAt: now };
    },

    listsRename: ({ id, name }) => {
      requireList(lists, id);
      assertNameFree(lists, name, id);
      lists.rename(id, name, ctx.clock.now());
      ctx.emit('listsChanged', { reason: 'renamed', id });
      return readsOf(ctx).page('listView', { id });
    },

    listsDelete: async ({ id }) => {
      requireList(lists, id);
      await deleteInSteps(id);
      return { id };
    },

    listsMerge: async ({ sourceIds, targetId, deleteSources }) => {
      const sources = [...new Set(sourceIds)];
      if (sources.includes(targetId)) {
        throw new AppError('CONTACTS_MERGE_INTO_SELF', 'A list cannot be merged into itself. Pick a different target list.', { fields: { targetId: 'Pick another list' } });
      }
      requireList(lists, targetId);
      for (const id of sources) requireList(lists, id);
      // The copy is an import job into the target: taken back in steps if it fails or the app stops part-way.
      const job = writer.begin({ listId: targetId }, randomUUID(), ctx.clock.now());
      try {
        for (const source of sources) {
          let after = 0;
          for (;;) {
            const step = lists.mergeStep(job.id, targetId, source, after, MEMBER_STEP, ctx.clock.now());
            if (!step) break;
            after = step.last;
            await nextTurn();
          }
        }
        writer.finish(job, ctx.clock.now());
      } catch (err) {
        await inSteps(() => writer.undoStep(job, MEMBER_STEP, ctx.clock.now()));
        throw err;
      }
      if (deleteSources) for (const id of sources) await deleteInSteps(id);
      ctx.emit('listsChanged', { reason: 'merged', id: targetId });
      return readsOf(ctx).page('listView', { id: targetId });
    },

    listsExport: async ({ id, format }) => {
      const list = requireList(lists, id);
      return readsOf(ctx).file('exportList', { id, name: list.name, format });
    },

    contactsSearch: ({ query, listId, offset, limit }) => {
      if (listId !== undefined) requireList(lists, listId);
      return readsOf(ctx).page('contactsSearch', { query, listId, offset, limit });
    },

    contactsUpdate: ({ id, listId, vars, tags }) => {
      if (listId !== undefined) requireList(lists, listId);
      if (!contacts.updateVars(id, listId, vars, ctx.clock.now(), tags)) {
        throw new AppError('CONTACTS_CONTACT_NOT_FOUND', 'That contact is no longer in this list. Refresh the list and try again.');
      }
      if (listId !== undefined) ctx.emit('listsChanged', { reason: 'members', id: listId });
      return contacts.get(id, listId)!;
    },

    contactsAdd: ({ listId, number, vars, tags }) => {
      requireList(lists, listId);
      const reserved = Object.keys(vars).find((k) => RESERVED_VARIABLES.includes(k.toLowerCase()));
      if (reserved !== undefined) {
        throw new AppError('CONTACTS_VARIABLE_RESERVED', `The variable name “${reserved}” is taken: it always holds the recipient's own number. Give this variable another name.`, {
          fields: { vars: 'Reserved name.' },
        });
      }
      const r = normalisePhone(number, ctx.settings.get().defaultRegion as CountryCode);
      if (!r.ok) throw new AppError('CONTACTS_NUMBER_INVALID', r.message, { fields: { number: r.message } });
      const now = ctx.clock.now();
      const id = contacts.addToList(listId, r.e164, number.trim(), vars, tags, now);
      if (id === undefined) {
        throw new AppError('CONTACTS_ALREADY_IN_LIST', `${r.e164} is already in this list. Edit it there instead.`, { fields: { number: 'Already in this list.' } });
      }
      lists.touch(listId, now);
      ctx.emit('listsChanged', { reason: 'members', id: listId });
      return contacts.get(id, listId)!;
    },

    contactsRemoveFromList: ({ listId, contactIds }) => {
      requireList(lists, listId);
      const removed = contacts.removeFromList(listId, contactIds);
      if (removed > 0) {
        lists.touch(listId, ctx.clock.now());
        ctx.emit('listsChanged', { reason: 'members', id: listId });
      }
      return { removed };
    },
  };
}
