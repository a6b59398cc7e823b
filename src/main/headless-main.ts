/**
 * Headless mode: the same core as the desktop app, in plain Node, with the built renderer and the
 * contract served over HTTP on 127.0.0.1 (see core/bridge). For tests, benchmarks and anyone without
 * the Electron binary. Started by headless.ts, which checks the Node version first.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBridgeServer } from './core/bridge/http-bridge-server.ts';
import { createCore } from './core/create-core.ts';
import { FileSecretStore } from './core/secrets/file-secret-store.ts';
import { JsonFileSettingsBackend } from './core/settings/json-file-backend.ts';
import { auditedFetch } from './core/net-audit.ts';
import { AppError } from '../shared/errors.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    token: { type: 'string' },
    'renderer-dir': { type: 'string' },
  },
});

const dataDir = resolve(values['data-dir'] ?? process.env.SMS_CONSOLE_DATA_DIR ?? join(homedir(), '.sms-console-headless'));
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = resolve(values['renderer-dir'] ?? join(here, '../renderer'));
const port = values.port ? Number(values.port) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535 (0 picks a free one); got ${values.port}`);
  process.exit(2);
}

async function main() {
  const core = createCore({
    dataDir,
    secrets: new FileSecretStore(join(dataDir, 'secrets.json')),
    settings: new JsonFileSettingsBackend(join(dataDir, 'settings.json')),
    mode: 'headless',
    ...(process.env.SMS_CONSOLE_NET_AUDIT ? { fetch: auditedFetch(globalThis.fetch.bind(globalThis), process.env.SMS_CONSOLE_NET_AUDIT) } : {}),
    version: process.env.npm_package_version ?? '0.0.0',
    onError: (method, err) => console.error(`[core] ${method} failed:`, err instanceof Error ? err.message : 'unknown error'),
  });
  await core.start();
  const server = await startBridgeServer({ core, rendererDir: existsSync(join(rendererDir, 'index.html')) ? rendererDir : null, port, ...(values.token ? { token: values.token } : {}) });
  console.log(`SMS Console (headless) — data: ${dataDir}`);
  console.log(`Open: ${server.url}`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    await core.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error(err instanceof AppError ? `${err.code}: ${err.message}` : err);
  process.exit(1);
});
