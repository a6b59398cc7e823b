/**
 * The process the crash test kills: runs the core on a data dir until one campaign is done.
 *
 *   node tests/integration/sending/crash-child.ts <dataDir> '<json: { campaignId, accountId, secrets, tuning }>'
 *
 * Secrets live in memory and are written again on each start (the desktop app keeps them in the OS
 * keychain, which survives a crash). Prints one JSON line per event on stdout: `started` after the
 * dispatcher started (interrupted requests already turned `unknown`), `progress` with the counts
 * every 20 ms, and `done` before exiting 0 when the campaign has nothing queued or in flight (and,
 * with `waitUnknownMs`, no `unknown` left or that long has passed).
 */
import { createCore } from '../../../src/main/core/create-core.ts';
import type { DispatchTuning } from '../../../src/main/core/dispatch/dispatcher.ts';
import { secretKey } from '../../../src/main/core/accounts/account-secrets.ts';
import { MemorySecretStore } from '../../../src/main/core/ports.ts';
import { MemorySettingsBackend } from '../../../src/main/core/settings/json-file-backend.ts';
import type { CampaignView } from '../../../src/shared/campaigns.ts';

interface ChildConfig {
  campaignId: string;
  accountId: string;
  secrets: Record<string, string>;
  tuning?: DispatchTuning;
  /** Also wait (up to this many ms) for `unknown` messages to be reconciled (GSM box) before exiting. */
  waitUnknownMs?: number;
}

const [dataDir, json] = process.argv.slice(2);
if (!dataDir || !json) throw new Error('usage: crash-child.ts <dataDir> <json config>');
const cfg = JSON.parse(json) as ChildConfig;

const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ at: Date.now(), ...line })}\n`);

const secrets = new MemorySecretStore();
for (const [field, value] of Object.entries(cfg.secrets)) secrets.set(secretKey(cfg.accountId, field), value);
const core = createCore({
  dataDir,
  secrets,
  settings: new MemorySettingsBackend(),
  onError: (where, err) => say({ event: 'error', where, error: String(err) }),
  ...(cfg.tuning ? { dispatch: cfg.tuning } : {}),
});
await core.start();
say({ event: 'started' });

let idleSince: number | null = null;
for (;;) {
  const r = await core.invoke('campaignGet', { id: cfg.campaignId });
  if (!r.ok) throw new Error(`campaignGet: ${r.error.message}`);
  const c = r.value as CampaignView;
  say({ event: 'progress', state: c.state, counts: c.counts });
  const idle = c.state !== 'running' || (c.counts.queued === 0 && c.counts.submitting === 0);
  idleSince = idle ? (idleSince ?? Date.now()) : null;
  const waitUnknown = c.counts.unknown > 0 && idleSince !== null && Date.now() - idleSince < (cfg.waitUnknownMs ?? 0);
  if (idle && !waitUnknown) {
    await core.stop();
    say({ event: 'done', state: c.state, counts: c.counts });
    process.exit(0);
  }
  await new Promise((r) => setTimeout(r, 20));
}
