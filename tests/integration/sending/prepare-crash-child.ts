/**
 * The process the prepare-crash test kills: starts a core on a data dir and sends a campaign to
 * `count` pasted numbers; it SIGKILLs itself once `killAfter` chunks of the campaign's messages have
 * been written (the campaign is still `preparing`: nothing of it was ever claimed).
 *
 *   node tests/integration/sending/prepare-crash-child.ts <dataDir> '<json: { accountId, secrets, count, killAfter }>'
 */
import { secretKey } from '../../../src/main/core/accounts/account-secrets.ts';
import { createCore } from '../../../src/main/core/create-core.ts';
import { MemorySecretStore } from '../../../src/main/core/ports.ts';
import { MemorySettingsBackend } from '../../../src/main/core/settings/json-file-backend.ts';
import { cnMobiles } from '../../helpers/sending.ts';

const [dataDir, json] = process.argv.slice(2);
if (!dataDir || !json) throw new Error('usage: prepare-crash-child.ts <dataDir> <json config>');
const cfg = JSON.parse(json) as { accountId: string; secrets: Record<string, string>; count: number; killAfter: number };
const secrets = new MemorySecretStore();
for (const [field, value] of Object.entries(cfg.secrets)) secrets.set(secretKey(cfg.accountId, field), value);
const core = createCore({ dataDir, secrets, settings: new MemorySettingsBackend(), monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false } });
await core.start();
let chunks = 0;
core.subscribe((name, payload) => {
  if (name !== 'campaignsChanged' || (payload as { reason: string }).reason !== 'state') return;
  const row = core.context.db.prepare<[string], { state: string; total: number }>('SELECT state, total FROM campaigns WHERE id = ?').get((payload as { id: string }).id);
  if (row?.state === 'preparing' && row.total > 0 && ++chunks >= cfg.killAfter) process.kill(process.pid, 'SIGKILL');
});
await core.invoke('campaignCreate', {
  name: 'Big',
  accountId: cfg.accountId,
  content: { mode: 'text', body: 'Hello' },
  recipients: { listIds: [], pasted: cnMobiles(cfg.count).join('\n') },
  confirmed: true,
});
process.stdout.write('{"event":"not killed"}\n');
await core.stop();
