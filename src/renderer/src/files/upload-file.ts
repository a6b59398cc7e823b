import { UPLOAD_PART_BYTES } from '../../../shared/uploads.ts';
import { getApi } from '../api.ts';
import { readFileBase64 } from './read-file.ts';

/**
 * Sends a picked file to main in parts of UPLOAD_PART_BYTES (shared/uploads.ts: main decodes and
 * writes each in a few milliseconds instead of parsing one huge input); resolves with the upload's id,
 * which the import, opt-out import or restore then names. `onProgress` gets the bytes sent so far.
 */
export async function uploadFile(file: File, onProgress?: (sent: number, size: number) => void): Promise<string> {
  let uploadId: string | undefined;
  for (let offset = 0; offset < file.size; offset += UPLOAD_PART_BYTES) {
    const base64 = await readFileBase64(file.slice(offset, offset + UPLOAD_PART_BYTES));
    const r = await getApi().uploadPart({ ...(uploadId ? { uploadId } : {}), fileName: file.name, size: file.size, base64 });
    uploadId = r.uploadId;
    onProgress?.(r.received, r.size);
  }
  if (!uploadId) throw new Error('The file is empty.');
  return uploadId;
}
