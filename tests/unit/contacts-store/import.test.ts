import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createContactsHandlers } from '../../../src/main/core/contacts/handlers.ts';
import { createImportHandlers } from '../../../src/main/core/contacts/import-handlers.ts';
import type { ContactPage, ImportCommitSummary } from '../../../src/shared/contact-lists.ts';
import type { ImportPreview } from '../../../src/shared/contacts.ts';
import { importOptionsSchema } from '../../../src/shared/contacts.ts';
import { MAX_UPLOAD_BYTES } from '../../../src/shared/contact-lists.ts';
import { b64, csvOf, setup, xlsxOf, type ListView } from './support.ts';

const counts = (db: Database.Database) => ({
  lists: (db.prepare('SELECT count(*) AS n FROM lists').get() as { n: number }).n,
  contacts: (db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n,
  members: (db.prepare('SELECT count(*) AS n FROM list_members').get() as { n: number }).n,
});

describe('import wizard back end', () => {
  it('previews an .xlsx (counts, first rows, rejects, mapping) and commits it into a new list', async () => {
    const { call, events } = setup();
    const bytes = xlsxOf([
      ['手机号', '姓名', 'Order'],
      ['13800000001', '张三', 'A-1'],
      ['+86 138 0000 0002', '李四', 'A-2'],
      ['13800000001', 'dup', 'A-3'],
      ['12345', 'short', 'A-4'],
      ['not a phone', 'x', 'A-5'],
    ]);
    const opened = await call<{ importId: string; bytes: number }>('importOpen', { fileName: 'people.xlsx', base64: b64(bytes) });
    expect(opened.bytes).toBe(bytes.byteLength);
    const preview = await call<ImportPreview>('importAnalyse', { importId: opened.importId, options: { previewRows: 1 } });
    expect(preview.source.format).toBe('xlsx');
    expect(preview.source.sheets.map((s) => s.name)).toEqual(['Contacts']);
    expect(preview.mapping.phoneColumn).toBe(0);
    expect(preview.mapping.headerRow).toBe(1);
    expect(preview.counts).toEqual({ total: 5, valid: 2, invalid: 2, duplicate: 1, optedOut: 0, nonMobile: 0 });
    expect(preview.rows).toHaveLength(1);
    expect(preview.rows[0]).toMatchObject({ row: 2, e164: '+8613800000001', duplicates: 1 });
    expect(preview.rejects.map((r) => [r.row, r.original, r.reason])).toEqual([
      [5, '12345', 'too-short'],
      [6, 'not a phone', 'not-a-number'],
    ]);
    expect(events.some((e) => e.name === 'importProgress')).toBe(true);

    const summary = await call<ImportCommitSummary>('importCommit', { importId: opened.importId, target: { newListName: 'Customers' } });
    expect(summary).toMatchObject({ listName: 'Customers', added: 2, updated: 0, invalid: 2, duplicate: 1 });
    const lists = await call<ListView[]>('listsList');
    expect(lists).toMatchObject([{ name: 'Customers', size: 2 }]);
    const page = await call<ContactPage>('contactsSearch', { listId: summary.listId });
    expect(page.rows.map((r) => r.vars)).toEqual([
      { '姓名': '张三', Order: 'A-1' },
      { '姓名': '李四', Order: 'A-2' },
    ]);
    // The session is gone after commit.
    const again = await setupFail(call, opened.importId);
    expect(again).toMatch(/CONTACTS_IMPORT_NOT_FOUND/);
  });

  it('lists a workbook’s sheets at upload and skips a first sheet without numbers', async () => {
    const { call, fail } = setup();
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Read me'], ['no numbers here']]), 'Readme');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['phone'], ['13800000001']]), 'Numbers');
    const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array;
    const opened = await call<{ importId: string; sheets: string[] }>('importOpen', { fileName: 'two.xlsx', base64: b64(bytes) });
    expect(opened.sheets).toEqual(['Readme', 'Numbers']);
    const preview = await call<ImportPreview>('importAnalyse', { importId: opened.importId, options: {} });
    expect(preview.source.sheet).toBe('Numbers');
    expect(preview.counts.valid).toBe(1);
    // Asking for the readme explicitly says what is wrong.
    const err = await fail('importAnalyse', { importId: opened.importId, options: { sheet: 'Readme' } });
    expect(err.code).toBe('CONTACTS_NO_PHONE_COLUMN');
    const csv = await call<{ sheets: string[] }>('importOpen', { fileName: 'a.csv', base64: b64(csvOf(1)) });
    expect(csv.sheets).toEqual([]);
  });

  it('re-analyses with the options the user picked (phone column, header row)', async () => {
    const { call } = setup();
    const { importId } = await call<{ importId: string }>('importOpen', { fileName: 'a.csv', base64: b64('id,mobile\n1,13800000001\n2,13800000002') });
    const auto = await call<ImportPreview>('importAnalyse', { importId, options: {} });
    expect(auto.mapping.phoneColumn).toBe(1);
    const forced = await call<ImportPreview>('importAnalyse', { importId, options: { phoneColumn: 0, headerRow: 0 } });
    expect(forced.counts.valid).toBe(0);
    expect(forced.counts.invalid).toBe(3);
  });

  it('imports into an existing list: new members added, existing ones refreshed', async () => {
    const { call } = setup();
    const list = await call<ListView>('listsCreate', { name: 'Existing' });
    const first = await importInto(call, 'phone,name\n13800000001,Old\n13800000002,Two', { listId: list.id });
    expect(first).toMatchObject({ added: 2, updated: 0, listId: list.id });
    const second = await importInto(call, 'phone,name\n13800000001,New\n13800000003,Three', { listId: list.id });
    expect(second).toMatchObject({ added: 1, updated: 1 });
    const page = await call<ContactPage>('contactsSearch', { listId: list.id });
    expect(page.rows.map((r) => r.vars.name)).toEqual(['New', 'Two', 'Three']);
  });

  it('refuses a taken list name, a missing list, an unanalysed import and a too-large upload, with sentences', async () => {
    const { call, fail } = setup();
    await call('listsCreate', { name: 'Taken' });
    const { importId } = await call<{ importId: string }>('importOpen', { fileName: 'a.csv', base64: b64(csvOf(2)) });
    const early = await fail('importCommit', { importId, target: { newListName: 'X' } });
    expect(early.code).toBe('CONTACTS_IMPORT_NOT_ANALYSED');
    await call('importAnalyse', { importId, options: {} });
    expect((await fail('importCommit', { importId, target: { newListName: 'taken' } })).code).toBe('CONTACTS_LIST_NAME_TAKEN');
    expect((await fail('importCommit', { importId, target: { listId: 'nope' } })).code).toBe('CONTACTS_LIST_NOT_FOUND');
    const big = await fail('importOpen', { fileName: 'huge.csv', base64: 'A'.repeat(Math.ceil((MAX_UPLOAD_BYTES + 3) / 3) * 4) });
    expect(big.code).toBe('INVALID_INPUT');
    expect(big.message).toMatch(/larger than 45 MB/);
    expect((await fail('importOpen', { fileName: 'e.csv', base64: '' })).message).toMatch(/empty/);
    const garbage = await fail('importOpen', { fileName: 'g.csv', base64: '%%%%' });
    expect(garbage.code).toBe('CONTACTS_BAD_UPLOAD');
    const noData = await call<{ importId: string }>('importOpen', { fileName: 'bin.xlsx', base64: b64(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])) });
    const bad = await fail('importAnalyse', { importId: noData.importId, options: {} });
    expect(bad.code).toMatch(/^CONTACTS_/);
    expect(bad.message.length).toBeGreaterThan(20);
  });

  it('flags opted-out numbers at import and can leave them out', async () => {
    const { call } = setup();
    await call('optOutsAdd', { numbers: ['13800000002'] });
    const { importId } = await call<{ importId: string }>('importOpen', { fileName: 'a.csv', base64: b64(csvOf(3)) });
    const preview = await call<ImportPreview>('importAnalyse', { importId, options: {} });
    expect(preview.counts.optedOut).toBe(1);
    expect(preview.rows.filter((r) => r.optedOut).map((r) => r.e164)).toEqual(['+8613800000002']);
    const kept = await call<ImportCommitSummary>('importCommit', { importId, target: { newListName: 'Kept' } });
    expect(kept).toMatchObject({ added: 3, optedOut: 1 });
    expect(await call<ListView[]>('listsList')).toMatchObject([{ name: 'Kept', size: 3, optedOut: 1 }]);
    const page = await call<ContactPage>('contactsSearch', { listId: kept.listId });
    expect(page.rows.map((r) => r.optedOut)).toEqual([false, false, true]);

    const skipped = await importInto(call, csvOf(3), { newListName: 'Skipped' }, { skipOptedOut: true });
    expect(skipped).toMatchObject({ added: 2, skippedOptedOut: 1, optedOut: 0 });
  });

  it('takes back everything when the commit fails part-way (written in steps): no list, no contacts, no members', async () => {
    const { core } = setup();
    const db = core.context.db;
    const failing = createContactsHandlers(core.context, {
      onCommitProgress: (done) => {
        if (done >= 10_000) throw new Error('disk full (injected)');
      },
    });
    const { importId } = await failing.importOpen({ fileName: 'a.csv', base64: b64(csvOf(20_000)) });
    await failing.importAnalyse({ importId, options: importOptionsSchema.parse({}) });
    const before = counts(db);
    await expect(failing.importCommit({ importId, target: { newListName: 'Half' }, skipOptedOut: false })).rejects.toThrow(/injected/);
    expect(counts(db)).toEqual(before);
    expect(before).toEqual({ lists: 0, contacts: 0, members: 0 });

    // Into an existing list: the list stays as it was.
    const good = createContactsHandlers(core.context);
    const list = (await good.listsCreate({ name: 'Existing' })) as ListView;
    const { importId: id2 } = await good.importOpen({ fileName: 'b.csv', base64: b64(csvOf(5)) });
    await good.importAnalyse({ importId: id2, options: importOptionsSchema.parse({}) });
    await good.importCommit({ importId: id2, target: { listId: list.id }, skipOptedOut: false });
    const mid = counts(db);
    const { importId: id3 } = await failing.importOpen({ fileName: 'c.csv', base64: b64(csvOf(20_000, 3)) });
    await failing.importAnalyse({ importId: id3, options: importOptionsSchema.parse({}) });
    await expect(failing.importCommit({ importId: id3, target: { listId: list.id }, skipOptedOut: false })).rejects.toThrow();
    expect(counts(db)).toEqual(mid);
    expect(mid).toEqual({ lists: 1, contacts: 5, members: 5 });
  });

  it('cancel stops a running analysis, forgets the upload and writes nothing', async () => {
    const { core } = setup();
    const h = createImportHandlers(core.context);
    const { importId } = await h.importOpen({ fileName: 'a.csv', base64: b64(csvOf(1000)) });
    const running = h.importAnalyse({ importId, options: importOptionsSchema.parse({}) }) as Promise<ImportPreview>;
    h.importCancel({ importId });
    await expect(running).rejects.toMatchObject({ code: 'CONTACTS_IMPORT_CANCELLED' });
    await expect(h.importCommit({ importId, target: { newListName: 'X' }, skipOptedOut: false })).rejects.toThrow(/no longer open/);
    expect(counts(core.context.db)).toEqual({ lists: 0, contacts: 0, members: 0 });
  });

  it('parses a large file in a worker with progress and can cancel it there', async () => {
    const { core, events } = setup();
    const h = createImportHandlers(core.context);
    const big = csvOf(150_000); // ~4 MB: above the worker threshold
    const { importId } = await h.importOpen({ fileName: 'big.csv', base64: b64(big) });
    const cancelled = h.importAnalyse({ importId, options: importOptionsSchema.parse({}) }) as Promise<ImportPreview>;
    setTimeout(() => h.importCancel({ importId }), 30);
    await expect(cancelled).rejects.toMatchObject({ code: 'CONTACTS_IMPORT_CANCELLED' });

    const { importId: id2 } = await h.importOpen({ fileName: 'big.csv', base64: b64(big) });
    // Off the main thread: timers keep firing while the file is parsed.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const preview = await h.importAnalyse({ importId: id2, options: importOptionsSchema.parse({}) });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
    expect(preview.counts.valid).toBe(150_000);
    expect(events.filter((e) => e.name === 'importProgress' && (e.payload as { importId: string }).importId === id2).length).toBeGreaterThan(1);
  });

  it('commits 100,000 rows in one transaction, then searches, counts and pages them', async () => {
    const { core, call } = setup();
    const { importId } = await call<{ importId: string }>('importOpen', { fileName: '100k.csv', base64: b64(csvOf(100_000)) });
    await call('importAnalyse', { importId, options: {} });
    const t0 = performance.now();
    const summary = await call<ImportCommitSummary>('importCommit', { importId, target: { newListName: 'Big' } });
    const ms = performance.now() - t0;
    expect(summary.added).toBe(100_000);
    expect(counts(core.context.db)).toEqual({ lists: 1, contacts: 100_000, members: 100_000 });
    const timed = async <T,>(fn: () => Promise<T>): Promise<[T, number]> => {
      const t = performance.now();
      const v = await fn();
      return [v, Math.round(performance.now() - t)];
    };
    const [found, searchMs] = await timed(() => call<ContactPage>('contactsSearch', { listId: summary.listId, query: 'name 99999', limit: 50 }));
    expect(found.rows.map((r) => r.e164)).toEqual(['+8613800099999']);
    await call('optOutsAdd', { numbers: ['13800000007', '13800050000'] });
    const [lists, listsMs] = await timed(() => call<ListView[]>('listsList'));
    expect(lists).toMatchObject([{ size: 100_000, optedOut: 2 }]);
    const [last, pageMs] = await timed(() => call<ContactPage>('contactsSearch', { listId: summary.listId, offset: 99_900, limit: 200 }));
    expect(last.rows).toHaveLength(100);
    console.log(`100k rows: commit ${Math.round(ms)} ms, text search ${searchMs} ms, listsList ${listsMs} ms, last page ${pageMs} ms`);
  }, 60_000);

  it('sends the first 1,000 rejects to the window but exports every one', async () => {
    const { call } = setup();
    const lines = ['phone', '13800000001'];
    for (let i = 0; i < 1500; i++) lines.push(`bad ${i}`);
    const { importId } = await call<{ importId: string }>('importOpen', { fileName: 'bad.csv', base64: b64(lines.join('\n')) });
    const preview = await call<ImportPreview>('importAnalyse', { importId, options: {} });
    expect(preview.counts.invalid).toBe(1500);
    expect(preview.rejects).toHaveLength(1000);
    const file = await call<{ rows: number }>('importRejectsExport', { importId, format: 'csv' });
    expect(file.rows).toBe(1500);
  });

  it('exports the rejected rows of an analysed import', async () => {
    const { call } = setup();
    const { importId } = await call<{ importId: string }>('importOpen', { fileName: 'mixed.csv', base64: b64('phone\n13800000001\n123\nabc') });
    await call('importAnalyse', { importId, options: {} });
    const file = await call<{ fileName: string; base64: string; rows: number }>('importRejectsExport', { importId, format: 'csv' });
    expect(file.fileName).toBe('mixed - rejected rows.csv');
    expect(file.rows).toBe(2);
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\ufeffrow,value,reason,message');
    expect(text).toMatch(/\r\n3,123,too-short,/);
  });
});

async function importInto(call: ReturnType<typeof setup>['call'], csv: string, target: unknown, extra: object = {}) {
  const { importId } = await call<{ importId: string }>('importOpen', { fileName: 'c.csv', base64: b64(csv) });
  await call('importAnalyse', { importId, options: {} });
  return call<ImportCommitSummary>('importCommit', { importId, target, ...extra });
}

async function setupFail(call: ReturnType<typeof setup>['call'], importId: string): Promise<string> {
  try {
    await call('importAnalyse', { importId, options: {} });
    return 'ok';
  } catch (err) {
    return (err as Error).message;
  }
}
