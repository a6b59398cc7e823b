/**
 * Benchmark (issue 19): the Insight screen's chart queries on a 1,000,000-message database.
 *
 * Seeds 1,000,000 messages the way bench/monitoring.ts does (plain SQL in one transaction, then the
 * kept counts rebuilt from the messages with the migration's own SELECTs): 200 campaigns of 5,000 over
 * 90 days, two EIMS accounts and a GSM box with 8 ports, sends spread over the hours of the day, states
 * and failure codes mixed, delivery times from seconds to hours, and 20,000 inbound SMS (replies from
 * campaign numbers, some opt-outs). Then times each chart query (store/read-queries.ts → insight) on a
 * read-only connection like the read worker's, for 7-, 30- and 90-day ranges, and the whole report
 * through `core.invoke('insightReport')` (read worker round trip included). Medians of --runs.
 *
 *   node bench/insight.ts [--runs 15] [--write]
 */
import '../scripts/require-supported-node.mjs';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { syncKeptCounts } from '../tests/helpers/kept-counts.ts';
import { createCore } from '../src/main/core/create-core.ts';
import { createInsightQueries } from '../src/main/core/insight/insight-queries.ts';
import { DATABASE_FILE } from '../src/main/core/store/database.ts';
import { MemorySecretStore } from '../src/main/core/ports.ts';
import { MemorySettingsBackend } from '../src/main/core/settings/json-file-backend.ts';
import type { InsightRange } from '../src/shared/insight.ts';
import { atMost, emitResult, machineLine, median, writeSection } from './support/results.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, write: { type: 'boolean', default: false } } });
const RUNS = Number(values.runs);
const GOAL_MS = 200;
const DAY = 86_400_000;
const CAMPAIGNS = 200;
const PER_CAMPAIGN = 5_000;
const INBOUND = 20_000;

