import type Database from 'better-sqlite3';
import type { AppErrorShape } from '../../../shared/errors.ts';

/**
 * What the app last learned about each account's health (migration 0011): the last connection test,
 * and for GSM boxes whether their push settings were confirmed to point here and when one last pushed.
 * Pushes can come many a second: the time of the last one is kept in memory and written at most once a
 * minute per account (the first push is written at once: it is what clears "no push received yet").
 */

export interface AccountHealthRow {
  accountId: string;
  testedAt: number | null;
  testOk: boolean | null;
  testError: AppErrorShape | null;
  pushConfirmedAt: number | null;
  lastPushAt: number | null;
}

interface RawRow {
  account_id: string;
  tested_at: number | null;
  test_ok: number | null;
  test_code: string | null;
  test_message: string | null;
  push_confirmed_at: number | null;
  last_push_at: number | null;
}

const PUSH_WRITE_EVERY_MS = 60_000;

export class AccountHealth {
  private readonly stmts;
  /** Last push per account as written, to write at most once a minute. */
  private readonly pushWritten = new Map<string, number>();

  constructor(db: Database.Database) {
    // An account deleted meanwhile gets no row (the EXISTS; the foreign key would refuse it).
    this.stmts = {
      all: db.prepare<[], RawRow>('SELECT * FROM account_health'),
      test: db.prepare<[{ id: string; at: number; ok: number; code: string | null; message: string | null }]>(
        `INSERT INTO account_health (account_id, tested_at, test_ok, test_code, test_message)
         SELECT @id, @at, @ok, @code, @message WHERE EXISTS (SELECT 1 FROM accounts WHERE id = @id)
         ON CONFLICT (account_id) DO UPDATE SET tested_at = excluded.tested_at, test_ok = excluded.test_ok,
           test_code = excluded.test_code, test_message = excluded.test_message`,
      ),
      confirm: db.prepare<[{ id: string; at: number }]>(
        `INSERT INTO account_health (account_id, push_confirmed_at) SELECT @id, @at WHERE EXISTS (SELECT 1 FROM accounts WHERE id = @id)
         ON CONFLICT (account_id) DO UPDATE SET push_confirmed_at = excluded.push_confirmed_at`,
      ),
      push: db.prepare<[{ id: string; at: number }]>(
        `INSERT INTO account_health (account_id, last_push_at) SELECT @id, @at WHERE EXISTS (SELECT 1 FROM accounts WHERE id = @id)
         ON CONFLICT (account_id) DO UPDATE SET last_push_at = max(coalesce(last_push_at, 0), excluded.last_push_at)`,
      ),
    };
  }

  /** The result of a connection test (the Accounts screen's or the dashboard's balance check). */
  recordTest(accountId: string, at: number, ok: boolean, error: AppErrorShape | null | undefined): void {
    this.stmts.test.run({ id: accountId, at, ok: ok ? 1 : 0, code: ok ? null : (error?.code ?? null), message: ok ? null : (error?.message ?? null) });
  }

  /** The box's push settings were read back and point at this app. */
  confirmPush(accountId: string, at: number): void {
    this.stmts.confirm.run({ id: accountId, at });
  }

  /** The receiver accepted a push from this account. */
  recordPush(accountId: string, at: number): void {
    const written = this.pushWritten.get(accountId);
    if (written !== undefined && at - written < PUSH_WRITE_EVERY_MS) return;
    this.pushWritten.set(accountId, at);
    this.stmts.push.run({ id: accountId, at });
  }

  all(): Map<string, AccountHealthRow> {
    return new Map(
      this.stmts.all.all().map((r) => [
        r.account_id,
        {
          accountId: r.account_id,
          testedAt: r.tested_at,
          testOk: r.test_ok === null ? null : r.test_ok === 1,
          testError: r.test_ok === 0 ? { code: r.test_code ?? 'TEST_FAILED', message: r.test_message ?? '' } : null,
          pushConfirmedAt: r.push_confirmed_at,
          lastPushAt: r.last_push_at,
        },
      ]),
    );
  }
}
