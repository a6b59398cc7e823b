/**
 * The process the schedule crash test kills: starts the core on a data dir (the scheduler handles the
 * run missed while it was not running), optionally dying by SIGKILL inside the firing transaction,
 * right after the campaign was written and before the run is recorded.
 *
 *   node tests/integration/schedules/fire-crash-child.ts <dataDir> '<json: { accountId, secrets, kill, waitMs }>'
 *
 * Prints one JSON line: `{ event: 'done', campaigns }` after the campaigns it sees have nothing queued
 * or in flight (or `waitMs` passed).
 */
import { secretKey } from '../../../src/main/core/accounts/account-secrets.ts';
import { createCore } from '../../../src/main/core/create-core.ts';
import { MemorySecretStore } from '../../../src/main/core/ports.ts';
import { MemorySettingsBackend } from '../../../src/main/core/settings/json-file-backend.ts';
import type { CampaignView } from '../../../src/shared/campaigns.ts';

interface ChildConfig {
  accountId: string;
  secrets: Record<string, string>;
  kill: boolean;
  waitMs: number;
}

const [dataDir, json] = process.argv.slice(2);
if (!dataDir || !json) throw new Error('usage: fire-crash-child.ts <dataDir> <json config>');
const cfg = JSON.parse(json) as ChildConfig;
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

const secrets = new MemorySecretStore();
for (const [field, value] of Object.entries(cfg.secrets)) secrets.set(secretKey(cfg.accountId, field), value);
const core = createCore({
  dataDir,
  secrets,
  settings: new MemorySettingsBackend(),
  onError: (where, err) => say({ event: 'error', where, error: String(err) }),
  schedules: {
    afterCampaignWritten: () => {
      if (cfg.kill) process.kill(process.pid, 'SIGKILL');
    },
  },
});
await core.start();
const deadline = Date.now() + cfg.waitMs;
for (;;) {
  const r = await core.invoke('campaignsList', undefined);
  if (!r.ok) throw new Error(`campaignsList: ${r.error.message}`);
  const list = r.value as CampaignView[];
  const busy = list.some((c) => c.state === 'running' && (c.counts.queued > 0 || c.counts.submitting > 0));
  if ((!busy && list.length > 0) || Date.now() > deadline) {
    await core.stop();
    say({ event: 'done', campaigns: list.map((c) => ({ id: c.id, state: c.state, counts: c.counts })) });
    process.exit(0);
  }
  await new Promise((res) => setTimeout(res, 20));
}
