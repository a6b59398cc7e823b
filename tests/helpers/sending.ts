import type { CampaignView, MessageState } from '../../src/shared/campaigns.ts';
import type { Core } from '../../src/main/core/create-core.ts';

/** Calls a contract method and returns its value, throwing the error sentence when it failed. */
export async function call<T>(core: Core, name: string, input?: unknown): Promise<T> {
  const r = await core.invoke(name, input);
  if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code}: ${r.error.message}`), { shape: r.error });
  return r.value as T;
}

/** An EIMS account on the simulator at `baseUrl` (its demo login unless `password` says otherwise); returns its id. */
export async function addEimsAccount(core: Core, baseUrl: string, opts: { name?: string; password?: string } = {}): Promise<string> {
  const config = { kind: 'eims', name: opts.name ?? 'Platform', baseUrl, account: 'demo', encrypted: false };
  return (await call<{ id: string }>(core, 'accountsCreate', { config, secrets: { password: opts.password ?? 'demo-password' } })).id;
}

/** A list from CSV text through the import contract (the path the wizard takes). */
export async function importList(core: Core, name: string, csv: string): Promise<string> {
  const opened = await call<{ importId: string }>(core, 'importOpen', { fileName: `${name}.csv`, base64: Buffer.from(csv, 'utf8').toString('base64') });
  await call(core, 'importAnalyse', { importId: opened.importId });
  const done = await call<{ listId: string }>(core, 'importCommit', { importId: opened.importId, target: { newListName: name } });
  return done.listId;
}

/** `count` distinct Chinese mobile numbers (11 digits), deterministic. */
export function cnMobiles(count: number, start = 0): string[] {
  return Array.from({ length: count }, (_, i) => `139${String(10_000_000 + start + i).slice(-8)}`);
}

const SETTLED: readonly MessageState[] = ['queued', 'submitting'];

/** Nothing is left to send: handed over (waiting for reports) or already finished. */
export const handedOver = (c: { state: string }): boolean => c.state === 'handed' || c.state === 'done';

/** Polls until the campaign has nothing queued or in flight (or its state is one of `states`). */
export async function waitForCampaign(
  core: Core,
  id: string,
  opts: { timeoutMs?: number; until?: (c: CampaignView) => boolean } = {},
): Promise<CampaignView> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  const until = opts.until ?? ((c: CampaignView) => c.state !== 'running' || SETTLED.every((s) => c.counts[s] === 0));
  for (;;) {
    const c = await call<CampaignView>(core, 'campaignGet', { id });
    if (until(c)) return c;
    if (Date.now() > deadline) throw new Error(`campaign ${id} still ${c.state}: ${JSON.stringify(c.counts)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
