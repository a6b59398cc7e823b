import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { ImportedContact } from '../../../../shared/contacts.ts';
import { searchTextOf } from './search-text.ts';

export interface WriteTarget {
  listId: string;
  /** Set when the list must be created inside the same transaction. */
  createName?: string;
}

export interface WriteOptions {
  now: number;
  skipOptedOut: boolean;
  /** The job's id (default: a new one). */
  jobId?: string;
  /** Called every `PROGRESS_EVERY` rows inside the transaction; a throw rolls everything back. */
  onProgress?: (done: number, total: number) => void;
}

export interface WriteOutcome {
  added: number;
  updated: number;
  skippedOptedOut: number;
}

export const PROGRESS_EVERY = 5_000;

/** Rows per multi-row statement: 500 × 7 parameters stays far below SQLite's variable limit. */
const CHUNK = 500;

/**
 * Writes analysed contacts into a list. A big import is written in steps (issue 15), each a short
 * transaction with main's event loop free between them: `begin` records the job (a new list is
 * created hidden, state `importing`), `writeChunk` writes each chunk, `finish` shows the list. Every
 * member written carries the job's id, so `undoStep` can take a job back — a failure part-way, or a
 * crash (`unfinished` jobs are undone at the next start): no half-imported list is ever shown.
 * `write` does it all in ONE transaction, for small sets. Rows go in chunks of multi-row statements
 * (one upsert into contacts, one member insert) rather than two or three statements per row.
 */
export interface ImportJob {
  id: string;
  listId: string;
  newList: boolean;
}

