import { z } from 'zod';

/**
 * JSMS templates and signatures as the app keeps them per account (the Templates screen, and the
 * pickers of Compose and Schedules). JSMS has no call that lists them: the app knows the ones created
 * here or added by id, with the review status last read from JSMS and, when JSMS pushed it to the
 * receiver, the reason a review failed.
 */

/** JSMS template types: 1 verification code, 2 notice, 3 marketing. */
export const JSMS_TEMPLATE_TYPES = [1, 2, 3] as const;
export type JsmsTemplateType = (typeof JSMS_TEMPLATE_TYPES)[number];

/** reviewing (0), passed (1), rejected (2); gone: JSMS no longer has it; unknown: never read. */
export type ReviewStatus = 'reviewing' | 'passed' | 'rejected' | 'gone' | 'unknown';

export interface JsmsTemplateView {
  accountId: string;
  tempId: number;
  template: string;
  type: JsmsTemplateType;
  /** Verification codes: how long a code stays valid (s). */
  ttl: number | null;
  remark: string;
  status: ReviewStatus;
  /** Why JSMS rejected it, when JSMS said (its review callback); null otherwise. */
  refuseReason: string | null;
  /** The `{{parameters}}` the text uses, in order. */
  params: string[];
  /** When the status was last read from JSMS (epoch ms), null when never. */
  checkedAt: number | null;
  updatedAt: number;
}

export interface JsmsSignView {
  accountId: string;
  signId: number;
  sign: string;
  status: ReviewStatus;
  /** Whether JSMS uses it (use_status 1); null when unknown. */
  inUse: boolean | null;
  refuseReason: string | null;
  checkedAt: number | null;
  updatedAt: number;
}

const accountId = z.string().min(1).max(100);
const positiveId = z.coerce.number().int().positive('Enter the id (a number from the JSMS console).');

export const catalogAccountSchema = z.object({ accountId });

/** A template as JSMS takes it: text ≤ 350 characters, a type, a ttl for code templates, a remark ≤ 500. */
export const jsmsTemplateFieldsSchema = z
  .object({
    template: z.string().trim().min(1, 'Write the template text.').max(350, 'A template is at most 350 characters (with the signature).'),
    type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    ttl: z.number().int().min(1, 'Use a validity from 1 to 86400 seconds.').max(86_400, 'Use a validity from 1 to 86400 seconds.').optional(),
    remark: z.string().trim().max(500, 'A remark is at most 500 characters.').default(''),
  })
  .refine((t) => t.type !== 1 || t.ttl !== undefined, { message: 'A verification-code template needs a validity (ttl).', path: ['ttl'] });

export const jsmsTemplateCreateSchema = z.object({ accountId, fields: jsmsTemplateFieldsSchema });
export const jsmsTemplateUpdateSchema = z.object({ accountId, tempId: positiveId, fields: jsmsTemplateFieldsSchema });
export const jsmsTemplateIdSchema = z.object({ accountId, tempId: positiveId });
/** Refresh one template's status, or (no id) every known one of the account. */
export const jsmsTemplateRefreshSchema = z.object({ accountId, tempId: positiveId.optional() });

/** A picture sent with a signature for review (JSMS takes up to four). */
export const signImageSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  mime: z.enum(['image/jpeg', 'image/png']),
  /** ≤ 2 MB of picture. */
  base64: z.string().max(2_800_000, 'A picture is at most 2 MB.'),
});
export const jsmsSignFieldsSchema = z.object({
  sign: z.string().trim().min(1, 'Write the signature text.').max(20, 'A signature is at most 20 characters.'),
  images: z.array(signImageSchema).max(4, 'JSMS takes at most four pictures with a signature.').default([]),
});
export const jsmsSignCreateSchema = z.object({ accountId, fields: jsmsSignFieldsSchema });
export const jsmsSignUpdateSchema = z.object({ accountId, signId: positiveId, fields: jsmsSignFieldsSchema });
export const jsmsSignIdSchema = z.object({ accountId, signId: positiveId });
export const jsmsSignRefreshSchema = z.object({ accountId, signId: positiveId.optional() });

/** The numbers JSMS uses for a review status. */
export function reviewStatusOf(code: number | null): ReviewStatus {
  if (code === 0) return 'reviewing';
  if (code === 1) return 'passed';
  if (code === 2) return 'rejected';
  if (code === -1) return 'gone';
  return 'unknown';
}
