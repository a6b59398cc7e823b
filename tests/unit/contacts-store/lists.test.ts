import { describe, expect, it } from 'vitest';
import type { ContactPage } from '../../../src/shared/contact-lists.ts';
import { b64, csvOf, setup, type ListView } from './support.ts';

async function importCsv(call: ReturnType<typeof setup>['call'], csv: string, target: unknown) {
  const { importId } = await call<{ importId: string }>('importOpen', { fileName: 'c.csv', base64: b64(csv) });
  await call('importAnalyse', { importId, options: {} });
  return call<{ listId: string; added: number; updated: number }>('importCommit', { importId, target });
}

describe('lists', () => {
  it('creates, renames (names unique, case-insensitive) and deletes lists', async () => {
    const { call, fail, events } = setup();
    const a = await call<ListView>('listsCreate', { name: 'VIP' });
    expect(a).toMatchObject({ name: 'VIP', size: 0, optedOut: 0 });
    const dup = await fail('listsCreate', { name: '  vip ' });
    expect(dup.code).toBe('CONTACTS_LIST_NAME_TAKEN');
    expect(dup.message).toMatch(/already exists/);
    const empty = await fail('listsCreate', { name: '  ' });
    expect(empty.code).toBe('INVALID_INPUT');

    const b = await call<ListView>('listsCreate', { name: 'Customers' });
    expect((await fail('listsRename', { id: b.id, name: 'vip' })).code).toBe('CONTACTS_LIST_NAME_TAKEN');
    const renamed = await call<ListView>('listsRename', { id: b.id, name: 'Customers 2026' });
    expect(renamed.name).toBe('Customers 2026');
    // Renaming to itself with another case is allowed.
    expect((await call<ListView>('listsRename', { id: a.id, name: 'vip' })).name).toBe('vip');

    expect((await call<ListView[]>('listsList')).map((l) => l.name)).toEqual(['Customers 2026', 'vip']);
    await call('listsDelete', { id: a.id });
    expect((await fail('listsDelete', { id: a.id })).code).toBe('CONTACTS_LIST_NOT_FOUND');
    expect((await call<ListView[]>('listsList')).map((l) => l.id)).toEqual([b.id]);
    expect(events.filter((e) => e.name === 'listsChanged').map((e) => (e.payload as { reason: string }).reason)).toEqual(['created', 'created', 'renamed', 'renamed', 'deleted']);
  });

  it('deleting a list removes its members but keeps contacts that are in other lists', async () => {
    const { call, core } = setup();
    const one = await importCsv(call, csvOf(10), { newListName: 'One' });
    const two = await importCsv(call, csvOf(10, 5), { newListName: 'Two' });
    await call('listsDelete', { id: one.listId });
    const db = core.context.db;
    expect(db.prepare('SELECT count(*) AS n FROM list_members WHERE list_id = ?').get(one.listId)).toEqual({ n: 0 });
    expect((await call<ContactPage>('contactsSearch', { listId: two.listId })).total).toBe(10);
    expect((await call<ContactPage>('contactsSearch', {})).total).toBe(15);
  });

  it('merges lists: union without duplicates, target variables win, sources deleted or kept', async () => {
    const { call, fail } = setup();
    const a = await importCsv(call, 'phone,name\n13800000001,Ann\n13800000002,Bob', { newListName: 'A' });
    const b = await importCsv(call, 'phone,name\n13800000002,Robert\n13800000003,Cy', { newListName: 'B' });
    const c = await importCsv(call, 'phone,name\n13800000004,Di', { newListName: 'C' });
    expect((await fail('listsMerge', { sourceIds: [a.listId], targetId: a.listId })).code).toBe('CONTACTS_MERGE_INTO_SELF');
    expect((await fail('listsMerge', { sourceIds: ['nope'], targetId: a.listId })).code).toBe('CONTACTS_LIST_NOT_FOUND');

    const merged = await call<ListView>('listsMerge', { sourceIds: [b.listId], targetId: a.listId });
    expect(merged.size).toBe(3);
    const page = await call<ContactPage>('contactsSearch', { listId: a.listId });
    expect(page.rows.map((r) => [r.e164, r.vars.name])).toEqual([
      ['+8613800000001', 'Ann'],
      ['+8613800000002', 'Bob'],
      ['+8613800000003', 'Cy'],
    ]);
    const names = (await call<ListView[]>('listsList')).map((l) => l.name);
    expect(names).toEqual(['A', 'C']);

    const kept = await call<ListView>('listsMerge', { sourceIds: [c.listId], targetId: a.listId, deleteSources: false });
    expect(kept.size).toBe(4);
    expect((await call<ListView[]>('listsList')).map((l) => [l.name, l.size])).toEqual([
      ['A', 4],
      ['C', 1],
    ]);
  });
});

