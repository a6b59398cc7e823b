/**
 * The process the import-crash test kills: imports a CSV of `rows` numbers into a new list (or into
 * `listId`) and SIGKILLs itself after `killAfter` commit steps have been written.
 *
 *   node tests/integration/contacts/import-crash-child.ts <dataDir> '<json: { rows, killAfter, listId? }>'
 */
import { createCore } from '../../../src/main/core/create-core.ts';
import { MemorySecretStore } from '../../../src/main/core/ports.ts';
import { MemorySettingsBackend } from '../../../src/main/core/settings/json-file-backend.ts';

const [dataDir, json] = process.argv.slice(2);
if (!dataDir || !json) throw new Error('usage: import-crash-child.ts <dataDir> <json config>');
const cfg = JSON.parse(json) as { rows: number; killAfter: number; listId?: string };
const core = createCore({ dataDir, secrets: new MemorySecretStore(), settings: new MemorySettingsBackend(), monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false } });
await core.start();
const written = core.context.db.prepare<[], number>(`SELECT count(*) FROM list_members WHERE import_id IS NOT NULL AND import_id IN (SELECT id FROM imports WHERE state = 'writing')`).pluck();
const watch = () => {
  if ((written.get() ?? 0) >= cfg.killAfter) process.kill(process.pid, 'SIGKILL');
  setImmediate(watch);
};
watch();
const lines = ['phone,name'];
for (let i = 0; i < cfg.rows; i++) lines.push(`${13_600_000_000 + i},Crash ${i}`);
const must = (r: { ok: boolean; value?: unknown; error?: { message: string } }) => {
  if (!r.ok) throw new Error(r.error!.message);
  return r.value as { importId: string };
};
const { importId } = must(await core.invoke('importOpen', { fileName: 'crash.csv', base64: Buffer.from(lines.join('\n')).toString('base64') }));
must(await core.invoke('importAnalyse', { importId, options: {} }));
must(await core.invoke('importCommit', { importId, target: cfg.listId ? { listId: cfg.listId } : { newListName: 'Crash list' } }));
process.stdout.write('{"event":"not killed"}\n');
await core.stop();
