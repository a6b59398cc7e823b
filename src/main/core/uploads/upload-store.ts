import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { UploadPartInput, UploadProgress } from '../../../shared/uploads.ts';

/**
 * Uploads in parts (shared/uploads.ts), each appended to a file under `<dataDir>/uploads` with an
 * asynchronous write (main's event loop never copies a whole file). A finished upload is taken once
 * (`take`) by whatever reads it; unfinished ones are dropped after `ttlMs` idle and at start.
 */
interface Upload {
  fileName: string;
  size: number;
  received: number;
  path: string;
  file: FileHandle;
  touchedAt: number;
  /** Parts are appended in order, one at a time. */
  writing: Promise<void>;
}

const MAX_OPEN = 8;

export function createUploadStore(dataDir: string, now: () => number, ttlMs = 30 * 60_000) {
  const dir = join(dataDir, 'uploads');
  rmSync(dir, { recursive: true, force: true });
  const uploads = new Map<string, Upload>();

  const gone = () => new AppError('UPLOAD_NOT_FOUND', 'The file did not arrive completely (the upload was interrupted or timed out). Choose the file again.');

  async function drop(id: string): Promise<void> {
    const u = uploads.get(id);
    if (!u) return;
    uploads.delete(id);
    await u.writing.catch(() => undefined);
    await u.file.close().catch(() => undefined);
    await rm(u.path, { force: true });
  }

  function expire(): void {
    const t = now();
    for (const [id, u] of uploads) if (t - u.touchedAt > ttlMs) void drop(id);
  }

  return {
    /** Appends one part (the first one starts the upload). */
    async part(input: UploadPartInput): Promise<UploadProgress> {
      expire();
      const bytes = Buffer.from(input.base64, 'base64');
      let id = input.uploadId;
      let u = id === undefined ? undefined : uploads.get(id);
      if (id === undefined) {
        if (uploads.size >= MAX_OPEN) throw new AppError('UPLOAD_TOO_MANY', 'Several files are being sent already. Wait for them to finish, then try again.', { kind: 'limit' });
        id = randomUUID();
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const path = join(dir, id);
        u = { fileName: input.fileName, size: input.size, received: 0, path, file: await open(path, 'wx', 0o600), touchedAt: now(), writing: Promise.resolve() };
        uploads.set(id, u);
      }
      if (!u || u.size !== input.size) throw gone();
      if (u.received + bytes.byteLength > u.size) {
        await drop(id);
        throw new AppError('UPLOAD_TOO_LONG', 'More of the file arrived than its size says. Choose the file again.');
      }
      u.received += bytes.byteLength;
      u.touchedAt = now();
      const file = u.file;
      u.writing = u.writing.then(async () => {
        await file.write(bytes);
      });
      await u.writing;
      return { uploadId: id, received: u.received, size: u.size };
    },

    /** The finished upload's file (closed); the caller owns it now and removes it when done. */
    async take(id: string): Promise<{ fileName: string; path: string; size: number }> {
      const u = uploads.get(id);
      if (!u || u.received !== u.size) throw gone();
      uploads.delete(id);
      await u.writing;
      await u.file.close();
      return { fileName: u.fileName, path: u.path, size: u.size };
    },

    async close(): Promise<void> {
      await Promise.all([...uploads.keys()].map(drop));
    },
  };
}

export type UploadStore = ReturnType<typeof createUploadStore>;
