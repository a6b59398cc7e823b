import { describe, expect, it } from 'vitest';
import { createOptOutCheck } from '../../../src/main/core/contacts/opt-out-check.ts';
import { OptOutsRepository } from '../../../src/main/core/contacts/store/opt-outs-repository.ts';
import type { OptOutImportSummary, OptOutPage } from '../../../src/shared/contact-lists.ts';
import { b64, setup, xlsxOf } from './support.ts';

describe('opt-outs', () => {
  it('adds (normalised, deduplicated), lists, searches and removes numbers', async () => {
    const { call, events } = setup();
    const added = await call<{ added: number; alreadyListed: number }>('optOutsAdd', { numbers: ['138 0000 0001', '+8613800000001', '0086 13800000002'], note: 'asked by phone' });
    expect(added).toEqual({ added: 2, alreadyListed: 0 });
    expect(await call('optOutsAdd', { numbers: ['13800000002'] })).toEqual({ added: 0, alreadyListed: 1 });
    const page = await call<OptOutPage>('optOutsList', {});
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => [r.e164, r.source, r.note])).toEqual([
      ['+8613800000001', 'manual', 'asked by phone'],
      ['+8613800000002', 'manual', 'asked by phone'],
    ]);
    expect((await call<OptOutPage>('optOutsList', { query: '0002' })).rows.map((r) => r.e164)).toEqual(['+8613800000002']);
    expect((await call<OptOutPage>('optOutsList', { query: 'by phone' })).total).toBe(2);
    expect(await call('optOutsRemove', { numbers: ['+8613800000001'] })).toEqual({ removed: 1 });
    expect((await call<OptOutPage>('optOutsList', {})).rows.map((r) => r.e164)).toEqual(['+8613800000002']);
    expect(events.filter((e) => e.name === 'optOutsChanged').map((e) => e.payload)).toEqual([
      { reason: 'added', count: 2 },
      { reason: 'removed', count: 1 },
    ]);
  });

  it('refuses a list with an invalid number and adds none of it', async () => {
    const { call, fail } = setup();
    const err = await fail('optOutsAdd', { numbers: ['13800000001', 'call me', '12'] });
    expect(err.code).toBe('CONTACTS_OPTOUT_INVALID');
    expect(err.message).toMatch(/“call me” is not a phone number \(and 1 more\)/);
    expect(Object.keys(err.fields ?? {})).toEqual(['numbers.1', 'numbers.2']);
    expect((await call<OptOutPage>('optOutsList', {})).total).toBe(0);
  });

  it('imports opt-outs from a spreadsheet and exports them', async () => {
    const { call } = setup();
    const bytes = xlsxOf([['Mobile'], ['13800000001'], ['13800000002'], ['bad'], ['13800000001']]);
    const summary = await call<OptOutImportSummary>('optOutsImport', { fileName: 'stop.xlsx', base64: b64(bytes) });
    expect(summary).toEqual({ added: 2, alreadyListed: 0, invalid: 1 });
    const page = await call<OptOutPage>('optOutsList', {});
    expect(page.rows.every((r) => r.source === 'import' && r.note === 'stop.xlsx')).toBe(true);
    const csv = await call<{ fileName: string; base64: string; rows: number }>('optOutsExport', { format: 'csv' });
    expect(csv.fileName).toBe('opt-outs.csv');
    expect(csv.rows).toBe(2);
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toMatch(/^\ufeffphone,source,note,added_at\r\n\+86138000000\d\d,import,stop.xlsx,/);
    const xlsx = await call<{ fileName: string; rows: number }>('optOutsExport', { format: 'xlsx' });
    expect(xlsx).toMatchObject({ fileName: 'opt-outs.xlsx', rows: 2 });
  });

  it('gives the sending layer isOptedOut / filterOptedOut', async () => {
    const { call, core } = setup();
    await call('optOutsAdd', { numbers: ['13800000002'] });
    const check = createOptOutCheck(core.context.db);
    expect(check.isOptedOut('+8613800000002')).toBe(true);
    expect(check.isOptedOut('+8613800000001')).toBe(false);
    expect(check.filterOptedOut(['+8613800000001', '+8613800000002', '+8613800000003'])).toEqual({
      allowed: ['+8613800000001', '+8613800000003'],
      optedOut: ['+8613800000002'],
    });
    expect(check.record(['+8613800000003', '+8613800000002'], 'keyword', 'replied TD', 5)).toBe(1);
    const page = await call<OptOutPage>('optOutsList', { query: 'replied' });
    expect(page.rows.map((r) => [r.e164, r.source])).toEqual([['+8613800000003', 'keyword']]);
  });
  it('gives an import one lookup for all its numbers: empty, in memory, or per number past the cap', async () => {
    const { core, call } = setup();
    const repo = new OptOutsRepository(core.context.db);
    expect(repo.lookup()('+8613800000001')).toBe(false);
    await call('optOutsAdd', { numbers: ['13800000001', '13800000002'] });
    for (const lookup of [repo.lookup(), repo.lookup(1)]) {
      expect(lookup('+8613800000001')).toBe(true);
      expect(lookup('+8613800000003')).toBe(false);
    }
  });
});
