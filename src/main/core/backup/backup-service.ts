import { rm } from 'node:fs/promises';
import type { FileDownload } from '../../../shared/contact-lists.ts';
import type { BackupInfo, RestoreInput, RestoreResult } from '../../../shared/desktop.ts';
import type { Settings } from '../../../shared/settings.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Reads } from '../store/reads.ts';
import type { UploadStore } from '../uploads/upload-store.ts';

export interface BackupDeps {
  /** The export worker runs the copy, the hashing and the checks (backup-jobs.ts). */
  reads: Reads;
  uploads?: UploadStore | undefined;
  dataDir: string;
  appVersion: string;
  schemaVersion: number;
  now: () => number;
  settings: () => Settings;
}


/** Backup (SQLite online backup API + settings → one file) and a checked, staged restore, both in the export worker. */
export function createBackupService(deps: BackupDeps) {
  return {
    create(): Promise<FileDownload & { info: BackupInfo }> {
      return deps.reads.file('backupCreate', { dataDir: deps.dataDir, createdAt: deps.now(), appVersion: deps.appVersion, schemaVersion: deps.schemaVersion, settings: deps.settings() });
    },

    /**
     * Checks the whole file, then stages it — unless its receiver settings would listen wider than now
     * and the caller has not said which to use (`receiver`): then nothing is staged and both are returned.
     */
    async restore(input: RestoreInput): Promise<RestoreResult> {
      const upload = input.uploadId === undefined ? null : await takeUpload(deps.uploads, input.uploadId);
      try {
        return await deps.reads.file('backupStage', {
          fileName: input.fileName,
          ...(upload ? { path: upload.path } : { base64: input.base64 }),
          dataDir: deps.dataDir,
          knownSchema: deps.schemaVersion,
          current: deps.settings(),
          receiver: input.receiver ?? 'ask',
        });
      } finally {
        if (upload) await rm(upload.path, { force: true });
      }
    },
  };
}

function takeUpload(uploads: UploadStore | undefined, id: string) {
  if (!uploads) throw new AppError('UPLOAD_NOT_FOUND', 'The file did not arrive. Choose the file again.');
  return uploads.take(id);
}
