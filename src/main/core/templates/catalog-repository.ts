import type Database from 'better-sqlite3';
import { jsmsTemplateParams } from '../../../shared/jsms-template.ts';
import { reviewStatusOf, type JsmsSignView, type JsmsTemplateType, type JsmsTemplateView } from '../../../shared/jsms-catalog.ts';

/**
 * SQL for the JSMS templates and signatures the app knows per account (tables jsms_templates and
 * jsms_signs). A template's `fetched_at` is when its text and status were last read or written here:
 * the template cache (campaigns/jsms-template-cache.ts) reads the same rows and goes by it. Status numbers are JSMS's (0 reviewing, 1 passed, 2 rejected), -1 when JSMS no longer
 * has the item, NULL when never read.
 */

export const GONE = -1;

interface RawTemplate {
  account_id: string;
  temp_id: number;
  template: string;
  type: number;
  ttl: number | null;
  remark: string;
  status: number | null;
  refuse_reason: string | null;
  checked_at: number | null;
  updated_at: number;
}

interface RawSign {
  account_id: string;
  sign_id: number;
  sign: string;
  status: number | null;
  use_status: number | null;
  refuse_reason: string | null;
  checked_at: number | null;
  updated_at: number;
}

export interface StoredTemplate {
  template: string;
  type: number;
  ttl: number | null;
  remark: string;
  status: number | null;
}

const templateView = (r: RawTemplate): JsmsTemplateView => ({
  accountId: r.account_id,
  tempId: r.temp_id,
  template: r.template,
  type: (r.type === 1 || r.type === 3 ? r.type : 2) as JsmsTemplateType,
  ttl: r.ttl,
  remark: r.remark,
  status: reviewStatusOf(r.status),
  refuseReason: r.refuse_reason,
  params: jsmsTemplateParams(r.template),
  checkedAt: r.checked_at,
  updatedAt: r.updated_at,
});

const signView = (r: RawSign): JsmsSignView => ({
  accountId: r.account_id,
  signId: r.sign_id,
  sign: r.sign,
  status: reviewStatusOf(r.status),
  inUse: r.use_status === null ? null : r.use_status === 1,
  refuseReason: r.refuse_reason,
  checkedAt: r.checked_at,
  updatedAt: r.updated_at,
});

