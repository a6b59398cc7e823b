import { z } from 'zod';
import { importOptionsSchema, regionSchema } from './contacts.ts';

/**
 * Contact lists, contacts and opt-outs as the renderer sees them, plus the input schemas the
 * contract validates. (The import engine's shapes are in contacts.ts.)
 */

/** A contacts file is at most 45 MB. It comes as an upload (shared/uploads.ts: in parts, named by its
 * uploadId) or, small, as base64 inside the JSON input (the headless bridge takes bodies up to 64 MB). */
export const MAX_UPLOAD_BYTES = 45 * 1024 * 1024;
export const MAX_UPLOAD_BASE64 = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4;

export interface ListView {
  id: string;
  name: string;
  /** Contacts in the list. */
  size: number;
  /** How many of them are on the opt-out list. */
  optedOut: number;
  createdAt: number;
  updatedAt: number;
}

export interface ContactRow {
  id: number;
  e164: string;
  /** The cell as it was first imported. */
  original: string;
  /** The list's variables when searching in a list, the contact's latest otherwise. */
  vars: Record<string, string>;
  optedOut: boolean;
  /** Short labels the user gives a contact (searchable); the same in every list. */
  tags: string[];
  /** When it was added to the list (in a list) or created (all contacts). */
  addedAt: number;
}

export interface ContactPage {
  rows: ContactRow[];
  total: number;
  offset: number;
}

export const OPT_OUT_SOURCES = ['manual', 'import', 'keyword'] as const;
export type OptOutSource = (typeof OPT_OUT_SOURCES)[number];

export interface OptOutView {
  e164: string;
  source: OptOutSource;
  note: string;
  createdAt: number;
}

export interface OptOutPage {
  rows: OptOutView[];
  total: number;
  offset: number;
}

/** A file the renderer saves (Blob download): works in Electron and in the browser. */
export interface FileDownload {
  fileName: string;
  mime: string;
  base64: string;
  /** Data rows written (header excluded). */
  rows: number;
}

export interface ImportOpened {
  importId: string;
  fileName: string;
  bytes: number;
  /** Sheet names of a binary workbook (empty for text files), known before any analysis. */
  sheets: string[];
}

export interface ImportCommitSummary {
  listId: string;
  listName: string;
  /** Contacts that were not in the list before. */
  added: number;
  /** Contacts already in the list whose variables were refreshed. */
  updated: number;
  /** Opted-out numbers left out because the caller asked to skip them. */
  skippedOptedOut: number;
  /** Opted-out numbers imported (flagged; never sent to). */
  optedOut: number;
  invalid: number;
  duplicate: number;
}

export interface OptOutImportSummary {
  added: number;
  alreadyListed: number;
  invalid: number;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const listName = z
  .string()
  .trim()
  .min(1, 'Give the list a name')
  .max(80, 'Keep the list name under 80 characters');
const id = z.string().min(1).max(100);
const base64 = z
  .string()
  .min(1, 'The file is empty. Choose a file with numbers in it.')
  .max(MAX_UPLOAD_BASE64, 'This file is larger than 45 MB. Split it into smaller files, or save it as CSV, and import each part.');
const fileName = z.string().trim().min(1).max(255);
const e164Input = z.string().trim().min(1, 'Enter a phone number').max(40, 'That is too long for a phone number');
const varsSchema = z.record(
  z.string().trim().min(1).max(64),
  z.string().max(1000, 'A variable value is at most 1000 characters'),
);

/** A file in an input: inline base64, or the id of an upload (uploadPart) — exactly one of them. */
const fileSource = { base64: base64.optional(), uploadId: id.optional() };
const oneSource = <T extends { base64?: string | undefined; uploadId?: string | undefined }>(v: T) => (v.base64 === undefined) !== (v.uploadId === undefined);
const sourceMessage = { message: 'Choose the file again.', path: ['base64'] };

export const importOpenSchema = z.object({ fileName, ...fileSource }).refine(oneSource, sourceMessage);
export const importAnalyseSchema = z.object({ importId: id, options: importOptionsSchema.prefault({}) });
export const importTargetSchema = z.union([z.object({ listId: id }), z.object({ newListName: listName })]);
export const importCommitSchema = z.object({
  importId: id,
  target: importTargetSchema,
  /** Leave opted-out numbers out of the list (they are never sent to either way). */
  skipOptedOut: z.boolean().default(false),
});
export const importIdSchema = z.object({ importId: id });
export const importRejectsExportSchema = z.object({ importId: id, format: z.enum(EXPORT_FORMATS) });

export const listIdSchema = z.object({ id });
export const listCreateSchema = z.object({ name: listName });
export const listRenameSchema = z.object({ id, name: listName });
export const listMergeSchema = z.object({
  /** Lists whose contacts go into the target. */
  sourceIds: z.array(id).min(1, 'Choose at least one list to merge').max(100),
  targetId: id,
  /** Delete the source lists afterwards. */
  deleteSources: z.boolean().default(true),
});
export const listExportSchema = z.object({ id, format: z.enum(EXPORT_FORMATS) });

export const contactsSearchSchema = z.object({
  query: z.string().trim().max(100).default(''),
  listId: id.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});
/** A contact's tags: trimmed, each at most 32 characters, at most 20, the same tag (any case) once. */
export const tagsSchema = z
  .array(z.string().trim().min(1, 'A tag cannot be empty.').max(32, 'A tag is at most 32 characters.'))
  .max(20, 'A contact has at most 20 tags.')
  .transform((tags) => tags.filter((t, i) => tags.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i));

export const contactUpdateSchema = z.object({
  id: z.number().int().positive(),
  /** Edit the variables this list holds; without it, the contact's own. */
  listId: id.optional(),
  vars: varsSchema,
  /** The contact's tags (absent: unchanged). */
  tags: tagsSchema.optional(),
});
/** One contact typed in by hand, into a list. */
export const contactAddSchema = z.object({
  listId: id,
  number: e164Input,
  vars: varsSchema.default({}),
  tags: tagsSchema.default([]),
});
export const contactsRemoveSchema = z.object({
  listId: id,
  contactIds: z.array(z.number().int().positive()).min(1).max(10_000),
});

export const optOutsListSchema = z.object({
  query: z.string().trim().max(100).default(''),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});
export const optOutAddSchema = z.object({
  numbers: z.array(e164Input).min(1, 'Enter at least one number').max(10_000),
  note: z.string().trim().max(200).default(''),
  region: regionSchema,
});
export const optOutRemoveSchema = z.object({ numbers: z.array(z.string().min(1).max(40)).min(1).max(10_000) });
export const optOutImportSchema = z.object({ fileName, ...fileSource, region: regionSchema }).refine(oneSource, sourceMessage);
export const optOutExportSchema = z.object({ format: z.enum(EXPORT_FORMATS) });
