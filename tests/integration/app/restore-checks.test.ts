/**
 * A restore trusts nothing a backup file says about itself: the schema version in its header must be
 * the one of the database inside it, and settings that would make the receiver listen on more of the
 * network than now are shown and confirmed before they are applied — a backup file is easy to edit and
 * re-checksum (encodeBackup below does exactly that).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileDownload } from '../../../src/shared/contact-lists.ts';
import type { Settings } from '../../../src/shared/settings.ts';
import { decodeBackup, encodeBackup } from '../../../src/main/core/backup/backup-format.ts';
import { MemorySecretStore } from '../../../src/main/core/ports.ts';
import { MemorySettingsBackend } from '../../../src/main/core/settings/json-file-backend.ts';
import { call } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

let tmp: ReturnType<typeof makeTempDir>;
let tc: TestCore;
let settings: MemorySettingsBackend;

beforeEach(async () => {
  tmp = makeTempDir('sms-restore-');
  settings = new MemorySettingsBackend();
  tc = makeTestCore(tmp.dir, { settings });
  await tc.core.start();
});
afterEach(async () => {
  await tc.core.stop();
  tmp.cleanup();
});

/** A backup of the current data, its header edited (checksum recomputed, as anyone can). */
async function editedBackup(edit: { schemaVersion?: number; settings?: Partial<Settings> }): Promise<string> {
  const made = await call<FileDownload>(tc.core, 'backupCreate');
  const { header, database } = decodeBackup(Buffer.from(made.base64, 'base64'));
  const { databaseBytes: _b, sha256: _s, ...rest } = header;
  return encodeBackup({ ...rest, schemaVersion: edit.schemaVersion ?? header.schemaVersion, settings: { ...header.settings, ...edit.settings } }, database).toString('base64');
}

const staged = () => existsSync(join(tmp.dir, 'restore-pending'));

/** Restarts the core on the same data folder (applying a staged restore) and reads the settings. */
async function restart(): Promise<Settings> {
  await tc.core.stop();
  tc = makeTestCore(tmp.dir, { settings, secrets: new MemorySecretStore() });
  await tc.core.start();
  return call<Settings>(tc.core, 'settingsGet');
}

describe('restore checks', () => {
  it('refuses a backup whose header states another schema version than its database has', async () => {
    const { schemaVersion } = await call<{ schemaVersion: number }>(tc.core, 'appInfo');
    for (const stated of [schemaVersion - 1, 1]) {
      const r = await tc.core.invoke('backupRestore', { fileName: 'edited.smsbackup', base64: await editedBackup({ schemaVersion: stated }) });
      expect(r.ok ? 'staged' : r.error).toMatchObject({
        code: 'BACKUP_INVALID',
        message: `This backup’s header says its database is version ${stated}, but the database in it is version ${schemaVersion}: the file was changed after it was made. Nothing was changed. Choose another backup file.`,
      });
      expect(staged()).toBe(false);
    }
  });

  it('shows receiver settings that listen wider and applies them only when confirmed', async () => {
    await call(tc.core, 'settingsUpdate', { receiverHost: '127.0.0.1', receiverPort: 18080 });
    const base64 = await editedBackup({ settings: { receiverHost: '0.0.0.0', receiverPort: 18081, language: 'zh' } });

    const asked = await call<Record<string, unknown>>(tc.core, 'backupRestore', { fileName: 'b.smsbackup', base64 });
    expect(asked).toMatchObject({
      status: 'confirm',
      receiver: { current: { host: '127.0.0.1', port: 18080, reach: 'loopback' }, backup: { host: '0.0.0.0', port: 18081, reach: 'any' } },
    });
    expect(staged()).toBe(false);

    // Keep this PC's receiver settings: everything else comes from the backup.
    expect(await call(tc.core, 'backupRestore', { fileName: 'b.smsbackup', base64, receiver: 'current' })).toMatchObject({ status: 'staged', restartRequired: true });
    expect(await restart()).toMatchObject({ receiverHost: '127.0.0.1', receiverPort: 18080, language: 'zh' });

    // Or use the backup's, having seen them.
    expect(await call(tc.core, 'backupRestore', { fileName: 'b.smsbackup', base64, receiver: 'backup' })).toMatchObject({ status: 'staged' });
    expect(await restart()).toMatchObject({ receiverHost: '0.0.0.0', receiverPort: 18081, language: 'zh' });
  });

  it('asks for a new port on a LAN address too, but not for settings that listen on this PC only', async () => {
    await call(tc.core, 'settingsUpdate', { receiverHost: '192.168.1.20', receiverPort: 18080 });
    const newPort = await call<{ status: string }>(tc.core, 'backupRestore', { fileName: 'b.smsbackup', base64: await editedBackup({ settings: { receiverPort: 8080 } }) });
    expect(newPort.status).toBe('confirm');
    const narrower = await call<{ status: string }>(tc.core, 'backupRestore', { fileName: 'b.smsbackup', base64: await editedBackup({ settings: { receiverHost: '127.0.0.1', receiverPort: 9999 } }) });
    expect(narrower.status).toBe('staged');
    expect(await restart()).toMatchObject({ receiverHost: '127.0.0.1', receiverPort: 9999 });
  });
});
