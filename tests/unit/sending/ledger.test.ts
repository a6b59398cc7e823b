/** The ledger's transitions on a real SQLite file: each writes its state and its event, in order. */
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CampaignsRepository } from '../../../src/main/core/campaigns/campaigns-repository.ts';
import { Ledger } from '../../../src/main/core/dispatch/ledger.ts';
import { systemClock } from '../../../src/main/core/ports.ts';
import { openDatabase } from '../../../src/main/core/store/database.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

let tmp: ReturnType<typeof makeTempDir>;
let db: Database.Database;
let ledger: Ledger;
let repo: CampaignsRepository;

beforeEach(() => {
  tmp = makeTempDir();
  db = openDatabase(tmp.dir).db;
  ledger = new Ledger(db, systemClock);
  repo = new CampaignsRepository(db);
  repo.create(
    { id: 'c1', name: 'C', accountId: 'a1', provider: 'eims', content: { mode: 'text', body: 'x' }, quietHours: null, options: {}, retryOf: null, createdAt: 1 },
    Array.from({ length: 5 }, (_, i) => ({ e164: `+8613900000${i}0`, address: `8613900000${i}0`, text: 'x', params: null, segments: 1 })),
  );
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const states = () => db.prepare<[], { state: string }>('SELECT state FROM messages ORDER BY id').all().map((r) => r.state);
const events = (id: number) => db.prepare<[number], { state: string; source: string }>('SELECT state, source FROM message_events WHERE message_id = ? ORDER BY id').all(id);

describe('Ledger', () => {
  it('claims only queued messages, under one submission written before the request', () => {
    const picked = ledger.pick('c1', 3);
    expect(picked.map((m) => m.id)).toEqual([1, 2, 3]);
    const { submissionId, claimed } = ledger.claim('a1', picked);
    expect(claimed.map((m) => m.attempts)).toEqual([1, 1, 1]);
    expect(states()).toEqual(['submitting', 'submitting', 'submitting', 'queued', 'queued']);
    expect(db.prepare('SELECT outcome FROM submissions WHERE id = ?').get(submissionId)).toEqual({ outcome: null });
    // A second claim of the same rows takes nothing (they are no longer queued).
    expect(ledger.claim('a1', picked).claimed).toHaveLength(0);
    expect(repo.counts('c1')).toMatchObject({ submitting: 3, queued: 2 });
  });

  it('settles a reply: accepted → submitted with ids, rejected → failed, unmentioned → unknown', () => {
    const { submissionId } = ledger.claim('a1', ledger.pick('c1', 3));
    ledger.settleAnswered(submissionId, [{ id: 1, providerId: 'p1' }], [{ id: 2, error: { code: 'X', message: 'bad', providerCode: -9 }, retryAt: null }]);
    expect(states().slice(0, 3)).toEqual(['submitted', 'failed', 'unknown']);
    expect(events(1).map((e) => e.state)).toEqual(['submitting', 'submitted']);
    expect(db.prepare('SELECT provider_code FROM messages WHERE id = 2').get()).toEqual({ provider_code: '-9' });
    expect(repo.counts('c1')).toMatchObject({ submitted: 1, failed: 1, unknown: 1, queued: 2, submitting: 0 });
  });

  it('requeues a surely-unsent request with its backoff, or fails it when out of retries', () => {
    const { submissionId } = ledger.claim('a1', ledger.pick('c1', 2));
    ledger.settleNotSent(submissionId, { code: 'T', message: 'later' }, 10_000);
    expect(states().slice(0, 2)).toEqual(['queued', 'queued']);
    expect(ledger.pick('c1', 5, 5_000).map((m) => m.id)).toEqual([3, 4, 5]);
    expect(ledger.pick('c1', 5, 10_000).map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
    const again = ledger.claim('a1', ledger.pick('c1', 1, 10_000));
    ledger.settleNotSent(again.submissionId, { code: 'P', message: 'no' }, null);
    expect(states()[0]).toBe('failed');
  });

  it('turns requests interrupted by a crash into unknown at start, and never back into queued by itself', () => {
    ledger.claim('a1', ledger.pick('c1', 2));
    const fresh = new Ledger(db, systemClock);
    expect(fresh.recoverAtStart()).toBe(2);
    expect(states().slice(0, 2)).toEqual(['unknown', 'unknown']);
    expect(fresh.pick('c1', 10).map((m) => m.id)).toEqual([3, 4, 5]);
    expect(db.prepare("SELECT count(*) AS n FROM submissions WHERE outcome = 'unknown'").get()).toEqual({ n: 1 });
    expect(fresh.resolveUnknown(1, 'queued', { source: 'reconcile', note: 'not in outbox' })).toBe(true);
    expect(fresh.resolveUnknown(1, 'sent', { source: 'reconcile', note: 'again' })).toBe(false);
  });

  it('cancels every queued message in one go and leaves handed-over ones alone', () => {
    const { submissionId } = ledger.claim('a1', ledger.pick('c1', 1));
    ledger.settleAnswered(submissionId, [{ id: 1, providerId: 'p' }], []);
    expect(ledger.cancelQueued('c1')).toBe(4);
    expect(states()).toEqual(['submitted', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(events(2).at(-1)).toEqual({ state: 'cancelled', source: 'user' });
  });
});
