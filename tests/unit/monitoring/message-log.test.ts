import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageLog } from '../../../src/main/core/monitoring/message-log.ts';
import { openDatabase } from '../../../src/main/core/store/database.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

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
});
