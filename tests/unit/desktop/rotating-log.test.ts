import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/core/logging/logger.ts';
import { RotatingFile } from '../../../src/main/core/logging/rotating-file.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => (tmp = makeTempDir('sms-log-')));
afterEach(() => tmp.cleanup());

describe('RotatingFile', () => {
  it('rotates by size and keeps at most maxFiles files, newest first', () => {
    const f = new RotatingFile({ dir: tmp.dir, name: 'app.log', maxBytes: 100, maxFiles: 3 });
    for (let i = 0; i < 20; i++) f.write(`${String(i).padStart(2, '0')}${'x'.repeat(37)}\n`); // 40 bytes a line
    expect(readdirSync(tmp.dir).sort()).toEqual(['app.1.log', 'app.2.log', 'app.log']);
    expect(f.files()).toHaveLength(3);
    for (const file of f.files()) expect(readFileSync(file).byteLength).toBeLessThanOrEqual(100);
    expect(readFileSync(f.current, 'utf8').startsWith('18')).toBe(true);
    expect(readFileSync(f.fileAt(2), 'utf8').startsWith('14')).toBe(true);
  });

  it('continues the current file after a restart', () => {
    new RotatingFile({ dir: tmp.dir, maxBytes: 100, maxFiles: 2 }).write('a'.repeat(80));
    const again = new RotatingFile({ dir: tmp.dir, maxBytes: 100, maxFiles: 2 });
    again.write('b'.repeat(30));
    expect(again.files()).toHaveLength(2);
  });
});

describe('createLogger', () => {
  it('writes JSON lines with errors spelled out and secrets redacted', () => {
    const log = createLogger({ dir: tmp.dir, now: () => Date.UTC(2026, 0, 2) });
    log.redactor.add('very-secret-value');
    log.error('boom', { error: new Error('failed with very-secret-value', { cause: new Error('pwd=other') }), n: 1 });
    const lines = readFileSync(log.files()[0]!, 'utf8').trim().split('\n');
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ at: '2026-01-02T00:00:00.000Z', level: 'error', event: 'boom', n: 1 });
    expect(JSON.stringify(entry)).toContain('failed with [redacted]');
    expect(JSON.stringify(entry)).not.toContain('other');
  });
});
