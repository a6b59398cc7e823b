/**
 * Diagnostic, not part of `npm run bench`: the SQLite floor of the push ingest, without HTTP. Seeds
 * 100,000 `submitted` messages, then applies 100,000 `delivered` reports in 250 transactions of 400
 * rows with the statements the ingest uses (provider-id lookup, state UPDATE, history INSERT), and
 * prints where the time goes. Variants show what the floor is made of:
 *
 *   node bench/ingest-floor.ts [full | noidx | noevents | nofk]
 *
 * noidx drops the three state-bearing message indexes (log and campaign filters), noevents skips the
 * history rows, nofk turns foreign keys off. Figures are quoted in the Notes of bench/RESULTS.md.
 */
import '../scripts/require-supported-node.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/main/core/store/database.ts';

const variant = process.argv[2] ?? 'full';
if (!['full', 'noidx', 'noevents', 'nofk'].includes(variant)) throw new Error(`unknown variant ${variant}: use full, noidx, noevents or nofk`);
const dir = mkdtempSync(join(tmpdir(), 'ingest-floor-'));
const { db } = openDatabase(dir);
const now = Date.now();
const N = 100_000;
const BATCH = 400;

db.prepare(`INSERT INTO accounts (id, kind, name, config, created_at, updated_at) VALUES ('acc', 'eims', 'Seed', '{}', ?, ?)`).run(now, now);
db.prepare(
  `INSERT INTO campaigns (id, name, account_id, provider, content, options, state, total, total_segments, created_at, updated_at)
   VALUES ('c1', 'c', 'acc', 'eims', '{}', '{}', 'running', ?, ?, ?, ?)`,
).run(N, N, now, now);
db.prepare(
  `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
   INSERT INTO messages (campaign_id, account_id, e164, address, text, segments, state, attempts, provider_id, handed_at, updated_at)
   SELECT 'c1', 'acc', '+86139' || printf('%08d', i), '86139' || printf('%08d', i), 'hello there', 1, 'submitted', 1, 'p' || i, ?, ? FROM n`,
).run(N, now, now);
if (variant === 'noidx') db.exec('DROP INDEX messages_log_state; DROP INDEX messages_log_account; DROP INDEX messages_campaign_state;');
if (variant === 'nofk') db.pragma('foreign_keys = OFF');

// The statements of monitoring/report-ingest.ts and monitoring/bulk-advance.ts.
const find = db.prepare(`SELECT m.id FROM json_each(?) j CROSS JOIN messages m WHERE m.account_id = ? AND m.provider_id = j.value`);
const update = db.prepare(
  `UPDATE messages SET state = ?, error_code = COALESCE(?, error_code), error_message = COALESCE(?, error_message),
     provider_code = COALESCE(?, provider_code), updated_at = ?
   WHERE id IN (SELECT value FROM json_each(?))`,
);
const event = db.prepare(`INSERT INTO message_events (message_id, at, state, source, detail) SELECT value, ?, ?, ?, ? FROM json_each(?)`);

const spent = { find: 0, update: 0, events: 0 };
const t0 = performance.now();
for (let b = 0; b < N / BATCH; b++) {
  db.transaction(() => {
    const providerIds: string[] = [];
    for (let i = b * BATCH; i < (b + 1) * BATCH; i++) providerIds.push(`p${i}`);
    let t = performance.now();
    const ids = JSON.stringify((find.all(JSON.stringify(providerIds), 'acc') as { id: number }[]).map((r) => r.id));
    spent.find += performance.now() - t;
    t = performance.now();
    update.run('delivered', null, null, '0', now, ids);
    spent.update += performance.now() - t;
    t = performance.now();
    if (variant !== 'noevents') event.run(now, 'delivered', 'push', 'EIMS report 0', ids);
    spent.events += performance.now() - t;
  })();
}
const total = performance.now() - t0;
const delivered = (db.prepare(`SELECT count(*) AS n FROM messages WHERE state = 'delivered'`).get() as { n: number }).n;
db.close();
rmSync(dir, { recursive: true, force: true });
if (delivered !== N) throw new Error(`only ${delivered} of ${N} messages delivered`);
const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log(
  `${variant}: ${N.toLocaleString('en')} reports in ${N / BATCH} transactions: ${ms(total)} (lookup ${ms(spent.find)}, update ${ms(spent.update)}, history ${ms(spent.events)}, commits and the rest ${ms(total - spent.find - spent.update - spent.events)})`,
);
