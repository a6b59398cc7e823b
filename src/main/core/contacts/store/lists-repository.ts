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

/** Lists being written or emptied in steps (`importing`, `deleting`) are not shown. */
const SELECT_VIEW = `
  SELECT l.id, l.name, l.created_at, l.updated_at,
         (SELECT count(*) FROM list_members m WHERE m.list_id = l.id) AS size,
         (SELECT count(*) FROM list_members m JOIN contacts c ON c.id = m.contact_id
            JOIN opt_outs o ON o.e164 = c.e164 WHERE m.list_id = l.id) AS opted_out
  FROM lists l WHERE l.state = 'ready'`;

function toView(r: RawList): ListView {
  return { id: r.id, name: r.name, size: r.size, optedOut: r.opted_out, createdAt: r.created_at, updatedAt: r.updated_at };
}

/**
 * SQL for contact lists: names (unique, case-insensitive), sizes, merge. A big delete or merge is done
 * in steps (issue 15): a deleted list is hidden and renamed at once (`markDeleting`), then emptied a
 * chunk per transaction (`deleteStep`), and a start after a crash finishes it; a merge copies a chunk of
 * members per transaction (`mergeStep`), under an import job (import-writer.ts) that a crash takes back.
 */
export class ListsRepository {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(db: Database.Database) {
    this.db = db;
    this.stmts = {
      list: db.prepare<[], RawList>(`${SELECT_VIEW} ORDER BY l.name COLLATE NOCASE`),
      view: db.prepare<[string], RawList>(`${SELECT_VIEW} AND l.id = ?`),
      get: db.prepare<[string], { id: string; name: string }>(`SELECT id, name FROM lists WHERE id = ? AND state = 'ready'`),
      markDeleting: db.prepare<[number, string]>(`UPDATE lists SET state = 'deleting', name = name || ' · deleting ' || id, updated_at = ? WHERE id = ? AND state = 'ready'`),
      deleting: db.prepare<[], string>(`SELECT id FROM lists WHERE state = 'deleting'`).pluck(),
      someMembers: db.prepare<[string, number], number>(`SELECT contact_id FROM list_members WHERE list_id = ? LIMIT ?`).pluck(),
      deleteMembers: db.prepare<[string, string]>(`DELETE FROM list_members WHERE list_id = ? AND contact_id IN (SELECT value FROM json_each(?))`),
      nextMembers: db.prepare<[string, number, number], number>(`SELECT contact_id FROM list_members WHERE list_id = ? AND contact_id > ? ORDER BY contact_id LIMIT ?`).pluck(),
      copyMembers: db.prepare(
        `INSERT OR IGNORE INTO list_members (list_id, contact_id, vars, added_at, import_id)
         SELECT @target, contact_id, vars, @now, @job FROM list_members WHERE list_id = @source AND contact_id IN (SELECT value FROM json_each(@ids))`,
      ),
      byName: db.prepare<[string], { id: string }>('SELECT id FROM lists WHERE name = ? COLLATE NOCASE'),
      insert: db.prepare('INSERT INTO lists (id, name, created_at, updated_at) VALUES (@id, @name, @now, @now)'),
      rename: db.prepare('UPDATE lists SET name = @name, updated_at = @now WHERE id = @id'),
      touch: db.prepare('UPDATE lists SET updated_at = @now WHERE id = @id'),
      delete: db.prepare('DELETE FROM lists WHERE id = ?'),
    };
  }

  list(): ListView[] {
    return this.stmts.list.all().map(toView);
  }

  /** A shown list's id and name (cheap: no counting). */
  get(id: string): { id: string; name: string } | undefined {
    return this.stmts.get.get(id);
  }

  /** A shown list with its size and opted-out count (counts its members: the read worker's job for a big list). */
  view(id: string): ListView | undefined {
    const row = this.stmts.view.get(id);
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

  /** Members go with the list (ON DELETE CASCADE); contacts stay, they may be in other lists. One statement: small lists. */
  delete(id: string): boolean {
    return this.stmts.delete.run(id).changes > 0;
  }

  /** The first step of a delete: the list is hidden, and its name freed for a new list. */
  markDeleting(id: string, now: number): boolean {
    return this.stmts.markDeleting.run(now, id).changes === 1;
  }

  /** Lists a crash left half-deleted. */
  deleting(): string[] {
    return this.stmts.deleting.all();
  }

  /** One step of a delete: up to `limit` members go; when none are left, the list goes. True while more remain. */
  deleteStep(id: string, limit: number): boolean {
    return this.db.transaction(() => {
      const ids = this.stmts.someMembers.all(id, limit);
      if (ids.length === 0) {
        this.stmts.delete.run(id);
        return false;
      }
      this.stmts.deleteMembers.run(id, JSON.stringify(ids));
      return true;
    })();
  }

  /**
   * One step of a merge: the source's next `limit` members after contact `after` that the target lacks
   * are copied with their variables (the target's own win), marked with the job. Returns the last
   * contact id read and how many were new, or null when the source has no more.
   */
  mergeStep(jobId: string, targetId: string, sourceId: string, after: number, limit: number, now: number): { last: number; added: number } | null {
    return this.db.transaction(() => {
      const ids = this.stmts.nextMembers.all(sourceId, after, limit);
      if (ids.length === 0) return null;
      const added = this.stmts.copyMembers.run({ target: targetId, source: sourceId, now, job: jobId, ids: JSON.stringify(ids) }).changes;
      return { last: ids[ids.length - 1]!, added };
    })();
  }
}
