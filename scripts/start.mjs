// `npm start`: the desktop app (electron-vite builds, then starts Electron). Checks first what
// electron-vite would only report with a stack trace: the Node version, and whether the Electron
// runtime is there — downloading it on the first start, as the electron package does when it is
// required. Without it, one sentence says so and points to headless mode.
// Environment: ELECTRON_OVERRIDE_DIST_PATH (a folder holding the electron binary, as the electron
// package reads it), ELECTRON_SKIP_BINARY_DOWNLOAD=1 (never download). Arguments go to electron-vite.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { exitUnlessSupportedNode } from './node-version.mjs';

exitUnlessSupportedNode('scripts/start.mjs (npm start)');

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;

/** Where the Electron binary is (or would be): the electron package's path.txt names it inside dist/. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (override) return join(override, name || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
  return name ? join(electronDir, 'dist', name) : null;
}

function fail(why) {
  console.error(`npm start cannot open the desktop app: the Electron runtime ${why} — run "npm run headless" to use SMS Console in your browser instead.`);
  process.exit(1);
}

let binary = electronBinary();
if (!binary || !existsSync(binary)) {
  if (override) fail(`is not at ${binary}`);
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') fail('is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1)');
  console.log('Downloading the Electron runtime (first start)…');
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 10 * 60_000 });
  const said = `${download.stderr ?? ''}\n${download.stdout ?? ''}`.split('\n').map((l) => l.trim()).find((l) => /error|fail/i.test(l) && !/^\s*at /.test(l));
  binary = electronBinary();
  if (download.status !== 0 || !binary || !existsSync(binary)) fail(`is not installed and could not be downloaded${said ? ` (${said.replace(/^\w*Error: /, '')})` : ''}`);
}

const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js');
const run = spawnSync(process.execPath, [electronVite, 'preview', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: binary },
});
process.exit(run.status ?? 1);
