import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageLog } from '../../../src/main/core/monitoring/message-log.ts';
import { openDatabase } from '../../../src/main/core/store/database.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { syncSeededMessages } from '../../helpers/kept-counts.ts';
import { createNumberIndex } from '../../../src/main/core/store/number-index.ts';

let tmp: ReturnType<typeof makeTempDir>;
let db: Database.Database;
const DAY = 86_400_000;
const STATES = ['delivered', 'failed', 'sent', 'queued'] as const;

beforeAll(() => {
  tmp = makeTempDir();
  db = openDatabase(tmp.dir).db;
  const camp = db.prepare(`INSERT INTO campaigns (id, name, account_id, provider, content, state, created_at, updated_at) VALUES (?, ?, ?, 'eims', '{}', 'done', ?, ?)`);
  const msg = db.prepare(`INSERT INTO messages (campaign_id, account_id, e164, address, state, updated_at) VALUES (?, ?, ?, ?, ?, 0)`);
  for (let c = 0; c < 5; c++) {
    camp.run(`c${c}`, `Campaign ${c}`, c % 2 ? 'b' : 'a', c * DAY, c * DAY);
    for (let i = 0; i < 100; i++) msg.run(`c${c}`, c % 2 ? 'b' : 'a', `+86138${String(c * 1000 + i).padStart(8, '0')}`, 'x', STATES[i % 4]);
  }
  syncSeededMessages(db);
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

describe('message log', () => {
  const log = () => createMessageLog(db);
  const all = (f: Parameters<ReturnType<typeof createMessageLog>['page']>[0]) => {
    const out: number[] = [];
    let cursor: number | undefined;
    for (;;) {
      const p = log().page(f, cursor, 37);
      out.push(...p.rows.map((r) => r.id));
      if (p.nextCursor === null) return out;
      cursor = p.nextCursor;
    }
  };
  const base = { search: '' };

  it('pages newest first with keyset cursors, nothing twice, nothing missed; counts agree', () => {
    const ids = all(base);
    expect(ids).toHaveLength(500);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(log().count(base)).toBe(500);
    const failedB = all({ ...base, accountId: 'b', states: ['failed'] });
    expect(failedB).toHaveLength(50);
    expect(log().count({ ...base, accountId: 'b', states: ['failed'] })).toBe(50);
    expect(all({ ...base, campaignId: 'c2', states: ['queued', 'sent'] })).toHaveLength(50);
  });

  it('filters by date range (campaign creation) and by number', () => {
    expect(all({ ...base, from: 1 * DAY, to: 3 * DAY })).toHaveLength(200);
    expect(log().count({ ...base, from: 1 * DAY, to: 3 * DAY })).toBe(200);
    expect(all({ ...base, from: 10 * DAY })).toHaveLength(0);
    // 7+ digits: numbers starting with them, with or without the country code.
    expect(all({ ...base, search: '1380000300' })).toHaveLength(10);
    expect(all({ ...base, search: '+86 138 0000 3005' })).toHaveLength(1);
    expect(log().count({ ...base, search: '13800003005' })).toBe(1);
    // Fewer: contained anywhere.
    expect(all({ ...base, search: '4099' })).toHaveLength(1);
    expect(log().count({ ...base, search: '099' })).toBe(5);
  });

  it('finds contained digits the same way before the number index is filled (a scan) and after its backfill (the index)', () => {
    const shapes = [
      { ...base, search: '4099' },
      { ...base, search: '0030' },
      { ...base, search: '0004', states: ['delivered' as const] },
      { ...base, search: '2002', accountId: 'a' },
    ];
    const withIndex = shapes.map((f) => [all(f), log().count(f)]);
    // The same filters done by hand over every row.
    const rows = db.prepare<[], { id: number; e164: string; state: string; account_id: string }>('SELECT id, e164, state, account_id FROM messages ORDER BY id DESC').all();
    const byHand = shapes.map((f) =>
      rows.filter((r) => r.e164.includes(f.search) && (!('states' in f) || f.states!.includes(r.state as 'delivered')) && (!('accountId' in f) || r.account_id === f.accountId)).map((r) => r.id),
    );
    expect(withIndex.map(([ids]) => ids)).toEqual(byHand);
    expect(byHand.map((ids) => ids.length > 0)).toEqual([true, true, true, true]);
    // As after an upgrade: the index is empty and the backfill mark is above every message.
    db.exec(`DELETE FROM messages_number; UPDATE meta SET value = (SELECT max(id) + 1 FROM messages) WHERE key = 'messages_number_backfill_below'`);
    const index = createNumberIndex(db);
    expect(index.ready()).toBe(false);
    expect(shapes.map((f) => [all(f), log().count(f)])).toEqual(withIndex);
    let steps = 0;
    while (index.backfillStep(77)) steps++;
    expect(steps).toBe(Math.ceil(500 / 77) - 1);
    expect(index.ready()).toBe(true);
    expect(db.prepare('SELECT count(*) FROM messages_number').pluck().get()).toBe(500);
    expect(shapes.map((f) => [all(f), log().count(f)])).toEqual(withIndex);
  });
});

describe('message log: single messages', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let sdb: Database.Database;
  beforeAll(() => {
    dir = makeTempDir();
    sdb = openDatabase(dir.dir).db;
    const camp = sdb.prepare(`INSERT INTO campaigns (id, kind, name, account_id, provider, content, state, created_at, updated_at) VALUES (?, ?, ?, ?, 'eims', '{}', 'done', ?, ?)`);
    const msg = sdb.prepare(`INSERT INTO messages (campaign_id, account_id, e164, address, state, updated_at) VALUES (?, ?, ?, ?, ?, 0)`);
    // Campaigns of 100 with replies between them (one message each), and a box test at the end.
    for (let c = 0; c < 5; c++) {
      const account = c % 2 ? 'b' : 'a';
      camp.run(`c${c}`, 'campaign', `Campaign ${c}`, account, c * DAY, c * DAY);
      for (let i = 0; i < 100; i++) msg.run(`c${c}`, account, `+86138${String(c * 1000 + i).padStart(8, '0')}`, 'x', STATES[i % 4]);
      for (let r = 0; r < (c < 3 ? 10 : 0); r++) {
        camp.run(`r${c}-${r}`, 'reply', `Reply to +8613900000${c}${r}`, account, c * DAY + 1 + r, c * DAY + 1 + r);
        msg.run(`r${c}-${r}`, account, `+8613900000${c}${r}`, 'x', STATES[r % 4]);
      }
    }
    camp.run('t1', 'test', 'Box push test', 'a', 4 * DAY + 5, 4 * DAY + 5);
    msg.run('t1', 'a', '+8613700137000', 'x', 'delivered');
    syncSeededMessages(sdb);
  });
  afterAll(() => {
    sdb.close();
    dir.cleanup();
  });

  it('lists only replies and box tests when asked, with the other filters, paged and counted alike', () => {
    const log = createMessageLog(sdb);
    const all = (f: Parameters<typeof log.page>[0]) => {
      const out: number[] = [];
      let cursor: number | undefined;
      for (;;) {
        const p = log.page(f, cursor, 7);
        out.push(...p.rows.map((r) => r.id));
        if (p.nextCursor === null) return out;
        cursor = p.nextCursor;
      }
    };
    const singles = { search: '', singles: true };
    const ids = all(singles);
    expect(ids).toHaveLength(31);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(31);
    expect(log.count(singles)).toBe(31);
    expect(log.count({ search: '' })).toBe(531);
    const rows = log.page(singles, undefined, 200).rows;
    expect(rows.every((r) => r.campaignKind !== 'campaign')).toBe(true);
    expect(rows[0]).toMatchObject({ e164: '+8613700137000', campaignKind: 'test', campaignName: 'Box push test' });
    expect(all({ ...singles, accountId: 'b' })).toHaveLength(10);
    expect(log.count({ ...singles, accountId: 'b' })).toBe(10);
    expect(all({ ...singles, states: ['failed'] })).toHaveLength(log.count({ ...singles, states: ['failed'] }));
    expect(log.count({ ...singles, states: ['failed'] })).toBe(9); // r = 1, 5, 9 in each of three campaigns
    // 7+ digits: numbers starting with them (with or without the country code); fewer: containing them.
    expect(all({ ...singles, search: '139000002' })).toHaveLength(10);
    expect(all({ ...singles, search: '8613900000' })).toHaveLength(30);
    expect(all({ ...singles, search: '0012' })).toHaveLength(1);
    expect(all({ ...singles, from: 1 * DAY, to: 2 * DAY })).toHaveLength(10);
  });
});
