/**
 * Issue 15: an import is committed in steps. A process killed part-way leaves an unfinished import
 * job; the next start takes it back — a new list and the contacts it brought vanish, an existing list
 * is as it was — and the file can simply be imported again.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactPage, ListView } from '../../../src/shared/contact-lists.ts';
import { DATABASE_FILE } from '../../../src/main/core/store/database.ts';
import { call } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { withCore } from '../../helpers/test-core.ts';

const CHILD = join(import.meta.dirname, 'import-crash-child.ts');
let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('sms-import-crash-');
});
afterEach(() => tmp.cleanup());


function runChild(config: unknown): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  const child = spawn(process.execPath, [CHILD, tmp.dir, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve({ signal, out })));
}

const fileCounts = () => {
  const db = new Database(join(tmp.dir, DATABASE_FILE), { readonly: true });
  try {
    const n = (sql: string) => db.prepare<[], number>(sql).pluck().get()!;
    return { contacts: n('SELECT count(*) FROM contacts'), members: n('SELECT count(*) FROM list_members'), lists: n('SELECT count(*) FROM lists'), writing: n(`SELECT count(*) FROM imports WHERE state = 'writing'`) };
  } finally {
    db.close();
  }
};

/** Settles once the start-up recovery has finished (the unfinished job is no longer `writing`). */
async function recovered(): Promise<void> {
  for (let i = 0; i < 200 && fileCounts().writing > 0; i++) await new Promise((r) => setTimeout(r, 25));
}

describe('a crash while an import is being committed', () => {
  it('into a new list: the next start takes the half-written list and its new contacts back', async () => {
    const killed = await runChild({ rows: 30_000, killAfter: 4_000 });
    expect(killed.signal, killed.out).toBe('SIGKILL');
    const half = fileCounts();
    expect(half.writing).toBe(1);
    expect(half.members).toBeGreaterThan(0);
    expect(half.members).toBeLessThan(30_000);
    await withCore(tmp.dir, async (tc) => {
      await recovered();
      expect(await call<ListView[]>(tc.core, 'listsList')).toEqual([]);
      expect(fileCounts()).toEqual({ contacts: 0, members: 0, lists: 0, writing: 0 });
    });
  });

  it('into an existing list: the list is as it was before the import', async () => {
    const listId = await withCore(tmp.dir, async (tc) => {
      const { importId } = await call<{ importId: string }>(tc.core, 'importOpen', { fileName: 'a.csv', base64: Buffer.from('phone,name\n13500000001,Old one\n13500000002,Old two').toString('base64') });
      await call(tc.core, 'importAnalyse', { importId, options: {} });
      return (await call<{ listId: string }>(tc.core, 'importCommit', { importId, target: { newListName: 'Kept' } })).listId;
    });
    const before = fileCounts();
    const killed = await runChild({ rows: 30_000, killAfter: 4_000, listId });
    expect(killed.signal, killed.out).toBe('SIGKILL');
    expect(fileCounts().members).toBeGreaterThan(before.members);
    await withCore(tmp.dir, async (tc) => {
      await recovered();
      expect(fileCounts()).toEqual(before);
      const lists = await call<ListView[]>(tc.core, 'listsList');
      expect(lists).toMatchObject([{ id: listId, name: 'Kept', size: 2 }]);
      const page = await call<ContactPage>(tc.core, 'contactsSearch', { listId });
      expect(page.rows.map((r) => r.vars)).toEqual([{ name: 'Old one' }, { name: 'Old two' }]);
    });
  });
});
