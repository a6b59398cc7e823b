import { z } from 'zod';

/**
 * Files picked in the window reach main in parts (issue 15): a part of at most UPLOAD_PART_BYTES is
 * decoded and appended to a file on disk in a few milliseconds, where one whole 40 MB file inside a
 * single JSON input held main's event loop for half a second (parse, base64, copies). The import,
 * opt-out import and restore then name the upload instead of carrying the file.
 */
export const UPLOAD_PART_BYTES = 1024 * 1024;
/** The most one upload may hold: a contacts file is checked against its own limit when opened. */
export const MAX_UPLOAD_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;

export const uploadPartSchema = z.object({
  /** Omit for the first part: the answer carries the id for the next ones. */
  uploadId: z.string().min(1).max(100).optional(),
  fileName: z.string().trim().min(1).max(255),
  /** The whole file's size in bytes (the same in every part). */
  size: z.number().int().min(1, 'The file is empty. Choose a file with something in it.').max(MAX_UPLOAD_TOTAL_BYTES, 'This file is larger than 2 GB.'),
  base64: z.string().min(1).max(Math.ceil(UPLOAD_PART_BYTES / 3) * 4 + 4),
});
export type UploadPartInput = z.input<typeof uploadPartSchema>;

export interface UploadProgress {
  uploadId: string;
  /** Bytes received so far; the upload is complete when it equals the size. */
  received: number;
  size: number;
}
