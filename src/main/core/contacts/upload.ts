import { MAX_UPLOAD_BYTES } from '../../../shared/contact-lists.ts';
import { AppError } from '../../../shared/errors.ts';

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
  if (bytes.byteLength > MAX_UPLOAD_BYTES) {
    throw new AppError(
      'CONTACTS_FILE_TOO_LARGE',
      `“${fileName}” is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB. Split it into smaller files, or save it as CSV, and import each part.`,
      { kind: 'limit' },
    );
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
