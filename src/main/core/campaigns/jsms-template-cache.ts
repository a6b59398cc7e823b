import type Database from 'better-sqlite3';
import { secretGetter } from '../accounts/account-secrets.ts';
import { AccountsRepository } from '../accounts/accounts-repository.ts';
import type { CoreContext } from '../context.ts';
import { createJsmsClient, type JsmsClient } from '../providers/jsms/client.ts';

/**
 * JSMS template texts and types, read with GET /v1/templates/{id} and kept in `jsms_templates`: the
 * screens show what a template SMS said (sent-text.ts), and the pre-send summary checks the quota the
 * template draws from, fills the template's text into its samples and warns of one not approved. The
 * Templates screen (templates/jsms-catalog.ts) lists the same rows, so what either reads serves both. An approved template cannot change on JSMS (only rejected ones may be edited),
 * so it is read once; one under review or rejected is read again after REFRESH_MS. A failed read is
 * not tried again for RETRY_MS, so an unreachable JSMS slows at most one answer.
 */

export interface JsmsTemplateFacts {
  template: string;
  /** 1 verification code, 2 notice, 3 marketing. */
  type: number;
  /** 0 reviewing, 1 approved, 2 rejected; null when JSMS did not say. */
  status: number | null;
}

export interface TemplateKey {
  accountId: string;
  tempId: number;
}

const REFRESH_MS = 10 * 60_000;
const RETRY_MS = 5 * 60_000;
/** How long an answer waits for templates it does not know yet. */
export const TEMPLATE_WAIT_MS = 2_000;

export interface JsmsTemplateCacheDeps {
  db: Database.Database;
  now: () => number;
  /** The JSMS client of an account, or undefined when it is not a usable JSMS account. */
  client: (accountId: string) => Pick<JsmsClient, 'templateGet'> | undefined;
  onError?: (err: unknown) => void;
  /** A template of this account was read from JSMS (the Templates screen shows it). */
  onRead?: (accountId: string) => void;
}

export function createJsmsTemplateCache(deps: JsmsTemplateCacheDeps) {
  const { db } = deps;
  const read = db.prepare<[string, number], JsmsTemplateFacts & { fetched_at: number }>(
    `SELECT template, type, status, fetched_at FROM jsms_templates WHERE account_id = ? AND temp_id = ?`,
  );
  const write = db.prepare<{ accountId: string; tempId: number; template: string; type: number; status: number | null; now: number }>(
    `INSERT INTO jsms_templates (account_id, temp_id, template, type, status, fetched_at, checked_at, created_at, updated_at)
     VALUES (@accountId, @tempId, @template, @type, @status, @now, @now, @now, @now)
     ON CONFLICT (account_id, temp_id) DO UPDATE SET template = excluded.template, type = excluded.type, status = excluded.status, fetched_at = excluded.fetched_at,
       checked_at = excluded.checked_at, updated_at = excluded.updated_at,
       refuse_reason = CASE WHEN excluded.status = 2 THEN jsms_templates.refuse_reason ELSE NULL END`,
  );
  const inFlight = new Map<string, Promise<void>>();
  const failedAt = new Map<string, number>();
  const keyOf = (k: TemplateKey) => `${k.accountId}|${k.tempId}`;

  const fresh = (row: (JsmsTemplateFacts & { fetched_at: number }) | undefined, maxAgeMs: number) =>
    row !== undefined && (row.status === 1 || deps.now() - row.fetched_at < maxAgeMs);

  function fetchOne(k: TemplateKey): Promise<void> {
    const key = keyOf(k);
    const running = inFlight.get(key);
    if (running) return running;
    const client = deps.client(k.accountId);
    if (!client) return Promise.resolve();
    const p = client
      .templateGet(k.tempId)
      .then((t) => {
        write.run({ accountId: k.accountId, tempId: k.tempId, template: t.template, type: t.type, status: t.status, now: deps.now() });
        failedAt.delete(key);
        deps.onRead?.(k.accountId);
      })
      .catch((err: unknown) => {
        failedAt.set(key, deps.now());
        deps.onError?.(err);
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  }

  /**
   * Reads the templates not known (or due again) from JSMS, waiting at most `waitMs`. True when one was
   * learned. `maxAgeMs`: how old a status not yet approved may be (0: read it again now).
   */
  async function ensure(keys: readonly TemplateKey[], waitMs = TEMPLATE_WAIT_MS, maxAgeMs = REFRESH_MS): Promise<boolean> {
    const due = keys.filter((k) => {
      if (fresh(read.get(k.accountId, k.tempId), maxAgeMs)) return false;
      const failed = failedAt.get(keyOf(k));
      return failed === undefined || deps.now() - failed >= RETRY_MS;
    });
    if (due.length === 0) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([Promise.all(due.map(fetchOne)), timeout]);
    clearTimeout(timer);
    return due.some((k) => read.get(k.accountId, k.tempId) !== undefined);
  }

  return {
    ensure,
    /**
     * The template's text, type and status: from the store, or read from JSMS (waiting at most `waitMs`;
     * one not approved is read again once older than `maxAgeMs`); null when unknown.
     */
    async get(key: TemplateKey, waitMs = TEMPLATE_WAIT_MS, maxAgeMs = REFRESH_MS): Promise<JsmsTemplateFacts | null> {
      await ensure([key], waitMs, maxAgeMs);
      const row = read.get(key.accountId, key.tempId);
      return row ? { template: row.template, type: row.type, status: row.status } : null;
    },
  };
}

export type JsmsTemplateCache = ReturnType<typeof createJsmsTemplateCache>;

/**
 * An answer that may show template sends as "template #id": computed, and computed again once the
 * templates it did not know were read from JSMS (waiting at most TEMPLATE_WAIT_MS).
 */
export async function withTemplateTexts<T>(cache: JsmsTemplateCache, compute: () => T | Promise<T>, keysOf: (value: T) => TemplateKey[]): Promise<T> {
  const first = await compute();
  const keys = keysOf(first);
  if (keys.length === 0) return first;
  return (await cache.ensure(keys)) ? compute() : first;
}

/** The cache of a core: each account's JSMS client made as it is needed, with the account's current settings. */
export function jsmsTemplateCacheFor(ctx: CoreContext): JsmsTemplateCache {
  const accounts = new AccountsRepository(ctx.db);
  return createJsmsTemplateCache({
    db: ctx.db,
    now: () => ctx.clock.now(),
    client: (accountId) => {
      const row = accounts.get(accountId);
      if (!row || row.config.kind !== 'jsms') return undefined;
      const account = { ...row.config, id: row.id };
      return createJsmsClient(account, secretGetter(ctx.secrets, account), { fetch: ctx.fetch, clock: ctx.clock, nextSeq: () => 0, timeoutMs: 8_000 });
    },
    onError: (err) => ctx.log?.warn('jsms.template-read-failed', { error: err instanceof Error ? err.message : String(err) }),
    onRead: (accountId) => ctx.emit('jsmsCatalogChanged', { accountId }),
  });
}
