import type Database from 'better-sqlite3';
import type { ContactPage, ContactRow } from '../../../../shared/contact-lists.ts';
import { searchFilterOf, searchTextOf, type SearchFilter } from './search-text.ts';

interface RawContact {
  id: number;
  e164: string;
  original: string;
  vars: string;
  tags: string;
  opted_out: number;
  added_at: number;
}

function parseVars(json: string): Record<string, string> {
  try {
    const v = JSON.parse(json) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) out[k] = typeof val === 'string' ? val : String(val);
    return out;
  } catch {
    return {};
  }
}

function parseTags(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function toRow(r: RawContact): ContactRow {
  return { id: r.id, e164: r.e164, original: r.original, vars: parseVars(r.vars), optedOut: r.opted_out === 1, tags: parseTags(r.tags), addedAt: r.added_at };
}

function whereOf(filter: SearchFilter): string {
  if (filter.kind === 'prefix') return 'c.e164 >= @from AND c.e164 < @to';
  if (filter.kind === 'like') return "c.search_text LIKE @pattern ESCAPE '\\'";
  return '1';
}

/** SQL for contacts and list membership: paged search, edits, removal from a list. */
export class ContactsRepository {
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Database.Statement>();
  private readonly stmts;

  constructor(db: Database.Database) {
    this.db = db;
    this.stmts = {
      get: db.prepare<[number], RawContact>(
        `SELECT c.id, c.e164, c.original, c.vars, c.tags, c.created_at AS added_at, (o.e164 IS NOT NULL) AS opted_out
         FROM contacts c LEFT JOIN opt_outs o ON o.e164 = c.e164 WHERE c.id = ?`,
      ),
      getInList: db.prepare<[string, number], RawContact>(
        `SELECT c.id, c.e164, c.original, m.vars, c.tags, m.added_at, (o.e164 IS NOT NULL) AS opted_out
         FROM list_members m JOIN contacts c ON c.id = m.contact_id LEFT JOIN opt_outs o ON o.e164 = c.e164
         WHERE m.list_id = ? AND m.contact_id = ?`,
      ),
      updateContact: db.prepare('UPDATE contacts SET vars = @vars, tags = @tags, search_text = @search, updated_at = @now WHERE id = @id'),
      byNumber: db.prepare<[string], { id: number; original: string; vars: string; tags: string }>('SELECT id, original, vars, tags FROM contacts WHERE e164 = ?'),
      insertContact: db.prepare<{ e164: string; original: string; vars: string; tags: string; search: string; now: number }>(
        'INSERT INTO contacts (e164, original, vars, tags, search_text, created_at, updated_at) VALUES (@e164, @original, @vars, @tags, @search, @now, @now)',
      ),
      insertMember: db.prepare<{ listId: string; id: number; vars: string; now: number }>(
        'INSERT OR IGNORE INTO list_members (list_id, contact_id, vars, added_at) VALUES (@listId, @id, @vars, @now)',
      ),
      updateMember: db.prepare('UPDATE list_members SET vars = @vars WHERE list_id = @listId AND contact_id = @id'),
      removeMember: db.prepare('DELETE FROM list_members WHERE list_id = ? AND contact_id = ?'),
      e164sOfList: db.prepare<[string], { e164: string }>(
        'SELECT c.e164 FROM list_members m JOIN contacts c ON c.id = m.contact_id WHERE m.list_id = ? ORDER BY m.contact_id',
      ),
    };
  }

  private prepared(key: string, sql: string): Database.Statement {
    let s = this.cache.get(key);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(key, s);
    }
    return s;
  }

  search(query: string, listId: string | undefined, offset: number, limit: number): ContactPage {
    const filter = searchFilterOf(query);
    const where = whereOf(filter);
    const params: Record<string, unknown> = { offset, limit };
    if (filter.kind === 'prefix') Object.assign(params, { from: filter.from, to: filter.to });
    if (filter.kind === 'like') params.pattern = filter.pattern;
    let from: string;
    let cols: string;
    let order: string;
    if (listId !== undefined) {
      params.listId = listId;
      from = 'list_members m JOIN contacts c ON c.id = m.contact_id';
      cols = 'c.id, c.e164, c.original, m.vars, c.tags, m.added_at';
      order = 'm.contact_id';
    } else {
      from = 'contacts c';
      cols = 'c.id, c.e164, c.original, c.vars, c.tags, c.created_at AS added_at';
      order = 'c.id';
    }
    const listWhere = listId !== undefined ? 'm.list_id = @listId AND ' : '';
    const key = `${listId !== undefined}:${filter.kind}`;
    const rows = this.prepared(
      `rows:${key}`,
      `SELECT ${cols}, (o.e164 IS NOT NULL) AS opted_out FROM ${from} LEFT JOIN opt_outs o ON o.e164 = c.e164
       WHERE ${listWhere}${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    ).all(params) as RawContact[];
    const countParams = { ...params };
    delete countParams.offset;
    delete countParams.limit;
    const total = (this.prepared(`count:${key}`, `SELECT count(*) AS n FROM ${from} WHERE ${listWhere}${where}`).get(countParams) as { n: number }).n;
    return { rows: rows.map(toRow), total, offset };
  }

  get(id: number, listId?: string): ContactRow | undefined {
    const raw = listId !== undefined ? this.stmts.getInList.get(listId, id) : this.stmts.get.get(id);
    return raw ? toRow(raw) : undefined;
  }

  /** Sets the contact's variables (and the list's copy when `listId` is given) and, when given, its tags. */
  updateVars(id: number, listId: string | undefined, vars: Record<string, string>, now: number, tags?: readonly string[]): boolean {
    const contact = this.stmts.get.get(id);
    if (!contact) return false;
    const json = JSON.stringify(vars);
    const keptTags = tags ?? parseTags(contact.tags);
    return this.db.transaction(() => {
      if (listId !== undefined && this.stmts.updateMember.run({ vars: json, listId, id }).changes === 0) return false;
      this.stmts.updateContact.run({ id, vars: json, tags: JSON.stringify(keptTags), search: searchTextOf(contact.e164, contact.original, vars, keptTags), now });
      return true;
    })();
  }

  /**
   * One number typed in by hand, into a list: a new contact, or one already known (from another list:
   * its variables become these, its tags gain these). Undefined when the list already holds it.
   */
  addToList(listId: string, e164: string, original: string, vars: Record<string, string>, tags: readonly string[], now: number): number | undefined {
    return this.db.transaction(() => {
      const known = this.stmts.byNumber.get(e164);
      let id: number;
      if (known) {
        id = known.id;
        if (this.stmts.getInList.get(listId, id)) return undefined;
        const merged = [...parseTags(known.tags)];
        for (const t of tags) if (!merged.some((m) => m.toLowerCase() === t.toLowerCase())) merged.push(t);
        this.stmts.updateContact.run({ id, vars: JSON.stringify(vars), tags: JSON.stringify(merged), search: searchTextOf(e164, known.original, vars, merged), now });
      } else {
        const row = { e164, original, vars: JSON.stringify(vars), tags: JSON.stringify(tags), search: searchTextOf(e164, original, vars, tags), now };
        id = Number(this.stmts.insertContact.run(row).lastInsertRowid);
      }
      this.stmts.insertMember.run({ listId, id, vars: JSON.stringify(vars), now });
      return id;
    })();
  }

  removeFromList(listId: string, ids: readonly number[]): number {
    return this.db.transaction(() => {
      let n = 0;
      for (const id of ids) n += this.stmts.removeMember.run(listId, id).changes;
      return n;
    })();
  }

  /** Every number in a list, in list order (for export and sending). */
  *iterateList(listId: string): IterableIterator<{ e164: string }> {
    yield* this.stmts.e164sOfList.iterate(listId);
  }

  /** Rows of a list with their variables, for export. */
  listMembers(listId: string): ContactRow[] {
    return (
      this.prepared(
        'members',
        `SELECT c.id, c.e164, c.original, m.vars, c.tags, m.added_at, (o.e164 IS NOT NULL) AS opted_out
         FROM list_members m JOIN contacts c ON c.id = m.contact_id LEFT JOIN opt_outs o ON o.e164 = c.e164
         WHERE m.list_id = ? ORDER BY m.contact_id`,
      ).all(listId) as RawContact[]
    ).map(toRow);
  }
}
