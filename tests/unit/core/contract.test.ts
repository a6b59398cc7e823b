import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES, methods } from '../../../src/shared/api.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore } from '../../helpers/test-core.ts';

const t = makeTempDir();
const { core } = makeTestCore(t.dir);
afterAll(async () => {
  await core.stop();
  t.cleanup();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.(ts|tsx|mts|cts|js|mjs)$/.test(name) ? [p] : [];
  });
}

describe('the contract', () => {
  it('has a handler for every method and nothing more', () => {
    expect(Object.keys(core.handlers).sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) expect(typeof core.handlers[name]).toBe('function');
  });

  it('gives every method a zod input schema and every event a name', () => {
    for (const name of METHOD_NAMES) expect(typeof methods[name].input.safeParse).toBe('function');
    expect(EVENT_NAMES.length).toBeGreaterThan(0);
  });

  it('answers an unknown method with a typed error, not a crash', async () => {
    const r = await core.invoke('fsReadFile', { path: '/etc/passwd' });
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: expect.stringContaining('fsReadFile') } });
  });

  it('does not treat Object.prototype names as methods', async () => {
    const r = await core.invoke('constructor', {});
    expect(!r.ok && r.error.code).toBe('UNKNOWN_METHOD');
  });
});

describe('process boundaries', () => {
  const root = join(import.meta.dirname, '../../..');
  it.each(['src/main/core', 'src/shared'])('%s imports no electron', (dir) => {
    const offenders = filesUnder(join(root, dir)).filter((f) => /(from\s+|require\(\s*|import\(\s*)['"]electron(\/[^'"]*)?['"]/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('src/shared imports no node modules', () => {
    const offenders = filesUnder(join(root, 'src/shared')).filter((f) => /from\s+['"]node:/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('the preload exposes named methods only (no generic invoke)', () => {
    const src = readFileSync(join(root, 'src/preload/index.ts'), 'utf8');
    expect(src).toContain('METHOD_NAMES');
    expect(src).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\b/);
    expect(src).not.toMatch(/invoke\s*:\s*\(/);
  });
});
