/**
 * Issue 15: files reach main in parts (uploadPart), each decoded and appended to a file on disk; the
 * import, the opt-out import and the restore name the upload. Same results as a file sent inline, a
 * clear sentence for an upload that did not arrive whole, and nothing left in the uploads folder.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileDownload, ListView, OptOutImportSummary } from '../../../src/shared/contact-lists.ts';
import type { RestoreResult } from '../../../src/shared/desktop.ts';
import { UPLOAD_PART_BYTES, type UploadProgress } from '../../../src/shared/uploads.ts';
import { call } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
beforeEach(async () => {
  tmp = makeTempDir('sms-uploads-');
  tc = makeTestCore(tmp.dir);
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  tmp.cleanup();
});

async function upload(bytes: Buffer, fileName: string, parts = Math.ceil(bytes.byteLength / UPLOAD_PART_BYTES)): Promise<string> {
  let uploadId: string | undefined;
  for (let i = 0; i < parts; i++) {
    const part = bytes.subarray(i * UPLOAD_PART_BYTES, (i + 1) * UPLOAD_PART_BYTES);
    const r = await call<UploadProgress>(tc.core, 'uploadPart', { ...(uploadId ? { uploadId } : {}), fileName, size: bytes.byteLength, base64: part.toString('base64') });
    uploadId = r.uploadId;
    expect(r.received).toBe(Math.min(bytes.byteLength, (i + 1) * UPLOAD_PART_BYTES));
  }
  return uploadId!;
}

const uploadsLeft = () => (existsSync(join(tmp.dir, 'uploads')) ? readdirSync(join(tmp.dir, 'uploads')) : []);

function csv(rows: number): Buffer {
  const lines = ['手机号,姓名'];
  for (let i = 0; i < rows; i++) lines.push(`${13_600_000_000 + i},上传客户 ${i}`);
  return Buffer.from(lines.join('\n'));
}

describe('files uploaded in parts', () => {
  it('import the same as inline, through the worker for a big file, and leave nothing behind', async () => {
    const big = csv(120_000); // ~3 MB: four parts, read by the import worker
    const uploadId = await upload(big, 'big.csv');
    const opened = await call<{ importId: string; bytes: number }>(tc.core, 'importOpen', { fileName: 'big.csv', uploadId });
    expect(opened.bytes).toBe(big.byteLength);
    const preview = await call<{ counts: { valid: number } }>(tc.core, 'importAnalyse', { importId: opened.importId, options: {} });
    expect(preview.counts.valid).toBe(120_000);
    const done = await call<{ added: number; listId: string }>(tc.core, 'importCommit', { importId: opened.importId, target: { newListName: 'Uploaded' } });
    expect(done.added).toBe(120_000);
    expect((await call<ListView[]>(tc.core, 'listsList')).find((l) => l.id === done.listId)?.size).toBe(120_000);
    expect(uploadsLeft()).toEqual([]);

    // A small upload is read in place; the same file inline gives the same preview.
    const small = csv(50);
    const viaUpload = await call<{ importId: string }>(tc.core, 'importOpen', { fileName: 's.csv', uploadId: await upload(small, 's.csv') });
    const inline = await call<{ importId: string }>(tc.core, 'importOpen', { fileName: 's.csv', base64: small.toString('base64') });
    const a = await call(tc.core, 'importAnalyse', { importId: viaUpload.importId, options: {} });
    const b = await call(tc.core, 'importAnalyse', { importId: inline.importId, options: {} });
    expect(a).toEqual(b);
    expect(uploadsLeft()).toEqual([]);
  });

  it('refuse an upload that did not arrive whole, or arrives longer than it said, with a sentence', async () => {
    const bytes = csv(45_000); // a little over one part
    const first = await call<UploadProgress>(tc.core, 'uploadPart', { fileName: 'cut.csv', size: bytes.byteLength, base64: bytes.subarray(0, UPLOAD_PART_BYTES).toString('base64') });
    const cut = await tc.core.invoke('importOpen', { fileName: 'cut.csv', uploadId: first.uploadId });
    expect(!cut.ok && cut.error).toMatchObject({ code: 'UPLOAD_NOT_FOUND', message: expect.stringMatching(/did not arrive completely.*Choose the file again/) });
    const again = await tc.core.invoke('uploadPart', { uploadId: first.uploadId, fileName: 'cut.csv', size: bytes.byteLength, base64: bytes.subarray(0, UPLOAD_PART_BYTES).toString('base64') });
    expect(!again.ok && again.error).toMatchObject({ code: 'UPLOAD_TOO_LONG' });
    const unknown = await tc.core.invoke('importOpen', { fileName: 'x.csv', uploadId: 'no-such-upload' });
    expect(!unknown.ok && unknown.error.code).toBe('UPLOAD_NOT_FOUND');
  });

  it('import opt-outs and restore a backup', async () => {
    const numbers = Buffer.from(['13600000001', '13600000002', 'nonsense'].join('\n'));
    const r = await call<OptOutImportSummary>(tc.core, 'optOutsImport', { fileName: 'stop.txt', uploadId: await upload(numbers, 'stop.txt'), region: 'CN' });
    expect(r).toMatchObject({ added: 2, invalid: 1 });

    const backup = await call<FileDownload>(tc.core, 'backupCreate');
    const file = Buffer.from(backup.base64, 'base64');
    const restored = await call<RestoreResult>(tc.core, 'backupRestore', { fileName: backup.fileName, uploadId: await upload(file, backup.fileName) });
    expect(restored.status).toBe('staged');
    expect(uploadsLeft()).toEqual([]);
  });
});
