/**
 * Issue 15: a big campaign is written in steps under `preparing` and sends only when complete. A
 * process killed part-way through writing it leaves a preparing campaign; the next start writes it
 * again from its draft and sends it — every number exactly once, none lost — and a campaign that can
 * no longer be written (its list was deleted meanwhile) ends cancelled with the reason.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView } from '../../../src/shared/campaigns.ts';
import { secretKey } from '../../../src/main/core/accounts/account-secrets.ts';
import { DATABASE_FILE } from '../../../src/main/core/store/database.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { countByNumber } from '../../sim/http-kit.ts';
import { call, cnMobiles, waitForCampaign, handedOver } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { withCore } from '../../helpers/test-core.ts';

const CHILD = join(import.meta.dirname, 'prepare-crash-child.ts');

let tmp: ReturnType<typeof makeTempDir>;
let sim: EimsSim;

beforeEach(async () => {
  tmp = makeTempDir('sms-prepare-crash-');
  sim = await startEimsSim({ balance: 1e9 });
});
afterEach(async () => {
  await sim.close();
  tmp.cleanup();
});


function runChild(config: unknown): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  const child = spawn(process.execPath, [CHILD, tmp.dir, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, out })));
}

const campaignsInFile = () => {
  const db = new Database(join(tmp.dir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare<[], { id: string; state: string; total: number }>('SELECT id, state, total FROM campaigns').all();
  } finally {
    db.close();
  }
};

describe('a crash while a campaign is being written', () => {
  it('is written again at the next start and sent exactly once', async () => {
    const accountId = await withCore(tmp.dir, async (tc) => {
      const a = await call<{ id: string }>(tc.core, 'accountsCreate', {
        config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
        secrets: { password: 'demo-password' },
      });
      return a.id;
    });
    const count = 12_000;
    const killed = await runChild({ accountId, secrets: { password: 'demo-password' }, count, killAfter: 5 });
    expect(killed.signal, killed.out).toBe('SIGKILL');
    const left = campaignsInFile();
    expect(left).toHaveLength(1);
    expect(left[0]!.state).toBe('preparing');
    expect(left[0]!.total).toBeGreaterThan(0);
    expect(left[0]!.total).toBeLessThan(count);
    expect(sim.state.accepted).toHaveLength(0);

    await withCore(tmp.dir, async (tc) => {
      tc.secrets.set(secretKey(accountId, 'password'), 'demo-password');
      const c = await waitForCampaign(tc.core, left[0]!.id, { timeoutMs: 60_000, until: handedOver });
      expect(c.total).toBe(count);
      expect(c.counts.submitted).toBe(count);
    });
    const sent = countByNumber(sim.state.accepted);
    expect(sent.size).toBe(count);
    expect([...sent.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(sent.keys())).toEqual(new Set(cnMobiles(count).map((n) => `86${n}`)));
  });

  it('ends cancelled, with why, when the campaign can no longer be written', async () => {
    await withCore(tmp.dir, async (tc) => {
      const a = await call<{ id: string }>(tc.core, 'accountsCreate', {
        config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false },
        secrets: { password: 'demo-password' },
      });
      // As a crash would leave it: a preparing campaign, part-written, whose list is gone by the next start.
      const db = tc.core.context.db;
      db.prepare(
        `INSERT INTO campaigns (id, name, account_id, provider, content, state, created_at, updated_at, prepare_input) VALUES ('p', 'Half', ?, 'eims', '{"mode":"text","body":"x"}', 'preparing', 0, 0, ?)`,
      ).run(a.id, JSON.stringify({ draft: { name: 'Half', accountId: a.id, content: { mode: 'text', body: 'x' }, recipients: { listIds: ['gone'], pasted: '' }, quietHours: null } }));
      db.prepare(`INSERT INTO messages (campaign_id, account_id, e164, address, state, updated_at) VALUES ('p', ?, '+8613800000001', '8613800000001', 'queued', 0)`).run(a.id);
      db.exec(`INSERT INTO campaign_counts (campaign_id, state, n) VALUES ('p', 'queued', 1); UPDATE campaigns SET total = 1 WHERE id = 'p'`);
    });
    await withCore(tmp.dir, async (tc) => {
      const c = await waitForCampaign(tc.core, 'p', { until: (v) => v.state === 'cancelled' });
      expect(c.total).toBe(0);
      expect(c.lastError?.code).toBe('CAMPAIGN_LIST_NOT_FOUND');
      expect((await call<CampaignView[]>(tc.core, 'campaignsList')).map((v) => v.state)).toEqual(['cancelled']);
    });
    expect(sim.state.accepted).toHaveLength(0);
  });
});
