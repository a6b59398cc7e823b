/**
 * Benchmark (issue 9): the core starting on a database of 1,000,000 messages (100 campaigns, one
 * status event per message), and its memory once started. Each start runs in a fresh child process:
 * time from `createCore` to `start()` resolved (module loading reported separately), RSS after start.
 *
 *   node bench/core-start.ts [--runs 5] [--messages 1000000] [--write]
 */
import '../scripts/require-supported-node.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { syncSeededMessages } from '../tests/helpers/kept-counts.ts';
import { DATABASE_FILE } from '../src/main/core/store/database.ts';
import { atMost, emitResult, machineLine, median, writeSection } from './support/results.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, messages: { type: 'string', default: '1000000' }, write: { type: 'boolean', default: false }, child: { type: 'string' } },
});

interface Sample {
  importMs: number;
  startMs: number;
  rssMb: number;
}

async function child(dir: string): Promise<Sample> {
  const t0 = performance.now();
  const { createCore } = await import('../src/main/core/create-core.ts');
  const { MemorySecretStore } = await import('../src/main/core/ports.ts');
  const { MemorySettingsBackend } = await import('../src/main/core/settings/json-file-backend.ts');
  const t1 = performance.now();
  const core = createCore({ dataDir: dir, secrets: new MemorySecretStore(), settings: new MemorySettingsBackend() });
  await core.start();
  const t2 = performance.now();
  const sample = { importMs: t1 - t0, startMs: t2 - t1, rssMb: process.memoryUsage().rss / 2 ** 20 };
  await core.stop();
  return sample;
}

async function seed(dir: string, messages: number): Promise<void> {
  const { openDatabase } = await import('../src/main/core/store/database.ts');
  const { db } = openDatabase(dir);
  const campaigns = 100;
  const per = Math.ceil(messages / campaigns);
  const now = Date.now();
  db.transaction(() => {
    db.prepare(`INSERT INTO accounts (id, kind, name, config, created_at, updated_at) VALUES ('acc', 'eims', 'Seed', ?, ?, ?)`).run(
      JSON.stringify({ kind: 'eims', name: 'Seed', baseUrl: 'http://127.0.0.1:9', account: 'demo', encrypted: false }),
      now,
      now,
    );
    const camp = db.prepare(
      `INSERT INTO campaigns (id, name, account_id, provider, content, options, state, total, total_segments, created_at, updated_at, finished_at)
       VALUES (?, ?, 'acc', 'eims', '{"mode":"text","body":"hello"}', '{}', 'done', ?, ?, ?, ?, ?)`,
    );
    for (let c = 0; c < campaigns; c++) camp.run(`c${c}`, `Campaign ${c}`, per, per, now - (campaigns - c) * 3_600_000, now, now);
    // Set-based: 80% delivered, 10% failed, 10% submitted; provider ids and one event per message.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
       INSERT INTO messages (campaign_id, account_id, e164, address, text, segments, state, attempts, provider_id, handed_at, updated_at)
       SELECT 'c' || CAST(i / ? AS INTEGER), 'acc', '+86139' || printf('%08d', i), '86139' || printf('%08d', i), 'hello', 1,
              CASE WHEN i % 10 < 8 THEN 'delivered' WHEN i % 10 = 8 THEN 'failed' ELSE 'submitted' END, 1, 'p' || i, ? - i, ? - i FROM n`,
    ).run(messages, per, now, now);
    db.prepare(`INSERT INTO message_events (message_id, at, state, source, detail) SELECT id, updated_at, state, 'push', '' FROM messages`).run();
    syncSeededMessages(db);
  })();
  db.close();
}

async function main() {
  if (values.child) {
    process.stdout.write(JSON.stringify(await child(values.child)));
    return;
  }
  const runs = Number(values.runs);
  const messages = Number(values.messages);
  const dir = mkdtempSync(join(tmpdir(), 'bench-start-'));
  try {
    const s0 = performance.now();
    await seed(dir, messages);
    const sizeMb = statSync(join(dir, DATABASE_FILE), { throwIfNoEntry: false })?.size;
    console.log(`seeded ${messages} messages in ${((performance.now() - s0) / 1000).toFixed(1)} s${sizeMb ? `, ${(sizeMb / 2 ** 20).toFixed(0)} MB` : ''}`);
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(process.execPath, [import.meta.filename, '--child', dir], { encoding: 'utf8' });
      samples.push(JSON.parse(out) as Sample);
      console.log(samples.at(-1));
    }
    const start = median(samples.map((s) => s.startMs));
    const load = median(samples.map((s) => s.importMs));
    const rss = Math.max(...samples.map((s) => s.rssMb));
    const lines = [
      `| core start on a ${messages.toLocaleString('en')}-message database (createCore → start resolved) | ${start.toFixed(0)} ms (goal ≤500 ms) | module loading before it ${load.toFixed(0)} ms |`,
      `| core memory once started (RSS, highest of ${runs}) | ${rss.toFixed(0)} MB (goal ≤250 MB) | |`,
    ];
    console.log(lines.join('\n'));
    emitResult({
      figure: `core start on a ${messages.toLocaleString('en')}-message database`,
      value: `${start.toFixed(0)} ms (module loading before it ${load.toFixed(0)} ms)`,
      goals: [atMost(start, 500, ' ms')],
      runs: `median of ${runs}`,
    });
    emitResult({
      figure: 'core memory once started (RSS)',
      value: `${rss.toFixed(0)} MB`,
      goals: [atMost(rss, 250, ' MB')],
      runs: `highest of ${runs}`,
    });
    if (values.write) {
      writeSection('Core start', [
        machineLine(`node bench/core-start.ts --runs ${runs} --messages ${messages} --write`),
        `Median of ${runs} starts, each in a fresh process, on one seeded database (${messages.toLocaleString('en')} messages in 100 campaigns, one status event each).`,
        '',
        '| figure | result | note |',
        '|---|---|---|',
        ...lines,
      ]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