describe('contacts', () => {
  it('searches by number prefix, digits anywhere and variable text, paged', async () => {
    const { call, fail } = setup();
    const { listId } = await importCsv(call, 'phone,name,city\n13800000001,Ann Lee,上海\n13911112222,Bob,北京\n+1 415 555 2671,Carol,SF', { newListName: 'L' });
    const q = async (query: string, extra: object = {}) => (await call<ContactPage>('contactsSearch', { query, listId, ...extra })).rows.map((r) => r.e164);
    expect(await q('+86139')).toEqual(['+8613911112222']);
    expect(await q('+1')).toEqual(['+14155552671']);
    expect(await q('1111')).toEqual(['+8613911112222']);
    expect(await q('555-2671')).toEqual(['+14155552671']);
    expect(await q('ann')).toEqual(['+8613800000001']);
    expect(await q('北京')).toEqual(['+8613911112222']);
    expect(await q('100%')).toEqual([]);
    expect(await q('')).toHaveLength(3);
    const page = await call<ContactPage>('contactsSearch', { listId, offset: 1, limit: 1 });
    expect(page).toMatchObject({ total: 3, offset: 1 });
    expect(page.rows.map((r) => r.e164)).toEqual(['+8613911112222']);
    expect((await fail('contactsSearch', { listId: 'gone' })).code).toBe('CONTACTS_LIST_NOT_FOUND');
  });

  it('edits a contact’s variables in a list (searchable afterwards) and removes contacts from a list', async () => {
    const { call, fail } = setup();
    const { listId } = await importCsv(call, csvOf(3), { newListName: 'L' });
    const [first] = (await call<ContactPage>('contactsSearch', { listId })).rows;
    const edited = await call<{ vars: Record<string, string> }>('contactsUpdate', { id: first!.id, listId, vars: { name: 'Zed', city: 'Hangzhou' } });
    expect(edited.vars).toEqual({ name: 'Zed', city: 'Hangzhou' });
    expect((await call<ContactPage>('contactsSearch', { listId, query: 'hangzhou' })).rows.map((r) => r.id)).toEqual([first!.id]);
    expect((await fail('contactsUpdate', { id: 999999, listId, vars: {} })).code).toBe('CONTACTS_CONTACT_NOT_FOUND');

    const removed = await call<{ removed: number }>('contactsRemoveFromList', { listId, contactIds: [first!.id] });
    expect(removed.removed).toBe(1);
    expect((await call<ContactPage>('contactsSearch', { listId })).total).toBe(2);
    expect((await fail('contactsUpdate', { id: first!.id, listId, vars: {} })).code).toBe('CONTACTS_CONTACT_NOT_FOUND');
  });

  it('exports a list to CSV and XLSX with its variables', async () => {
    const { call } = setup();
    const { listId } = await importCsv(call, 'phone,name\n13800000001,张三\n13800000002,"Lee, Bob"', { newListName: 'Export me' });
    const csv = await call<{ fileName: string; mime: string; base64: string; rows: number }>('listsExport', { id: listId, format: 'csv' });
    expect(csv.fileName).toBe('Export me.csv');
    expect(csv.rows).toBe(2);
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toBe('\ufeffphone,name\r\n+8613800000001,张三\r\n+8613800000002,"Lee, Bob"\r\n');
    const xlsx = await call<{ fileName: string; base64: string; rows: number }>('listsExport', { id: listId, format: 'xlsx' });
    expect(xlsx.fileName).toBe('Export me.xlsx');
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(Buffer.from(xlsx.base64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(rows).toEqual([
      ['phone', 'name'],
      ['+8613800000001', '张三'],
      ['+8613800000002', 'Lee, Bob'],
    ]);
  });
});
