import { MAX_UPLOAD_BYTES } from '../../../shared/contact-lists.ts';
import { AppError } from '../../../shared/errors.ts';
import { rm } from 'node:fs/promises';
import type { UploadStore } from '../uploads/upload-store.ts';
import type { ImportFile } from './import-session.ts';

/** A file sent as base64 in a method's input → bytes, with clear errors for empty, garbled or too large. */
export function decodeUpload(base64: string, fileName: string): Uint8Array {
  const clean = base64.replace(/^data:[^,]*,/, '');
  if (!/^[A-Za-z0-9+/=_-]*$/.test(clean.slice(0, 1024))) {
    throw new AppError('CONTACTS_BAD_UPLOAD', `“${fileName}” did not arrive intact. Choose the file again.`);
  }
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.byteLength === 0) {
    throw new AppError('CONTACTS_FILE_EMPTY', `“${fileName}” is empty. Choose a file with phone numbers in it.`);
  }
  if (bytes.byteLength > MAX_UPLOAD_BYTES) throw tooLarge(fileName);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const tooLarge = (fileName: string) =>
  new AppError(
    'CONTACTS_FILE_TOO_LARGE',
    `“${fileName}” is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB. Split it into smaller files, or save it as CSV, and import each part.`,
    { kind: 'limit' },
  );

/**
 * A contacts file from a method's input: inline base64 (decoded here) or an upload's file (taken from
 * the upload store; the caller removes it when done). Refused when empty or over MAX_UPLOAD_BYTES.
 */
export async function contactsFile(input: { fileName: string; base64?: string | undefined; uploadId?: string | undefined }, uploads: UploadStore | undefined): Promise<ImportFile> {
  if (input.base64 !== undefined) return { bytes: decodeUpload(input.base64, input.fileName) };
  if (!uploads || input.uploadId === undefined) throw new AppError('UPLOAD_NOT_FOUND', 'The file did not arrive. Choose the file again.');
  const file = await uploads.take(input.uploadId);
  if (file.size > MAX_UPLOAD_BYTES) {
    await rm(file.path, { force: true });
    throw tooLarge(input.fileName);
  }
  return { path: file.path, size: file.size };
}
