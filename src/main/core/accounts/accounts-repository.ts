import type Database from 'better-sqlite3';
import { accountConfigSchema, withoutUrlCredentials, type AccountConfig, type ProviderKind } from '../../../shared/accounts.ts';
import { AppError } from '../../../shared/errors.ts';

export interface AccountRow {
  id: string;
  config: AccountConfig;
  createdAt: number;
  updatedAt: number;
}

interface RawRow {
  id: string;
  kind: ProviderKind;
  name: string;
  config: string;
  created_at: number;
  updated_at: number;
}

/** SQL for the accounts table. Non-secret fields only; secrets live in the SecretStore. */
export class AccountsRepository {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(db: Database.Database) {
    this.db = db;
    this.stmts = {
      list: db.prepare<[], RawRow>('SELECT * FROM accounts ORDER BY name COLLATE NOCASE, created_at'),
      get: db.prepare<[string], RawRow>('SELECT * FROM accounts WHERE id = ?'),
      insert: db.prepare('INSERT INTO accounts (id, kind, name, config, created_at, updated_at) VALUES (@id, @kind, @name, @config, @now, @now)'),
      update: db.prepare('UPDATE accounts SET name = @name, config = @config, updated_at = @now WHERE id = @id'),
      delete: db.prepare('DELETE FROM accounts WHERE id = ?'),
      rewrite: db.prepare('UPDATE accounts SET config = @config WHERE id = @id'),
    };
  }

  private static stored(row: RawRow): Record<string, unknown> {
    const raw = JSON.parse(row.config) as Record<string, unknown>;
    return typeof raw.baseUrl === 'string' ? { ...raw, baseUrl: withoutUrlCredentials(raw.baseUrl) } : raw;
  }

  private static fromRaw(row: RawRow): AccountRow {
    // Stored config went through the schema on the way in; parse again so a hand-edited row cannot smuggle junk.
    const config = accountConfigSchema.parse({ ...AccountsRepository.stored(row), kind: row.kind, name: row.name });
    return { id: row.id, config, createdAt: row.created_at, updatedAt: row.updated_at };
  }

  /**
   * Older versions accepted base URLs like `http://user:pw@host`, keeping the password in plain text
   * here: such rows are rewritten without it (they are read without it anyway). Returns how many.
   */
  removeUrlCredentials(): number {
    let n = 0;
    for (const row of this.stmts.list.all()) {
      const stored = AccountsRepository.stored(row);
      if (stored.baseUrl === (JSON.parse(row.config) as Record<string, unknown>).baseUrl) continue;
      this.stmts.rewrite.run({ id: row.id, config: JSON.stringify(stored) });
      n++;
    }
    return n;
  }

  list(): AccountRow[] {
    return this.stmts.list.all().map((r) => AccountsRepository.fromRaw(r));
  }

  get(id: string): AccountRow | undefined {
    const row = this.stmts.get.get(id);
    return row ? AccountsRepository.fromRaw(row) : undefined;
  }

  /** The account, or the error a user understands when it is gone. */
  require(id: string): AccountRow {
    const row = this.get(id);
    if (!row) throw new AppError('ACCOUNT_NOT_FOUND', 'That account no longer exists. It may have been deleted in another window; refresh the list.');
    return row;
  }

  insert(id: string, config: AccountConfig, now: number): void {
    const { kind, name, ...rest } = config;
    this.stmts.insert.run({ id, kind, name, config: JSON.stringify(rest), now });
  }

  update(id: string, config: AccountConfig, now: number): void {
    const { name, ...rest } = config;
    const { kind: _kind, ...fields } = rest;
    this.stmts.update.run({ id, name, config: JSON.stringify(fields), now });
  }

  delete(id: string): boolean {
    return this.stmts.delete.run(id).changes > 0;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
