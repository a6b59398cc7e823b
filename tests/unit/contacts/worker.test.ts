import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../src/main/core/contacts/import/pipeline.ts';
import { packResult, unpackResult } from '../../../src/main/core/contacts/import/pack-result.ts';
import { runImportInWorker } from '../../../src/main/core/contacts/import/run-import-worker.ts';
import type { ImportProgress } from '../../../src/shared/contacts.ts';

const DIR = join(import.meta.dirname, '../../fixtures/contacts');
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

function bigCsv(rows: number): Uint8Array {
  const parts = ['name,phone\n'];
  for (let i = 0; i < rows; i++) parts.push(`n${i},${13800000000 + i}\n`);
  return new TextEncoder().encode(parts.join(''));
}

describe('runImportInWorker', () => {
  it('gives the same result as the in-process pipeline, with opt-outs applied on the caller side', async () => {
    for (const name of ['basic.xlsx', 'gbk.csv', 'invalid-rows.csv', 'duplicates.csv', 'quoted-newlines.csv']) {
      const expected = runImport(fixture(name), {}, { isOptedOut: (e) => e.endsWith('78') });
      const actual = await runImportInWorker(fixture(name), {}, { isOptedOut: (e) => e.endsWith('78') });
      expect(actual, name).toEqual(expected);
    }
  });

  it('passes options and limits through', async () => {
    const r = await runImportInWorker(fixture('ten-sheets.xlsx'), { sheet: 'Sheet5' });
    expect(r.source.sheet).toBe('Sheet5');
    await expect(runImportInWorker(fixture('basic.csv'), {}, { limits: { maxBytes: 10 } })).rejects.toMatchObject({ code: 'CONTACTS_FILE_TOO_LARGE' });
  });

  it('carries AppErrors across the thread boundary', async () => {
    await expect(runImportInWorker(fixture('encrypted.xlsx'))).rejects.toMatchObject({
      name: 'AppError',
      code: 'CONTACTS_PASSWORD_PROTECTED',
      message: 'This workbook is password-protected: save it without a password and import again.',
    });
    await expect(runImportInWorker(fixture('zip-bomb.xlsx'))).rejects.toMatchObject({ code: 'CONTACTS_ZIP_BOMB' });
  });

  it('reports progress and can be cancelled mid-way', async () => {
    const bytes = bigCsv(300_000);
    const ac = new AbortController();
    const seen: ImportProgress[] = [];
    const started = performance.now();
    const run = runImportInWorker(bytes, {}, {
      signal: ac.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.phase === 'parse') ac.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CONTACTS_IMPORT_CANCELLED' });
    expect(seen[0]?.phase).toBe('read');
    expect(seen.some((p) => p.phase === 'dedupe')).toBe(false);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('rejects at once when the signal is already aborted, and times out', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(runImportInWorker(fixture('basic.csv'), {}, { signal: ac.signal })).rejects.toMatchObject({ code: 'CONTACTS_IMPORT_CANCELLED' });
    await expect(runImportInWorker(bigCsv(300_000), {}, { timeoutMs: 1 })).rejects.toMatchObject({ code: 'CONTACTS_IMPORT_TIMEOUT' });
  });

  it('does not detach the caller\'s buffer', async () => {
    const bytes = fixture('basic.csv');
    await runImportInWorker(bytes);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(runImport(bytes).counts.valid).toBe(3);
  });
});

describe('packResult / unpackResult', () => {
  it('round-trips contacts, rejects and odd text (NUL becomes U+FFFD)', () => {
    const r = runImport(new TextEncoder().encode('name,phone,note\n"a\u0001",13812345678,"x\ny"\nb,bad,\n,13912345678,\n'));
    r.contacts[0]!.vars['note'] = 'has\u0000nul';
    const back = unpackResult(packResult(r).packed);
    expect(back.contacts[0]?.vars['note']).toBe('has\ufffdnul');
    back.contacts[0]!.vars['note'] = 'has\u0000nul';
    expect(back).toEqual(r);
  });
});
