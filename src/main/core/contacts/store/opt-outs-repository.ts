import type Database from 'better-sqlite3';
import type { OptOutPage, OptOutSource, OptOutView } from '../../../../shared/contact-lists.ts';
import { searchFilterOf } from './search-text.ts';

interface RawOptOut {
  e164: string;
  source: OptOutSource;
  note: string;
  created_at: number;
}

const toView = (r: RawOptOut): OptOutView => ({ e164: r.e164, source: r.source, note: r.note, createdAt: r.created_at });

/**
 * The opt-out list: numbers that must never be sent to. The sending layer asks `isOptedOut` /
 * `filterOptedOut` right before handing numbers to a provider.
 */
export class OptOutsRepository {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(db: Database.Database) {
    this.db = db;
    this.stmts = {
      has: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM opt_outs WHERE e164 = ?'),
      insert: db.prepare('INSERT OR IGNORE INTO opt_outs (e164, source, note, created_at) VALUES (@e164, @source, @note, @now)'),
      remove: db.prepare('DELETE FROM opt_outs WHERE e164 = ?'),
      all: db.prepare<[], RawOptOut>('SELECT * FROM opt_outs ORDER BY created_at DESC, e164'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM opt_outs'),
      pageAll: db.prepare<{ limit: number; offset: number }, RawOptOut>('SELECT * FROM opt_outs ORDER BY created_at DESC, e164 LIMIT @limit OFFSET @offset'),
      pageLike: db.prepare<{ pattern: string; limit: number; offset: number }, RawOptOut>(
        "SELECT * FROM opt_outs WHERE e164 LIKE @pattern ESCAPE '\\' OR note LIKE @pattern ESCAPE '\\' ORDER BY created_at DESC, e164 LIMIT @limit OFFSET @offset",
      ),
      countLike: db.prepare<{ pattern: string }, { n: number }>(
        "SELECT count(*) AS n FROM opt_outs WHERE e164 LIKE @pattern ESCAPE '\\' OR note LIKE @pattern ESCAPE '\\'",
      ),
    };
  }

  isOptedOut(e164: string): boolean {
    return this.stmts.has.get(e164) !== undefined;
  }

  /**
   * A lookup for checking many numbers at once (an import flags every contact): the list read once
   * into a Set when it is of a sane size (none: a constant), else the per-number query. Reflects the
   * list as it is now.
   */
  lookup(maxInMemory = 500_000): (e164: string) => boolean {
    const n = this.stmts.count.get()?.n ?? 0;
    if (n === 0) return () => false;
    if (n > maxInMemory) return (e164) => this.isOptedOut(e164);
    const set = new Set(this.db.prepare<[], { e164: string }>('SELECT e164 FROM opt_outs').pluck().all() as unknown as string[]);
    return (e164) => set.has(e164);
  }

  /** Splits numbers into those that may be sent to and those on the opt-out list. */
  filterOptedOut(e164s: readonly string[]): { allowed: string[]; optedOut: string[] } {
    const allowed: string[] = [];
    const optedOut: string[] = [];
    for (const n of e164s) (this.isOptedOut(n) ? optedOut : allowed).push(n);
    return { allowed, optedOut };
  }

  /** Adds numbers not listed yet (one transaction). Returns how many were new. */
  add(e164s: Iterable<string>, source: OptOutSource, note: string, now: number): number {
    return this.db.transaction(() => {
      let n = 0;
      for (const e164 of e164s) n += this.stmts.insert.run({ e164, source, note, now }).changes;
      return n;
    })();
  }

  remove(e164s: readonly string[]): number {
    return this.db.transaction(() => {
      let n = 0;
      for (const e164 of e164s) n += this.stmts.remove.run(e164).changes;
      return n;
    })();
  }

  page(query: string, offset: number, limit: number): OptOutPage {
    const filter = searchFilterOf(query);
    if (filter.kind === 'none') {
      return { rows: this.stmts.pageAll.all({ limit, offset }).map(toView), total: this.stmts.count.get()!.n, offset };
    }
    const pattern = filter.kind === 'prefix' ? `${filter.from.replace(/[\\%_]/g, '')}%` : filter.pattern;
    return {
      rows: this.stmts.pageLike.all({ pattern, limit, offset }).map(toView),
      total: this.stmts.countLike.get({ pattern })!.n,
      offset,
    };
  }

  all(): OptOutView[] {
    return this.stmts.all.all().map(toView);
  }
}