export function createCatalogRepository(db: Database.Database) {
  const t = {
    list: db.prepare<[string], RawTemplate>('SELECT * FROM jsms_templates WHERE account_id = ? ORDER BY temp_id DESC'),
    get: db.prepare<[string, number], RawTemplate>('SELECT * FROM jsms_templates WHERE account_id = ? AND temp_id = ?'),
    upsert: db.prepare(
      `INSERT INTO jsms_templates (account_id, temp_id, template, type, ttl, remark, status, refuse_reason, checked_at, fetched_at, created_at, updated_at)
       VALUES (@accountId, @tempId, @template, @type, @ttl, @remark, @status, NULL, @checkedAt, @now, @now, @now)
       ON CONFLICT (account_id, temp_id) DO UPDATE SET template = excluded.template, type = excluded.type, ttl = excluded.ttl,
         remark = excluded.remark, status = excluded.status, checked_at = excluded.checked_at, fetched_at = excluded.fetched_at, updated_at = excluded.updated_at,
         refuse_reason = CASE WHEN excluded.status = 2 THEN jsms_templates.refuse_reason ELSE NULL END`,
    ),
    setStatus: db.prepare<{ status: number | null; now: number; accountId: string; id: number }>(
      `UPDATE jsms_templates SET status = @status, checked_at = @now, fetched_at = @now, updated_at = @now,
         refuse_reason = CASE WHEN @status = 2 THEN refuse_reason ELSE NULL END WHERE account_id = @accountId AND temp_id = @id`,
    ),
    review: db.prepare<[number, string | null, number, number, number, string, number]>(
      'UPDATE jsms_templates SET status = ?, refuse_reason = ?, checked_at = ?, fetched_at = ?, updated_at = ? WHERE account_id = ? AND temp_id = ?',
    ),
    remove: db.prepare<[string, number]>('DELETE FROM jsms_templates WHERE account_id = ? AND temp_id = ?'),
  };
  const s = {
    list: db.prepare<[string], RawSign>('SELECT * FROM jsms_signs WHERE account_id = ? ORDER BY sign_id DESC'),
    get: db.prepare<[string, number], RawSign>('SELECT * FROM jsms_signs WHERE account_id = ? AND sign_id = ?'),
    upsert: db.prepare(
      `INSERT INTO jsms_signs (account_id, sign_id, sign, status, use_status, refuse_reason, checked_at, created_at, updated_at)
       VALUES (@accountId, @signId, @sign, @status, @useStatus, NULL, @checkedAt, @now, @now)
       ON CONFLICT (account_id, sign_id) DO UPDATE SET sign = excluded.sign, status = excluded.status, use_status = excluded.use_status,
         checked_at = excluded.checked_at, updated_at = excluded.updated_at,
         refuse_reason = CASE WHEN excluded.status = 2 THEN jsms_signs.refuse_reason ELSE NULL END`,
    ),
    setStatus: db.prepare<{ status: number | null; now: number; accountId: string; id: number }>(
      `UPDATE jsms_signs SET status = @status, checked_at = @now, updated_at = @now,
         refuse_reason = CASE WHEN @status = 2 THEN refuse_reason ELSE NULL END WHERE account_id = @accountId AND sign_id = @id`,
    ),
    review: db.prepare<[number, string | null, number, number, string, number]>('UPDATE jsms_signs SET status = ?, refuse_reason = ?, checked_at = ?, updated_at = ? WHERE account_id = ? AND sign_id = ?'),
    remove: db.prepare<[string, number]>('DELETE FROM jsms_signs WHERE account_id = ? AND sign_id = ?'),
  };

  return {
    templates: (accountId: string): JsmsTemplateView[] => t.list.all(accountId).map(templateView),
    template(accountId: string, tempId: number): JsmsTemplateView | undefined {
      const r = t.get.get(accountId, tempId);
      return r ? templateView(r) : undefined;
    },
    /** Records a template as JSMS holds it (a refusal reason is kept only while it stays rejected). */
    putTemplate(accountId: string, tempId: number, v: StoredTemplate, checkedAt: number | null, now: number): JsmsTemplateView {
      t.upsert.run({ accountId, tempId, template: v.template, type: v.type, ttl: v.ttl, remark: v.remark, status: v.status, checkedAt, now });
      return templateView(t.get.get(accountId, tempId)!);
    },
    /** The status read from JSMS (GONE when it no longer has the template). */
    templateStatus(accountId: string, tempId: number, status: number | null, now: number): void {
      t.setStatus.run({ status, now, accountId, id: tempId });
    },
    /** A review result JSMS pushed (its SMS_TEMPLATE callback), with the reason of a refusal. False when unknown here. */
    templateReviewed(accountId: string, tempId: number, status: number, reason: string | null, now: number): boolean {
      return t.review.run(status, status === 2 ? reason : null, now, now, now, accountId, tempId).changes > 0;
    },
    removeTemplate: (accountId: string, tempId: number) => void t.remove.run(accountId, tempId),

    signs: (accountId: string): JsmsSignView[] => s.list.all(accountId).map(signView),
    sign(accountId: string, signId: number): JsmsSignView | undefined {
      const r = s.get.get(accountId, signId);
      return r ? signView(r) : undefined;
    },
    putSign(accountId: string, signId: number, v: { sign: string; status: number | null; useStatus: number | null }, checkedAt: number | null, now: number): JsmsSignView {
      s.upsert.run({ accountId, signId, sign: v.sign, status: v.status, useStatus: v.useStatus, checkedAt, now });
      return signView(s.get.get(accountId, signId)!);
    },
    signStatus(accountId: string, signId: number, status: number | null, now: number): void {
      s.setStatus.run({ status, now, accountId, id: signId });
    },
    signReviewed(accountId: string, signId: number, status: number, reason: string | null, now: number): boolean {
      return s.review.run(status, status === 2 ? reason : null, now, now, accountId, signId).changes > 0;
    },
    removeSign: (accountId: string, signId: number) => void s.remove.run(accountId, signId),
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
