/**
 * A real crash while firing: a child process running the core is SIGKILLed inside the firing
 * transaction (campaign written, run not yet recorded). Nothing of that run survives; the next start
 * fires it exactly once; a further start fires nothing. The EIMS simulator's own record agrees.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src/main/core/store/database.ts';
import { formatLocalDateTime } from '../../../src/shared/zoned-time.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { call, cnMobiles } from '../../helpers/sending.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { makeTestCore } from '../../helpers/test-core.ts';

const CHILD = join(import.meta.dirname, 'fire-crash-child.ts');
const SECRETS = { password: 'demo-password' };

function runChild(dataDir: string, config: Record<string, unknown>): Promise<{ code: number | null; signal: NodeJS.Signals | null; lines: Record<string, unknown>[]; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, dataDir, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code, signal) =>
      resolve({ code, signal, err, lines: out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>) }),
    );
  });
}

describe('a crash inside the firing transaction', () => {
  const tmp = makeTempDir();
  const dataDir = join(tmp.dir, 'data');
  let sim: EimsSim;
  let accountId = '';
  const numbers = cnMobiles(120);

  beforeAll(async () => {
    sim = await startEimsSim({ balance: 1_000_000 });
    // The schedule is made an hour ago (a manual clock), due 50 minutes ago: the child's start finds it missed.
    const clock = new ManualClock(Date.now() - 3_600_000);
    const tc = makeTestCore(dataDir, { clock });
    await tc.core.start();
    accountId = (await call<{ id: string }>(tc.core, 'accountsCreate', { config: { kind: 'eims', name: 'Platform', baseUrl: sim.url, account: 'demo', encrypted: false }, secrets: SECRETS })).id;
    await call(tc.core, 'scheduleCreate', {
      kind: 'local',
      draft: { name: 'Crash test', accountId, content: { mode: 'text', body: 'Once only' }, recipients: { listIds: [], pasted: numbers.join('\n') } },
      when: { zone: 'UTC', repeat: { kind: 'once', at: formatLocalDateTime(clock.now() + 600_000, 'UTC') } },
      missedPolicy: 'run-once',
    });
    await tc.core.stop();
  });
  afterAll(async () => {
    await sim.close();
    tmp.cleanup();
  });

  const ledger = () => {
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      return {
        campaigns: (db.prepare('SELECT count(*) AS n FROM campaigns').get() as { n: number }).n,
        messages: (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n,
        runs: (db.prepare('SELECT count(*) AS n FROM schedule_runs').get() as { n: number }).n,
      };
    } finally {
      db.close();
    }
  };

  it('leaves nothing of the run behind, then fires it exactly once', async () => {
    const killed = await runChild(dataDir, { accountId, secrets: SECRETS, kill: true, waitMs: 5000 });
    expect(killed.signal, killed.err).toBe('SIGKILL');
    expect(ledger()).toEqual({ campaigns: 0, messages: 0, runs: 0 });
    expect(sim.state.accepted).toHaveLength(0);

    const fired = await runChild(dataDir, { accountId, secrets: SECRETS, kill: false, waitMs: 15_000 });
    expect(fired.code, fired.err).toBe(0);
    const done = fired.lines.find((l) => l.event === 'done') as { campaigns: { counts: { submitted: number } }[] };
    expect(done.campaigns).toHaveLength(1);
    expect(done.campaigns[0]!.counts.submitted).toBe(120);
    expect(ledger()).toEqual({ campaigns: 1, messages: 120, runs: 1 });

    const again = await runChild(dataDir, { accountId, secrets: SECRETS, kill: true, waitMs: 1500 });
    // Had it fired again, the hook would have killed it.
    expect(again.code, again.err).toBe(0);
    expect(ledger()).toEqual({ campaigns: 1, messages: 120, runs: 1 });
    expect(sim.state.accepted).toHaveLength(120);
    expect(new Set(sim.state.accepted.map((a) => a.number)).size).toBe(120);
  }, 60_000);
});