export class ImportWriter {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly chunkStmts = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.db = db;
    this.stmts = {
      createList: db.prepare(`INSERT INTO lists (id, name, created_at, updated_at, state) VALUES (@id, @name, @now, @now, 'importing')`),
      touchList: db.prepare('UPDATE lists SET updated_at = @now WHERE id = @id'),
      showList: db.prepare(`UPDATE lists SET state = 'ready', updated_at = ? WHERE id = ? AND state = 'importing'`),
      insertJob: db.prepare<[string, string, number, number]>(`INSERT INTO imports (id, list_id, state, new_list, started_at) VALUES (?, ?, 'writing', ?, ?)`),
      endJob: db.prepare<[string, number, string]>(`UPDATE imports SET state = ?, finished_at = ? WHERE id = ?`),
      unfinished: db.prepare<[], { id: string; list_id: string; new_list: number }>(`SELECT id, list_id, new_list FROM imports WHERE state = 'writing'`),
      someMembers: db.prepare<[string, string, number], number>(`SELECT contact_id FROM list_members WHERE list_id = ? AND import_id = ? LIMIT ?`).pluck(),
      deleteMembers: db.prepare<[string, string]>(`DELETE FROM list_members WHERE list_id = ? AND contact_id IN (SELECT value FROM json_each(?))`),
      /** Contacts the job created that are now in no list. */
      deleteOwnContacts: db.prepare<[string, string]>(
        `DELETE FROM contacts WHERE id IN (SELECT value FROM json_each(?)) AND import_id = ? AND NOT EXISTS (SELECT 1 FROM list_members m WHERE m.contact_id = contacts.id)`,
      ),
      deleteList: db.prepare<[string]>(`DELETE FROM lists WHERE id = ?`),
      // Per row on purpose: as one UPDATE … FROM (VALUES …) SQLite's plan scanned the list per chunk.
      refreshMember: db.prepare('UPDATE list_members SET vars = ? WHERE list_id = ? AND contact_id = (SELECT id FROM contacts WHERE e164 = ?)'),
    };
  }

  /** The multi-row statements for `n` rows, prepared once per size. */
  private chunk(kind: 'upsert' | 'add', n: number): Database.Statement {
    const key = `${kind}:${n}`;
    let stmt = this.chunkStmts.get(key);
    if (stmt) return stmt;
    if (kind === 'upsert') {
      stmt = this.db.prepare(
        `INSERT INTO contacts (e164, original, vars, search_text, created_at, updated_at, import_id)
         VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON CONFLICT (e164) DO UPDATE SET vars = excluded.vars, updated_at = excluded.updated_at,
           -- the contact's tags stay searchable (search-text.ts puts them last, lower-cased)
           search_text = excluded.search_text || coalesce(char(31) || lower((SELECT group_concat(value, char(31)) FROM json_each(contacts.tags))), '')`,
      );
    } else {
      const values = Array.from({ length: n }, () => '(?, ?)').join(', ');
      stmt = this.db.prepare(
        `INSERT OR IGNORE INTO list_members (list_id, contact_id, vars, added_at, import_id)
         SELECT ?, c.id, v.column2, ?, ? FROM (VALUES ${values}) AS v JOIN contacts c ON c.e164 = v.column1`,
      );
    }
    this.chunkStmts.set(key, stmt);
    return stmt;
  }

  /** Records the job; a new list is created hidden until `finish`. */
  begin(target: WriteTarget, jobId: string, now: number): ImportJob {
    const newList = target.createName !== undefined;
    this.db.transaction(() => {
      if (newList) this.stmts.createList.run({ id: target.listId, name: target.createName, now });
      else this.stmts.touchList.run({ id: target.listId, now });
      this.stmts.insertJob.run(jobId, target.listId, newList ? 1 : 0, now);
    })();
    return { id: jobId, listId: target.listId, newList };
  }

  /** One step: these contacts into the job's list, in one transaction. */
  writeChunk(job: ImportJob, contacts: readonly ImportedContact[], opts: { now: number; skipOptedOut: boolean }): WriteOutcome {
    return this.db.transaction((): WriteOutcome => {
      const out: WriteOutcome = { added: 0, updated: 0, skippedOptedOut: 0 };
      let pending: ImportedContact[] = [];
      for (const c of contacts) {
        if (c.optedOut && opts.skipOptedOut) {
          out.skippedOptedOut++;
          continue;
        }
        pending.push(c);
        if (pending.length === CHUNK) {
          this.flush(job, pending, opts.now, out);
          pending = [];
        }
      }
      this.flush(job, pending, opts.now, out);
      return out;
    }).immediate();
  }

  /** The last step: the list is shown (a new one) and the job done. */
  finish(job: ImportJob, now: number): void {
    this.db.transaction(() => {
      if (job.newList) this.stmts.showList.run(now, job.listId);
      else this.stmts.touchList.run({ id: job.listId, now });
      this.stmts.endJob.run('done', now, job.id);
    })();
  }

  /** Jobs a crash (or a failure) left half-written. */
  unfinished(): ImportJob[] {
    return this.stmts.unfinished.all().map((r) => ({ id: r.id, listId: r.list_id, newList: r.new_list === 1 }));
  }

  /**
   * One step of taking a job back: up to `limit` members it wrote go, and the contacts it created that
   * are now in no list; when none are left, a list the job created goes too and the job is marked undone.
   * Returns true while more remain.
   */
  undoStep(job: ImportJob, limit: number, now: number): boolean {
    return this.db.transaction(() => {
      const ids = this.stmts.someMembers.all(job.listId, job.id, limit);
      if (ids.length > 0) {
        const json = JSON.stringify(ids);
        this.stmts.deleteMembers.run(job.listId, json);
        this.stmts.deleteOwnContacts.run(json, job.id);
        return true;
      }
      if (job.newList) this.stmts.deleteList.run(job.listId);
      this.stmts.endJob.run('undone', now, job.id);
      return false;
    })();
  }

  /** The whole import in ONE transaction (small sets): any failure leaves the database untouched. */
  write(contacts: readonly ImportedContact[], target: WriteTarget, opts: WriteOptions): WriteOutcome {
    return this.db.transaction((): WriteOutcome => {
      const job = this.begin(target, opts.jobId ?? randomUUID(), opts.now);
      const out: WriteOutcome = { added: 0, updated: 0, skippedOptedOut: 0 };
      const total = contacts.length;
      for (let i = 0; i < total; i += PROGRESS_EVERY) {
        opts.onProgress?.(i, total);
        const r = this.writeChunk(job, contacts.slice(i, i + PROGRESS_EVERY), opts);
        out.added += r.added;
        out.updated += r.updated;
        out.skippedOptedOut += r.skippedOptedOut;
      }
      opts.onProgress?.(total, total);
      this.finish(job, opts.now);
      return out;
    }).immediate();
  }

  private flush(job: ImportJob, pending: readonly ImportedContact[], now: number, out: WriteOutcome): void {
    const n = pending.length;
    if (n === 0) return;
    const contactRows: unknown[] = new Array(n * 7);
    const memberRows: unknown[] = new Array(n * 2);
    for (let k = 0; k < n; k++) {
      const c = pending[k]!;
      const vars = JSON.stringify(c.vars);
      contactRows[k * 7] = c.e164;
      contactRows[k * 7 + 1] = c.original;
      contactRows[k * 7 + 2] = vars;
      contactRows[k * 7 + 3] = searchTextOf(c.e164, c.original, c.vars);
      contactRows[k * 7 + 4] = now;
      contactRows[k * 7 + 5] = now;
      contactRows[k * 7 + 6] = job.id;
      memberRows[k * 2] = c.e164;
      memberRows[k * 2 + 1] = vars;
    }
    this.chunk('upsert', n).run(contactRows);
    // An existing list: refresh the members it already has first; the insert then adds the rest.
    let refreshed = 0;
    if (!job.newList) {
      for (let k = 0; k < n; k++) refreshed += this.stmts.refreshMember.run(memberRows[k * 2 + 1], job.listId, memberRows[k * 2]).changes;
    }
    out.added += this.chunk('add', n).run([job.listId, now, job.id, ...memberRows]).changes;
    out.updated += refreshed;
  }
}
