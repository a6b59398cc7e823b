import type Database from 'better-sqlite3';
import type { AuditAction, AuditEntry, AuditPage } from '../../../shared/desktop.ts';
import type { ExportTable } from '../contacts/export/table.ts';

export interface AuditRecord {
  action: AuditAction;
  targetId?: string | null;
  summary?: string;
  source?: AuditEntry['source'];
}

export interface AuditLog {
  record(entry: AuditRecord): void;
  list(query: { action?: AuditAction | undefined; offset: number; limit: number }): AuditPage;
  table(timeZoneFormat?: (at: number) => string): ExportTable;
}

interface RawAudit {
  id: number;
  at: number;
  actor: string;
  source: AuditEntry['source'];
  action: AuditAction;
  target_id: string | null;
  summary: string;
}

const toEntry = (r: RawAudit): AuditEntry => ({ id: r.id, at: r.at, actor: r.actor, source: r.source, action: r.action, targetId: r.target_id, summary: r.summary });

/** The audit log in SQLite (migration 0006). Recording never throws: a failed audit write is reported, not fatal. */
export function createAuditLog(db: Database.Database, deps: { now: () => number; actor: string; onError?: (err: unknown) => void }): AuditLog {
  let insert: Database.Statement<[number, string, string, string, string | null, string]> | null = null;
  return {
    record(entry) {
      try {
        insert ??= db.prepare('INSERT INTO audit_log (at, actor, source, action, target_id, summary) VALUES (?, ?, ?, ?, ?, ?)');
        insert.run(deps.now(), deps.actor, entry.source ?? 'ui', entry.action, entry.targetId ?? null, (entry.summary ?? '').slice(0, 500));
      } catch (err) {
        deps.onError?.(err);
      }
    },
    list({ action, offset, limit }) {
      const where = action ? 'WHERE action = ?' : '';
      const args = action ? [action] : [];
      const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM audit_log ${where}`).get(...args)!.n;
      const rows = db.prepare<unknown[], RawAudit>(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...args, limit, offset).map(toEntry);
      return { total, rows };
    },
    table(format = (at) => new Date(at).toISOString()) {
      const stmt = db.prepare<[], RawAudit>('SELECT * FROM audit_log ORDER BY id');
      return {
        headers: ['time', 'user', 'source', 'action', 'target', 'summary'],
        rows: (function* () {
          for (const r of stmt.iterate()) yield [format(r.at), r.actor, r.source, r.action, r.target_id ?? '', r.summary];
        })(),
      };
    },
  };
}
