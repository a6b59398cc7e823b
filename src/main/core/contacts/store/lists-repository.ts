import type Database from 'better-sqlite3';
import type { ListView } from '../../../../shared/contact-lists.ts';

interface RawList {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
  size: number;
  opted_out: number;
}

const SELECT_VIEW = `
  SELECT l.id, l.name, l.created_at, l.updated_at,
         (SELECT count(*) FROM list_members m WHERE m.list_id = l.id) AS size,
         (SELECT count(*) FROM list_members m JOIN contacts c ON c.id = m.contact_id
            JOIN opt_outs o ON o.e164 = c.e164 WHERE m.list_id = l.id) AS opted_out
  FROM lists l`;

function toView(r: RawList): ListView {
  return { id: r.id, name: r.name, size: r.size, optedOut: r.opted_out, createdAt: r.created_at, updatedAt: r.updated_at };
}

/** SQL for contact lists: names (unique, case-insensitive), sizes, merge. */
export class ListsRepository {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      list: db.prepare<[], RawList>(`${SELECT_VIEW} ORDER BY l.name COLLATE NOCASE`),
      get: db.prepare<[string], RawList>(`${SELECT_VIEW} WHERE l.id = ?`),
      byName: db.prepare<[string], { id: string }>('SELECT id FROM lists WHERE name = ? COLLATE NOCASE'),
      insert: db.prepare('INSERT INTO lists (id, name, created_at, updated_at) VALUES (@id, @name, @now, @now)'),
      rename: db.prepare('UPDATE lists SET name = @name, updated_at = @now WHERE id = @id'),
      touch: db.prepare('UPDATE lists SET updated_at = @now WHERE id = @id'),
      delete: db.prepare('DELETE FROM lists WHERE id = ?'),
      // Members of the source not yet in the target are copied with their variables; the target's own win.
      mergeInto: db.prepare(
        `INSERT OR IGNORE INTO list_members (list_id, contact_id, vars, added_at)
         SELECT @target, contact_id, vars, @now FROM list_members WHERE list_id = @source`,
      ),
    };
  }

  list(): ListView[] {
    return this.stmts.list.all().map(toView);
  }

  get(id: string): ListView | undefined {
    const row = this.stmts.get.get(id);
    return row ? toView(row) : undefined;
  }

  idByName(name: string): string | undefined {
    return this.stmts.byName.get(name)?.id;
  }

  insert(id: string, name: string, now: number): void {
    this.stmts.insert.run({ id, name, now });
  }

  rename(id: string, name: string, now: number): boolean {
    return this.stmts.rename.run({ id, name, now }).changes > 0;
  }

  touch(id: string, now: number): void {
    this.stmts.touch.run({ id, now });
  }

  /** Members go with the list (ON DELETE CASCADE); contacts stay, they may be in other lists. */
  delete(id: string): boolean {
    return this.stmts.delete.run(id).changes > 0;
  }

  /** Returns how many contacts were new to the target. */
  mergeInto(targetId: string, sourceId: string, now: number): number {
    return this.stmts.mergeInto.run({ target: targetId, source: sourceId, now }).changes;
  }
}
