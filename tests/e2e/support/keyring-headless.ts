/**
 * The headless app with the desktop app's secret store instead of headless mode's file: Electron's
 * safeStorage is stood in for (tests/helpers/stand-in-safe-storage.ts) with the Linux backend and key
 * given on the command line, so the real renderer can show what the desktop app shows on Linux without
 * a keyring (`--backend basic_text`) or after the keyring was reset (a new `--key`). Prints the same
 * "Open: <url>" line as out/main/headless.js. Runs from source (Node strips the types).
 * Usage: node tests/e2e/support/keyring-headless.ts --data-dir DIR --backend NAME --key HEX
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Conf from 'conf';
import { startBridgeServer } from '../../../src/main/core/bridge/http-bridge-server.ts';
import { createCore } from '../../../src/main/core/create-core.ts';
import { JsonFileSettingsBackend } from '../../../src/main/core/settings/json-file-backend.ts';
import { EncryptedSecretStore } from '../../../src/main/desktop/encrypted-secret-store.ts';
import { StandInSafeStorage } from '../../helpers/stand-in-safe-storage.ts';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, backend: { type: 'string' }, key: { type: 'string' } } });
const dataDir = values['data-dir']!;
const safeStorage = new StandInSafeStorage(values.backend ?? 'basic_text', Buffer.from(values.key ?? '00'.repeat(32), 'hex'));
const file = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'secrets', projectName: 'sms-console', clearInvalidConfig: false, configFileMode: 0o600 });
const core = createCore({
  dataDir,
  secrets: new EncryptedSecretStore({ safeStorage, file, platform: 'linux' }),
  settings: new JsonFileSettingsBackend(join(dataDir, 'settings.json')),
  mode: 'desktop',
  version: '0.0.0-e2e',
});
await core.start();
const server = await startBridgeServer({ core, rendererDir: join(import.meta.dirname, '../../../out/renderer') });
console.log(`Open: ${server.url}`);
process.on('SIGTERM', () => {
  void server.close().then(() => core.stop()).then(() => process.exit(0));
});
