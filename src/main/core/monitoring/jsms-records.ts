import { z } from 'zod';
import type { InboundInput } from './inbound-store.ts';
import type { ReportInput } from './report-ingest.ts';

/**
 * One JSMS report or reply record → the ingest's input, the same whether it was pushed to the callback
 * URL (`data` of an SMS_REPORT / SMS_REPLY push) or pulled (GET /v1/report, /v1/reply). The pull format
 * is not in the seeds: it is assumed to be a JSON array of these same records. A record that does not
 * read is skipped (null), never an exception: the others in its batch still count.
 */

export const jsmsReport = z.object({
  msgId: z.union([z.string(), z.number()]).transform(String),
  status: z.coerce.number().int(),
  phone: z.string().max(32).optional(),
  receiveTime: z.coerce.number().optional(),
});

export const jsmsReply = z.object({
  phone: z.string().min(1).max(32),
  content: z.string().max(2000),
  replyTime: z.coerce.number().optional(),
});

export type JsmsSource = 'push' | 'poll';

/** The `data` of an SMS_TEMPLATE / SMS_SIGN callback: 1 passed, 2 rejected with `refuseReason`. */
const jsmsReview = z.object({
  tempId: z.coerce.number().int().positive().optional(),
  signId: z.coerce.number().int().positive().optional(),
  status: z.coerce.number().int(),
  refuseReason: z.string().max(1000).nullable().optional(),
});

/** Every readable review result among `items` (unreadable ones, and ones for the other kind, are skipped). */
export function jsmsReviewInputs(items: readonly unknown[], what: 'template' | 'sign'): { what: 'template' | 'sign'; id: number; status: number; reason: string | null }[] {
  const out: { what: 'template' | 'sign'; id: number; status: number; reason: string | null }[] = [];
  for (const item of items) {
    const r = jsmsReview.safeParse(item);
    const id = r.success ? (what === 'template' ? r.data.tempId : r.data.signId) : undefined;
    if (!r.success || id === undefined || (r.data.status !== 1 && r.data.status !== 2)) continue;
    out.push({ what, id, status: r.data.status, reason: r.data.refuseReason?.trim() || null });
  }
  return out;
}

/** JSMS report status 4001 = delivered; 4002–4100 (and anything else) = not delivered. */
export const JSMS_DELIVERED = 4001;

/**
 * A report record, matched by JSMS's msg_id within the account. With a phone it may also settle an
 * `unknown` message of the account for that number (a batch whose reply was lost: JSMS returns each
 * report once, so one that finds no msg_id would otherwise be gone).
 */
export function jsmsReportInput(item: unknown, accountId: string, source: JsmsSource): ReportInput | null {
  const r = jsmsReport.safeParse(item);
  if (!r.success) return null;
  const { msgId, status, phone } = r.data;
  const delivered = status === JSMS_DELIVERED;
  return {
    match: { by: 'provider-id', accountId, providerId: msgId, ...(phone ? { number: phone, settleUnknownByNumber: true } : {}) },
    state: delivered ? 'delivered' : 'failed',
    source,
    ...(delivered ? {} : { code: `JSMS_REPORT_${status}`, message: `JSMS reports the message was not delivered (status ${status}).` }),
    providerCode: String(status),
    detail: `JSMS report ${status}`,
  };
}

/** A reply record (inbound SMS). `replyTime` may be epoch seconds or ms; without it, `now`. */
export function jsmsReplyInput(item: unknown, accountId: string, source: JsmsSource, now: number): InboundInput | null {
  const r = jsmsReply.safeParse(item);
  if (!r.success) return null;
  const { phone, content, replyTime } = r.data;
  const at = replyTime ? (replyTime < 1e12 ? replyTime * 1000 : replyTime) : now;
  return { accountId, dedupeKey: `${phone}|${replyTime ?? ''}|${content}`.slice(0, 2000), from: phone, text: content, port: null, receivedAt: at, source };
}

/** Every readable report among `items` (unreadable ones are skipped). */
export function jsmsReportInputs(items: readonly unknown[], accountId: string, source: JsmsSource): ReportInput[] {
  const out: ReportInput[] = [];
  for (const item of items) {
    const r = jsmsReportInput(item, accountId, source);
    if (r) out.push(r);
  }
  return out;
}

/** Every readable reply among `items` (unreadable ones are skipped). */
export function jsmsReplyInputs(items: readonly unknown[], accountId: string, source: JsmsSource, now: number): InboundInput[] {
  const out: InboundInput[] = [];
  for (const item of items) {
    const r = jsmsReplyInput(item, accountId, source, now);
    if (r) out.push(r);
  }
  return out;
}
