import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';

/**
 * One backup file: a text header line, a JSON line, then the SQLite database bytes.
 *
 *   SMS-CONSOLE-BACKUP 1\n
 *   {"createdAt":…,"appVersion":"…","schemaVersion":6,"databaseBytes":N,"sha256":"…","settings":{…}}\n
 *   <N bytes: an SQLite database made with the online backup API>
 *
 * Secrets are never in it. Everything is checked on the way in: magic, JSON, sizes, checksum, SQLite header.
 */
export const BACKUP_MAGIC = 'SMS-CONSOLE-BACKUP 1\n';
const SQLITE_HEADER = 'SQLite format 3\0';

export const backupHeaderSchema = z.object({
  createdAt: z.number().int().nonnegative(),
  appVersion: z.string().max(50),
  schemaVersion: z.number().int().positive(),
  databaseBytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  settings: z.record(z.string(), z.unknown()),
});
export type BackupHeader = z.output<typeof backupHeaderSchema>;

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function encodeBackup(header: Omit<BackupHeader, 'databaseBytes' | 'sha256'>, database: Uint8Array): Buffer {
  const full: BackupHeader = { ...header, databaseBytes: database.byteLength, sha256: sha256(database) };
  return Buffer.concat([Buffer.from(BACKUP_MAGIC), Buffer.from(`${JSON.stringify(full)}\n`), database]);
}

const damaged = (why: string) => new AppError('BACKUP_INVALID', `This file is not a usable SMS Console backup (${why}). Nothing was changed. Choose another backup file.`);

export function decodeBackup(file: Uint8Array): { header: BackupHeader; database: Buffer } {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.subarray(0, BACKUP_MAGIC.length).toString('latin1') !== BACKUP_MAGIC) throw damaged('it does not start like a backup');
  const end = buf.indexOf(0x0a, BACKUP_MAGIC.length);
  if (end === -1 || end - BACKUP_MAGIC.length > 1024 * 1024) throw damaged('its header is missing');
  let raw: unknown;
  try {
    raw = JSON.parse(buf.subarray(BACKUP_MAGIC.length, end).toString('utf8'));
  } catch {
    throw damaged('its header is damaged');
  }
  const parsed = backupHeaderSchema.safeParse(raw);
  if (!parsed.success) throw damaged('its header is damaged');
  const header = parsed.data;
  const database = buf.subarray(end + 1);
  if (database.byteLength !== header.databaseBytes) throw damaged('it is cut short or has extra bytes');
  if (sha256(database) !== header.sha256) throw damaged('its checksum does not match');
  if (database.subarray(0, SQLITE_HEADER.length).toString('latin1') !== SQLITE_HEADER) throw damaged('it holds no database');
  return { header, database };
}
