import { z } from 'zod';
import type { NonMobileKind } from './phone/line-type.ts';

/**
 * Contacts import/export: the plain shapes the renderer and the core share.
 * No node imports here: this file is bundled into the renderer too.
 */

/** What a file really is, decided from its bytes (never from its extension). */
export const IMPORT_FORMATS = ['xlsx', 'xls', 'html', 'xml2003', 'csv', 'txt'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Text encodings the importer can decode. `auto` sniffs BOMs, UTF-16 and UTF-8 validity, else GB18030. */
export const TEXT_ENCODINGS = ['auto', 'utf-8', 'utf-16le', 'utf-16be', 'gb18030'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
export type DecodedEncoding = Exclude<TextEncoding, 'auto'>;

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** Why a row was not imported. Stable codes: the UI translates them; `message` carries the English sentence. */
export const REJECT_REASONS = [
  'empty',
  'not-a-number',
  'too-short',
  'too-long',
  'invalid',
  'precision-lost',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const regionSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'A region is two capital letters, e.g. CN')
  .default('CN');

/** What the caller may decide; everything left out is detected. Columns are 0-based. */
export const importOptionsSchema = z.object({
  /** Default region for numbers written without a country code. */
  region: regionSchema,
  encoding: z.enum(TEXT_ENCODINGS).default('auto'),
  delimiter: z.enum(CSV_DELIMITERS).optional(),
  /** Sheet name to read (workbooks). Default: the first sheet that has data. */
  sheet: z.string().optional(),
  /** 1-based row number of the header as Excel shows it; 0 = no header; undefined = detect. */
  headerRow: z.number().int().min(0).optional(),
  /** 0-based column holding the phone numbers; undefined = detect. */
  phoneColumn: z.number().int().min(0).optional(),
  /** How many rows `preview.rows` holds. */
  previewRows: z.number().int().min(0).max(1000).default(50),
});
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;
export type ImportOptions = z.output<typeof importOptionsSchema>;

/** One source column and the variable it feeds (`{name}` in message text and template parameters). */
export interface ColumnInfo {
  index: number;
  /** Header text as found (empty when there is no header). */
  header: string;
  /** Variable name: sanitised header, unique, or `colN` (1-based). Empty for the phone column. */
  variable: string;
}

export { MAX_IMPORT_COLUMNS, RESERVED_VARIABLES } from './contact-columns.ts';

export interface ColumnMapping {
  /** 1-based header row as Excel shows it; 0 when the file has no header. */
  headerRow: number;
  phoneColumn: number;
  /** How sure the detector was that `phoneColumn` holds phone numbers (0..1 share of valid samples). */
  phoneScore: number;
  columns: ColumnInfo[];
}

export interface ImportedContact {
  /** 1-based row as the user sees it in Excel (header included). */
  row: number;
  /** The cell as read (text), before normalisation. */
  original: string;
  e164: string;
  /** Variable name → cell text. The first occurrence wins when duplicates are merged. */
  vars: Record<string, string>;
  /** How many more rows had the same number (0 = unique); they are listed in `duplicateRows`. */
  duplicates: number;
  optedOut: boolean;
  /** A landline or other number that cannot receive SMS: kept, flagged, and left out of SMS campaigns. */
  nonMobile?: NonMobileKind;
}

/** A row merged into an earlier one with the same number (its empty variables were filled from it). */
export interface DuplicateRow {
  row: number;
  original: string;
  /** The row (as Excel numbers it) whose contact it duplicates. */
  duplicateOf: number;
}

export interface RejectedRow {
  row: number;
  original: string;
  reason: RejectReason;
  message: string;
}

export interface ImportCounts {
  /** Rows read below the header (blank rows skipped). */
  total: number;
  /** Distinct valid numbers (opted-out ones included). */
  valid: number;
  invalid: number;
  /** Rows merged into an earlier row with the same number. */
  duplicate: number;
  optedOut: number;
  /** Landlines and other numbers that cannot receive SMS (imported, flagged). */
  nonMobile: number;
}

export interface SheetInfo {
  name: string;
  rows: number;
  columns: number;
}

export interface ImportSource {
  format: ImportFormat;
  /** Workbooks: every sheet, so the user can pick another one. */
  sheets: SheetInfo[];
  sheet?: string;
  encoding?: DecodedEncoding;
  delimiter?: CsvDelimiter | 'none';
}

/** The full outcome of the pipeline (kept in main; the renderer gets an ImportPreview). */
export interface ImportResult {
  source: ImportSource;
  mapping: ColumnMapping;
  contacts: ImportedContact[];
  rejects: RejectedRow[];
  duplicateRows: DuplicateRow[];
  counts: ImportCounts;
}

/** What the renderer shows before the user commits the import. */
export interface ImportPreview {
  source: ImportSource;
  mapping: ColumnMapping;
  /** The first N contacts exactly as they will be imported. */
  rows: ImportedContact[];
  counts: ImportCounts;
  /** Every rejected row with its reason. */
  rejects: RejectedRow[];
  /** Every duplicate row, with the row it duplicates. */
  duplicateRows: DuplicateRow[];
}

export const IMPORT_PHASES = ['read', 'parse', 'normalise', 'dedupe'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  /** Unknown (undefined) while the total is not known yet. */
  total?: number;
}

/** Error codes the contacts engine raises (AppError.code). */
export const CONTACTS_ERROR_CODES = [
  'CONTACTS_FILE_EMPTY',
  'CONTACTS_FILE_TOO_LARGE',
  'CONTACTS_TOO_MANY_ROWS',
  'CONTACTS_UNSUPPORTED_FORMAT',
  'CONTACTS_PASSWORD_PROTECTED',
  'CONTACTS_CORRUPT_FILE',
  'CONTACTS_ZIP_BOMB',
  'CONTACTS_SHEET_NOT_FOUND',
  'CONTACTS_NO_DATA',
  'CONTACTS_NO_PHONE_COLUMN',
  'CONTACTS_BAD_ENCODING',
  'CONTACTS_IMPORT_CANCELLED',
  'CONTACTS_IMPORT_TIMEOUT',
  'CONTACTS_EXPORT_TOO_LARGE',
] as const;
export type ContactsErrorCode = (typeof CONTACTS_ERROR_CODES)[number];
