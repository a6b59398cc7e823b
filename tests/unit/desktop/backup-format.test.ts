import { describe, expect, it } from 'vitest';
import { decodeBackup, encodeBackup } from '../../../src/main/core/backup/backup-format.ts';

const db = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(100, 7)]);
const header = { createdAt: 1, appVersion: '0.1.0', schemaVersion: 6, settings: { language: 'zh' } };

describe('backup file format', () => {
  it('round-trips the header and the database bytes', () => {
    const { header: h, database } = decodeBackup(encodeBackup(header, db));
    expect(h).toMatchObject({ ...header, databaseBytes: db.byteLength });
    expect(Buffer.compare(database, db)).toBe(0);
  });

  it.each([
    ['another file', () => Buffer.from('PK\x03\x04 not a backup')],
    ['a cut-off file', () => encodeBackup(header, db).subarray(0, -10)],
    ['a flipped byte', () => {
      const b = encodeBackup(header, db);
      b[b.length - 5] = b[b.length - 5]! ^ 1;
      return b;
    }],
    ['a damaged header', () => Buffer.from(encodeBackup(header, db).toString('latin1').replace('"schemaVersion":6', '"schemaVersion":"x"'), 'latin1')],
    ['no database in it', () => encodeBackup(header, Buffer.alloc(50, 1))],
  ])('refuses %s with BACKUP_INVALID', (_name, make) => {
    expect(() => decodeBackup(make())).toThrow(expect.objectContaining({ code: 'BACKUP_INVALID' }));
  });
});
