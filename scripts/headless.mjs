// `npm run headless`: build if the output is missing or older than the sources, then run the core
// and the headless bridge in plain Node (the Node 24 that npm scripts run on). Arguments pass through.
// Exits with the app's exit code; a crash (a signal) is a failure too, never a silent 0.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { exitUnlessSupportedNode } from './node-version.mjs';

exitUnlessSupportedNode('scripts/headless.mjs (npm run headless)');

const root = new URL('..', import.meta.url).pathname;
const entry = join(root, 'out/main/headless.js');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const stale = !existsSync(entry) || !existsSync(join(root, 'out/renderer/index.html')) ||
  newest(join(root, 'src')) > Math.min(statSync(entry).mtimeMs, statSync(join(root, 'out/renderer/index.html')).mtimeMs);
if (stale) {
  console.log('Building (sources changed since the last build)…');
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(process.execPath, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  if (signal) console.error(`The headless app stopped on ${signal}.`);
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
});
