import { z } from 'zod';

/** JSMS reply shapes. Ids come as strings in some replies and numbers in others: always normalised to strings. */

export const idString = z.union([z.string().min(1), z.number()]).transform((v) => String(v));
const intLike = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform((v) => Number(v));
const count = intLike.optional();
const quotaValue = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]).nullable();
/** A quota that may be absent or null (= none assigned). */
const quota = quotaValue.optional().transform((v) => v ?? null);
const tempPara = z.record(z.string(), z.unknown()).optional().nullable();

export const jsmsErrorReply = z.object({
  error: z.object({
    code: intLike,
    message: z.string().optional(),
  }),
});

export const msgIdReply = z.object({ msg_id: idString });

export const validReply = z.object({
  is_valid: z.boolean(),
  error: z.object({ code: intLike, message: z.string().optional() }).optional(),
});

/** A recipient row in batch replies: accepted ({msg_id, mobile}) or rejected ({error_code, error_message, mobile}). */
export const batchRecipient = z.object({
  msg_id: idString.optional(),
  mobile: idString,
  error_code: intLike.optional(),
  error_message: z.string().optional(),
  temp_para: tempPara,
});
export type JsmsBatchRecipientRow = z.output<typeof batchRecipient>;

export const batchReply = z.object({
  success_count: count,
  failure_count: count,
  recipients: z.array(batchRecipient).optional(),
  failure_recipients: z.array(batchRecipient).optional(),
});

export const scheduleReply = z.object({ schedule_id: idString });

export const scheduleBatchReply = batchReply.extend({ schedule_id: idString });

export const scheduleQueryReply = z.object({
  schedule_id: idString,
  send_time: z.string(),
  temp_id: intLike,
  recipients: z
    .array(
      z.object({
        msg_id: idString.optional(),
        mobile: idString,
        temp_para: tempPara,
      }),
    )
    .default([]),
});

export const devBalanceReply = z.object({
  dev_balance: quotaValue,
  dev_voice: quota,
  dev_industry: quota,
  dev_market: quota,
});

export const appBalanceReply = z.object({
  app_balance: quotaValue,
  app_voice: quota,
  app_industry: quota,
  app_market: quota,
});

export const templateIdReply = z.object({ temp_id: intLike });

export const templateReply = z.object({
  temp_id: intLike,
  template: z.string(),
  type: intLike,
  ttl: intLike.optional().nullable(),
  remark: z.string().optional().nullable(),
  status: intLike.optional().nullable(),
});

export const signIdReply = z.object({ sign_id: intLike });

export const signReply = z.object({
  sign_id: intLike,
  sign: z.string(),
  status: intLike.optional().nullable(),
  use_status: intLike.optional().nullable(),
});

/**
 * GET /v1/report and /v1/reply. The reply format is not in the seeds; assumed: a JSON array of the same
 * records a push carries in `data` (report `{msgId, status, phone?, receiveTime?}`, reply
 * `{phone, content, replyTime?}`). Items are left unparsed here: monitoring/jsms-records.ts reads them
 * one by one, so one unreadable record does not lose the others (each is returned only once).
 */
export const pullReply = z.array(z.unknown());
