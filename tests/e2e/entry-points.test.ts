/**
 * The entry points as people start them, in real child processes:
 * - `npm start` without the Electron runtime says in one sentence what happened and that
 *   `npm run headless` is the way on, exits 1, and neither builds nor prints a stack trace;
 * - on an unsupported Node (the system's Node, when it is one — Debian's is 20) every entry point
 *   says which Node it needs and exits 1, before anything else loads;
 * - `npm run headless` no longer exits 0 when the app dies: a crash by signal is a failure.
 * Needs the build (out/main/headless.js), like the other end-to-end tests.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.ts';

const root = join(import.meta.dirname, '../..');
const tmp = makeTempDir('sms-e2e-entry-');
afterAll(() => tmp.cleanup());

const hasStackTrace = (text: string) => /^\s+at .+:\d+:\d+\)?$/m.test(text) || /\bError: /.test(text);

/** A Node on this machine outside package.json's engines (the system's, not the project's), if any. */
function unsupportedNode(): { path: string; version: string } | null {
  const candidates = new Set(['/usr/bin/node', '/usr/local/bin/node']);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && !dir.includes('node_modules')) candidates.add(join(dir, 'node'));
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
    if (Number(version.split('.')[0]) !== 24) return { path, version };
  }
  return null;
}

describe('npm start without the Electron runtime', () => {
  it('says what happened and how to go on, in one sentence, and exits 1 without building', () => {
    const empty = join(tmp.dir, 'no-electron');
    const r = spawnSync('npm', ['start', '--silent'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    const said = `${r.stdout}${r.stderr}`.trim();
    expect(said.split('\n')).toHaveLength(1);
    expect(said).toBe(`npm start cannot open the desktop app: the Electron runtime is not at ${join(empty, 'electron')} — run "npm run headless" to use SMS Console in your browser instead.`);
    expect(hasStackTrace(said)).toBe(false);
  });

  // Where the Electron binary is installed this would start the app: only the case without it is checked.
  it.runIf(!existsSync(join(root, 'node_modules/electron/path.txt')))('does not download when told not to, and says so', () => {
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('npm start cannot open the desktop app: the Electron runtime is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1) — run "npm run headless" to use SMS Console in your browser instead.');
    expect(r.stdout).not.toMatch(/Downloading/);
  });
});

const old = unsupportedNode();
if (!old) console.warn('Skipping the unsupported-Node checks: every node on this machine is Node 24.');

describe.runIf(old !== null)(`the entry points on an unsupported Node (${old?.path} ${old?.version})`, () => {
  it.each([
    ['scripts/start.mjs', 'scripts/start.mjs (npm start)'],
    ['scripts/headless.mjs', 'scripts/headless.mjs (npm run headless)'],
    ['out/main/headless.js', 'out/main/headless.js'],
  ])('%s says the Node it needs and exits 1', (entry, name) => {
    expect(existsSync(join(root, entry)), `${entry} (run npm run build)`).toBe(true);
    const r = spawnSync(old!.path, [entry, '--data-dir', join(tmp.dir, 'data-old')], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      `${name} needs Node.js 24 (package.json engines: >=24 <25) but this is Node.js ${old!.version}: run it through npm (npm start, npm run headless), which uses the Node.js 24 installed with the project, or install Node.js 24.`,
    );
  });
});

describe('npm run headless when the app dies', () => {
  it('exits non-zero and says so, instead of 0 and nothing', async () => {
    const wrapper = spawn(process.execPath, ['scripts/headless.mjs', '--data-dir', join(tmp.dir, 'data'), '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    wrapper.stdout.on('data', (c: Buffer) => (out += c.toString()));
    wrapper.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => wrapper.once('exit', (code) => resolve(code)));
    const end = Date.now() + 30_000;
    while (!/Open: http/.test(out)) {
      if (Date.now() > end || wrapper.exitCode !== null) throw new Error(`the headless app did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The app is the wrapper's child: kill it the hard way, as a crash would.
    const app = Number(execFileSync('pgrep', ['-P', String(wrapper.pid)], { encoding: 'utf8' }).trim().split('\n')[0]);
    expect(app).toBeGreaterThan(0);
    process.kill(app, 'SIGKILL');
    expect(await exited).toBe(137);
    expect(out).toContain('The headless app stopped on SIGKILL.');
  }, 60_000);
});