const STATES = ['delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'delivered', 'sent', 'failed', 'expired', 'submitted', 'delivered', 'failed'];
const CODES = ['EIMS_REJECTED', 'BOX_REPORT_FAILED', 'SEND_NUMBER_INVALID', 'REPORT_EXPIRED'];

function seed(db: Database.Database, now: number): void {
  const accounts = [
    { id: 'acc-eims-1', kind: 'eims', name: 'Wholesale A' },
    { id: 'acc-eims-2', kind: 'eims', name: 'Wholesale B' },
    { id: 'acc-box', kind: 'gsmbox', name: 'Office box' },
  ];
  const insAcc = db.prepare(`INSERT INTO accounts (id, kind, name, config, created_at, updated_at) VALUES (?, ?, ?, '{}', 0, 0)`);
  const insCamp = db.prepare(`INSERT INTO campaigns (id, name, account_id, provider, content, state, total, created_at, updated_at) VALUES (?, ?, ?, ?, '{"mode":"text","body":"x"}', 'done', ?, ?, ?)`);
  const ins = db.prepare(
    `INSERT INTO messages (campaign_id, account_id, e164, address, text, segments, state, provider_id, port, handed_at, error_code, updated_at) VALUES (?, ?, ?, ?, 'x', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insIn = db.prepare(`INSERT INTO inbound_sms (account_id, dedupe_key, number, raw_from, text, received_at, stored_at, source, opt_out) VALUES (?, ?, ?, ?, ?, ?, ?, 'push', ?)`);
  const day0 = now - 90 * DAY;
  db.transaction(() => {
    for (const a of accounts) insAcc.run(a.id, a.kind, a.name);
    let n = 0;
    for (let c = 0; c < CAMPAIGNS; c++) {
      const acc = accounts[c % 3]!;
      const created = day0 + Math.floor((c * 90 * DAY) / CAMPAIGNS);
      insCamp.run(`camp-${c}`, `Campaign ${c}`, acc.id, acc.kind, PER_CAMPAIGN, created, created);
      for (let i = 0; i < PER_CAMPAIGN; i++, n++) {
        const digits = `13${String((n * 7919) % 1_000_000_000).padStart(9, '0')}`;
        const state = STATES[(n * 31) % STATES.length]!;
        // Sent over the ~10 hours after creation, so every hour of the day gets some across campaigns.
        const handed = created + ((n * 7_211) % (10 * 3_600_000));
        const refused = state === 'failed' && n % 5 === 0;
        const delay = [5_000, 20_000, 45_000, 300_000, 2_400_000, 7_200_000][n % 6]!;
        const port = acc.kind === 'gsmbox' ? 1 + (n % 8) : null;
        const code = state === 'failed' || state === 'expired' ? CODES[n % CODES.length]! : null;
        ins.run(`camp-${c}`, acc.id, `+86${digits}`, `86${digits}`, 1 + (n % 3 === 0 ? 1 : 0), state, refused ? null : String(n + 1), port, refused ? null : handed, code, handed + delay);
      }
    }
    // Replies from campaign numbers, within hours of their send; every tenth an opt-out.
    for (let i = 0; i < INBOUND; i++) {
      const n = i * 50 + 7;
      const digits = `13${String((n * 7919) % 1_000_000_000).padStart(9, '0')}`;
      const c = Math.floor(n / PER_CAMPAIGN);
      const created = day0 + Math.floor((c * 90 * DAY) / CAMPAIGNS);
      const at = created + ((n * 7_211) % (10 * 3_600_000)) + 3_600_000 * (1 + (i % 30));
      insIn.run(accounts[c % 3]!.id, `in-${i}`, `+86${digits}`, `+86${digits}`, i % 10 === 0 ? 'TD' : 'ok', at, at, i % 10 === 0 ? 1 : 0);
    }
  })();
}

function time(fn: () => unknown): number[] {
  const out: number[] = [];
  fn(); // warm the statement and the page cache
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-insight-'));
  const core = createCore({ dataDir: dir, secrets: new MemorySecretStore(), settings: new MemorySettingsBackend(), monitoring: { receiverHost: '127.0.0.1', receiverPort: 0, poll: false } });
  try {
    await core.start();
    const now = Date.now();
    const t0 = performance.now();
    seed(core.context.db, now);
    syncKeptCounts(core.context.db);
    core.context.db.exec('ANALYZE');
    const seedS = (performance.now() - t0) / 1000;
    const sendRows = core.context.db.prepare('SELECT count(*) FROM send_counts').pluck().get() as number;
    const messages = core.context.db.prepare('SELECT count(*) FROM messages').pluck().get() as number;
    console.log(`seeded ${messages} messages in ${seedS.toFixed(0)} s; send_counts rows: ${sendRows}`);

    const ro = new Database(join(dir, DATABASE_FILE), { readonly: true, fileMustExist: true });
    const q = createInsightQueries(ro);
    const today = new Date(now);
    const endOfToday = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1).getTime();
    const range = (days: number): InsightRange => ({ from: endOfToday - days * DAY, to: endOfToday, utcOffsetMinutes: -today.getTimezoneOffset() });
    const charts = { totals: q.totals, 'per account': q.byAccount, 'per port': q.byPort, 'per day': q.byDay, 'per hour of day': q.byHour, 'campaigns compared': q.campaigns } as const;
    const rows: string[] = [];
    let worst = 0;
    for (const days of [7, 30, 90]) {
      const r = range(days);
      for (const [name, fn] of Object.entries(charts)) {
        const ms = median(time(() => fn(r)));
        worst = Math.max(worst, ms);
        rows.push(`| ${name} | ${days} days | ${ms.toFixed(1)} ms |`);
        console.log(`${name}, ${days} days: ${ms.toFixed(1)} ms`);
      }
    }
    ro.close();
    const whole: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      const res = await core.invoke('insightReport', range(30));
      if (!res.ok) throw new Error(res.error.message);
      if (i > 0) whole.push(performance.now() - t);
    }
    const wholeMs = median(whole);
    console.log(`whole report via the read worker, 30 days: ${wholeMs.toFixed(1)} ms`);

    emitResult({ figure: 'insight: slowest chart query on 1M messages', value: `${worst.toFixed(1)} ms`, goals: [atMost(worst, GOAL_MS, ' ms', 1)], runs: `median of ${RUNS}` });
    if (values.write) {
      writeSection('Insight (issue 19)', [
        machineLine('node bench/insight.ts --write'),
        '',
        `${messages.toLocaleString('en')} messages (${CAMPAIGNS} campaigns × ${PER_CAMPAIGN.toLocaleString('en')} over 90 days, 3 accounts, a GSM box with 8 ports), ${INBOUND.toLocaleString('en')} inbound SMS; seeded and counted in ${seedS.toFixed(0)} s; \`send_counts\` holds ${sendRows.toLocaleString('en')} rows. Each chart query on a read-only connection (as in the read worker), median of ${RUNS} after one warm-up. Goal: ≤ ${GOAL_MS} ms per chart — ${worst <= GOAL_MS ? 'met' : '**missed**'} (slowest ${worst.toFixed(1)} ms).`,
        '',
        '| chart | range | median |',
        '|---|---|---|',
        ...rows,
        `| whole report through \`core.invoke('insightReport')\` (read worker round trip) | 30 days | ${wholeMs.toFixed(1)} ms |`,
      ]);
    }
  } finally {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
