/**
 * Diagnostic (outside `npm run bench`): what one step of each stepped write costs on main's connection,
 * on a database that already holds `--base` messages — the numbers behind the step sizes chosen in
 * docs/store-design.md (each step should stay well under ~20 ms).
 *
 *   node bench/step-costs.ts [--base 200000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CampaignsRepository, type NewMessage } from '../src/main/core/campaigns/campaigns-repository.ts';
import { ImportWriter } from '../src/main/core/contacts/store/import-writer.ts';
import { Ledger } from '../src/main/core/dispatch/ledger.ts';
import { systemClock } from '../src/main/core/ports.ts';
import { openDatabase } from '../src/main/core/store/database.ts';
import { median, percentile } from './support/results.ts';

const { values } = parseArgs({ options: { base: { type: 'string', default: '200000' } } });
const dir = mkdtempSync(join(tmpdir(), 'bench-steps-'));
const { db } = openDatabase(dir);
const repo = new CampaignsRepository(db);
const ledger = new Ledger(db, systemClock);
const msgs = (n: number, from: number): NewMessage[] =>
  Array.from({ length: n }, (_, i) => ({ e164: `+86139${String(from + i).padStart(8, '0')}`, address: `86139${String(from + i).padStart(8, '0')}`, text: 'Your parcel is out for delivery today.', params: null, segments: 1 }));
const row = (id: string) => ({ id, name: id, accountId: 'acc', provider: 'eims' as const, content: { mode: 'text' as const, body: 'x' }, quietHours: null, options: {}, retryOf: null, createdAt: Date.now() });

// The database as it would be after some use.
const base = Number(values.base);
repo.createPreparing(row('base'), null);
for (let i = 0; i < base; i += 5000) repo.appendMessages(row('base'), msgs(5000, i));

const time = (fn: () => void) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const report = (label: string, xs: number[]) => console.log(`${label}: median ${median(xs).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} steps)`);

for (const size of [250, 500, 1000]) {
  const id = `c${size}`;
  repo.createPreparing(row(id), null);
  const append: number[] = [];
  for (let i = 0; i < 40; i++) append.push(time(() => repo.appendMessages(row(id), msgs(size, 10_000_000 + size * 100 + i * size))));
  repo.finishPreparing(id, 'running', Date.now());
  report(`append ${size} messages`, append);
  const claim: number[] = [];
  const accept: number[] = [];
  for (let i = 0; i < 40; i++) {
    const picked = ledger.pick(id, size);
    const sub = ledger.openSubmission('acc');
    let claimed: ReturnType<Ledger['claimInto']> = [];
    claim.push(time(() => (claimed = ledger.claimInto(sub, picked, null, true))));
    accept.push(time(() => ledger.acceptChunk(claimed.map((m) => ({ id: m.id, providerId: `p${m.id}` })))));
    ledger.finishAnswered(sub);
  }
  report(`claim ${size}`, claim);
  report(`accept ${size}`, accept);
}

const writer = new ImportWriter(db);
for (const size of [500, 1000, 2000]) {
  const job = writer.begin({ listId: `l${size}`, createName: `L${size}` }, `j${size}`, Date.now());
  const steps: number[] = [];
  for (let i = 0; i < 30; i++) {
    const contacts = Array.from({ length: size }, (_, k) => ({ row: k, original: '', e164: `+86137${String(size * 1000 + i * size + k).padStart(8, '0')}`, vars: { 姓名: `客户 ${k}`, 城市: '广州' }, duplicates: 0, optedOut: false }));
    steps.push(time(() => writer.writeChunk(job, contacts, { now: Date.now(), skipOptedOut: false })));
  }
  writer.finish(job, Date.now());
  report(`import ${size} contacts into a new list`, steps);
}
db.close();
rmSync(dir, { recursive: true, force: true });
