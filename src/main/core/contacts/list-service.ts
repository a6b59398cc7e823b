import { AppError } from '../../../shared/errors.ts';
import type { ListsRepository } from './store/lists-repository.ts';

/** Lookups with the errors a user can meet, shared by the list, contact and import handlers. */
export function requireList(lists: ListsRepository, id: string): { id: string; name: string } {
  const list = lists.get(id);
  if (!list) throw new AppError('CONTACTS_LIST_NOT_FOUND', 'That list no longer exists. It may have been deleted or merged in another window; refresh the lists.');
  return list;
}

export function assertNameFree(lists: ListsRepository, name: string, exceptId?: string): void {
  const existing = lists.idByName(name);
  if (existing !== undefined && existing !== exceptId) {
    throw new AppError('CONTACTS_LIST_NAME_TAKEN', `A list called “${name}” already exists. Choose another name, or import into that list.`, {
      fields: { name: 'Name already used' },
    });
  }
}
