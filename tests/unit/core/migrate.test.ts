import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, DATABASE_FILE } from '../../../src/main/core/store/database.ts';
import { migrate } from '../../../src/main/core/store/migrate.ts';
import { MIGRATIONS } from '../../../src/main/core/store/migrations/index.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

let cleanup = () => {};
afterEach(() => cleanup());

describe('database and migrations', () => {
  it('creates the schema in WAL mode with foreign keys on', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const { db, schemaVersion } = openDatabase(t.dir);
    expect(schemaVersion).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('is idempotent on reopen', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    openDatabase(t.dir).db.close();
    const again = openDatabase(t.dir);
    expect(again.schemaVersion).toBe(MIGRATIONS.length);
    again.db.close();
  });

  it('refuses a database from a newer app with a clear error and leaves it untouched', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const raw = new Database(join(t.dir, DATABASE_FILE));
    raw.exec('CREATE TABLE precious (x INTEGER); INSERT INTO precious VALUES (42);');
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(t.dir)).toThrowError(/newer version of SMS Console/);
    const check = new Database(join(t.dir, DATABASE_FILE));
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    expect(check.prepare('SELECT x FROM precious').get()).toEqual({ x: 42 });
    check.close();
  });

  it('0010 tells the replies and box push tests an older version wrote (one message, named by the app) from campaigns', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 9));
    const add = db.prepare(`INSERT INTO campaigns (id, name, account_id, provider, content, state, total, created_at, updated_at, retry_of) VALUES (?, ?, 'a', ?, '{}', 'done', ?, 1, 1, ?)`);
    add.run('reply', 'Reply to +8613800000001', 'eims', 1, null);
    add.run('test', 'Box push test', 'gsmbox', 1, null);
    add.run('named-like-a-reply', 'Reply to our customers', 'eims', 250, null);
    add.run('retry-of-reply', 'Reply to +8613800000001 (retry)', 'eims', 1, 'reply');
    add.run('plain', 'Spring sale', 'eims', 1, null);
    migrate(db, MIGRATIONS);
    const kinds = Object.fromEntries((db.prepare('SELECT id, kind FROM campaigns').all() as { id: string; kind: string }[]).map((r) => [r.id, r.kind]));
    expect(kinds).toEqual({ reply: 'reply', test: 'test', 'named-like-a-reply': 'campaign', 'retry-of-reply': 'campaign', plain: 'campaign' });
    expect(() => db.prepare(`UPDATE campaigns SET kind = 'other' WHERE id = 'plain'`).run()).toThrow(/CHECK/);
    db.close();
  });

  it('rolls back a failing step: earlier steps stay, the failed one leaves nothing', () => {
    const db = new Database(':memory:');
    const steps = [
      { version: 1, name: 'ok', up: 'CREATE TABLE a (x);' },
      { version: 2, name: 'broken', up: 'CREATE TABLE b (x); THIS IS NOT SQL;' },
    ];
    expect(() => migrate(db, steps)).toThrowError(/schema 2/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    expect(tables).toEqual([{ name: 'a' }]);
    db.close();
  });

  it('refuses a garbage file instead of overwriting it', async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const { writeFileSync, readFileSync } = await import('node:fs');
    const file = join(t.dir, DATABASE_FILE);
    writeFileSync(file, 'this is not a database'.repeat(100));
    expect(() => openDatabase(t.dir)).toThrowError(/damaged or not an SMS Console database/);
    expect(readFileSync(file, 'utf8').startsWith('this is not a database')).toBe(true);
  });
});
