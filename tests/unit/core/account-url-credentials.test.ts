import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

/**
 * An account address with a user name and password in it (`http://user:pw@host`) would keep the
 * password in plain text in the database (and in backups): it is refused wherever an account URL is
 * accepted, with a sentence that says where the password goes.
 */
const SENTENCE = 'Take the user name and password out of the address: put the password in the password field.';
let tc: TestCore;
let tmp: ReturnType<typeof makeTempDir>;
afterEach(async () => {
  await tc.core.stop();
  tmp.cleanup();
});

const dbText = () => readFileSync(join(tmp.dir, 'sms-console.sqlite')).toString('latin1') + readFileSync(join(tmp.dir, 'sms-console.sqlite-wal')).toString('latin1');

describe('account URLs with credentials', () => {
  it('are refused on create and update, for every kind, and nothing of them is stored', async () => {
    tmp = makeTempDir();
    tc = makeTestCore(tmp.dir);
    const configs = [
      { kind: 'eims', name: 'E', baseUrl: 'http://acme:Hunter2Secret@203.0.113.10:20003', account: 'acme', encrypted: false },
      { kind: 'gsmbox', name: 'B', baseUrl: 'http://admin:Hunter2Secret@192.168.1.50', username: 'admin' },
      { kind: 'jsms', name: 'J', baseUrl: 'https://key:Hunter2Secret@api.sms.jpush.cn', appKey: 'k' },
      { kind: 'gsmbox', name: 'B2', baseUrl: 'http://admin@192.168.1.50', username: 'admin' },
    ];
    for (const config of configs) {
      const r = await tc.core.invoke('accountsCreate', { config, secrets: config.kind === 'jsms' ? { masterSecret: 'm' } : { password: 'p' } });
      expect(r.ok ? 'created' : r.error).toMatchObject({ code: 'INVALID_INPUT', fields: { 'config.baseUrl': SENTENCE } });
    }
    const good = await tc.core.invoke('accountsCreate', { config: { kind: 'gsmbox', name: 'B', baseUrl: 'http://192.168.1.50', username: 'admin' }, secrets: { password: 'p' } });
    expect(good.ok).toBe(true);
    const id = good.ok ? (good.value as { id: string }).id : '';
    const update = await tc.core.invoke('accountsUpdate', { id, config: { kind: 'gsmbox', name: 'B', baseUrl: 'http://admin:Hunter2Secret@192.168.1.50', username: 'admin' }, secrets: {} });
    expect(update.ok ? 'updated' : update.error).toMatchObject({ code: 'INVALID_INPUT', fields: { 'config.baseUrl': SENTENCE } });
    expect(dbText()).not.toContain('Hunter2Secret');
  });

  it('stored by an older version (or in a restored backup) are cleaned at start: the list works and the password is gone', async () => {
    tmp = makeTempDir();
    tc = makeTestCore(tmp.dir);
    const created = await tc.core.invoke('accountsCreate', { config: { kind: 'gsmbox', name: 'B', baseUrl: 'http://192.168.1.50', username: 'admin' }, secrets: { password: 'p' } });
    const id = created.ok ? (created.value as { id: string }).id : '';
    tc.core.context.db.prepare("UPDATE accounts SET config = json_set(config, '$.baseUrl', 'http://admin:Hunter2Secret@192.168.1.50:8080') WHERE id = ?").run(id);
    await tc.core.stop();
    tc = makeTestCore(tmp.dir);
    await tc.core.start();
    const list = await tc.core.invoke('accountsList', undefined);
    expect(list.ok && (list.value as { baseUrl: string }[]).map((a) => a.baseUrl)).toEqual(['http://192.168.1.50:8080']);
    tc.core.context.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(dbText()).not.toContain('Hunter2Secret');
  });
});
