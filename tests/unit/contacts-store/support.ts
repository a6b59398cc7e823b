import * as XLSX from '@e965/xlsx';
import { afterEach } from 'vitest';
import type { Result } from '../../../src/shared/errors.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore, type TestCore } from '../../helpers/test-core.ts';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

export function setup(): TestCore & { dir: string; call: <T>(name: string, input?: unknown) => Promise<T>; fail: (name: string, input?: unknown) => Promise<{ code: string; message: string; fields?: Record<string, string> }> } {
  const t = makeTempDir();
  const tc = makeTestCore(t.dir);
  cleanups.push(() => {
    void tc.core.stop();
    t.cleanup();
  });
  const call = async <T,>(name: string, input?: unknown): Promise<T> => {
    const r = await tc.core.invoke(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const fail = async (name: string, input?: unknown) => {
    const r: Result<unknown> = await tc.core.invoke(name, input);
    if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
    return r.error;
  };
  return { ...tc, dir: t.dir, call, fail };
}

export const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

/** A CSV with a header and `n` numbers 13800000000 + i plus a name column. */
export function csvOf(n: number, start = 0): string {
  const lines = ['phone,name,city'];
  for (let i = 0; i < n; i++) lines.push(`${13800000000 + start + i},Name ${start + i},City ${i % 7}`);
  return lines.join('\n');
}

export function xlsxOf(rows: string[][]): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Contacts');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array;
}

export interface ListView {
  id: string;
  name: string;
  size: number;
  optedOut: number;
}
