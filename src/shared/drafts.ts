import { z } from 'zod';

/**
 * A compose form kept to finish later ("Save as draft"), or a campaign copied to send again
 * ("Duplicate"). It is the form as the user left it — possibly incomplete (no account yet, a template
 * id still empty) — so only sizes are checked here; the campaign rules apply when it is reviewed.
 */
export const savedFormSchema = z.object({
  name: z.string().max(100).default(''),
  accountId: z.string().max(100).nullable().default(null),
  body: z.string().max(2000).default(''),
  sender: z.string().max(20).default(''),
  tempId: z.string().max(20).default(''),
  signId: z.string().max(20).default(''),
  params: z.array(z.object({ name: z.string().max(64), value: z.string().max(500) })).max(50).default([]),
  listIds: z.array(z.string().min(1).max(100)).max(100).default([]),
  pasted: z.string().max(2_000_000).default(''),
  quietHours: z.object({ start: z.string().max(5), end: z.string().max(5) }).nullable().default(null),
  ports: z.array(z.number().int().min(1).max(512)).max(512).default([]),
});
export type SavedForm = z.output<typeof savedFormSchema>;
export type SavedFormInput = z.input<typeof savedFormSchema>;

export const draftSaveSchema = z.object({
  /** Absent: a new draft. */
  id: z.string().min(1).max(100).optional(),
  form: savedFormSchema,
});
export const draftIdSchema = z.object({ id: z.string().min(1).max(100) });

export interface DraftView {
  id: string;
  name: string;
  accountId: string | null;
  /** The account's name, or null (none chosen, or deleted since). */
  accountName: string | null;
  /** The start of the text (free text), to recognise it in the list. */
  text: string;
  /** The JSMS template id as typed ('' for free text). */
  tempId: string;
  createdAt: number;
  updatedAt: number;
}

export interface DraftDetail extends DraftView {
  form: SavedForm;
}
