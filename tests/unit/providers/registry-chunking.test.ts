import { describe, expect, it } from 'vitest';
import { chunk, chunkEimsJobNumbers, chunkEimsNumbers, chunkEimsPersonalised, chunkEimsReportIds, chunkJsmsRecipients } from '../../../src/main/core/providers/chunking.ts';
import { capabilitiesOf, createProviderClient, kindsWith } from '../../../src/main/core/providers/registry.ts';
import { systemClock } from '../../../src/main/core/ports.ts';
import { seededRandom, createFaults } from '../../sim/faults.ts';

describe('registry', () => {
  it('answers capability questions instead of names', () => {
    expect(kindsWith('inboundPolling')).toEqual(['eims']);
    expect(kindsWith('verificationCodes')).toEqual(['jsms']);
    expect(kindsWith('ports')).toEqual(['gsmbox']);
    expect(kindsWith('freeText')).toEqual(['eims', 'gsmbox']);
    expect(kindsWith('pushFormats')).toEqual(['jsms', 'eims', 'gsmbox']);
    expect(capabilitiesOf('jsms').maxNumbersPerCall).toBe(1000);
    expect(capabilitiesOf('eims')).toMatchObject({ maxNumbersPerCall: 10_000, maxIdsPerReportQuery: 200, maxContentLength: 1024, jobs: true });
    expect(capabilitiesOf('gsmbox')).toMatchObject({ maxNumbersPerCall: 1, outboxPolling: true, balance: false });
    for (const k of ['jsms', 'eims', 'gsmbox'] as const) expect(capabilitiesOf(k).sendsAreIdempotent).toBe(false);
  });

  it('builds the right client for each account kind', () => {
    const deps = { fetch: globalThis.fetch, clock: systemClock, nextSeq: () => 1 };
    const s = () => 'x';
    const j = createProviderClient({ id: '1', kind: 'jsms', name: 'n', baseUrl: 'http://h', appKey: 'k', signId: undefined, devKey: undefined, pullReports: true }, s, deps);
    const e = createProviderClient({ id: '2', kind: 'eims', name: 'n', baseUrl: 'http://h', account: 'a', sender: undefined, encrypted: false }, s, deps);
    const b = createProviderClient({ id: '3', kind: 'gsmbox', name: 'n', baseUrl: 'http://h', username: 'u', secondsPerSms: 6, dailyCapPerSim: 0, portRestMinutes: 30 }, s, deps);
    expect([j.kind, e.kind, b.kind]).toEqual(['jsms', 'eims', 'gsmbox']);
    expect([j.accountId, e.accountId, b.accountId]).toEqual(['1', '2', '3']);
    expect(e.capabilities).toBe(capabilitiesOf('eims'));
    if (j.kind === 'jsms') expect(typeof j.sendTemplateBatch).toBe('function');
  });
});

describe('chunking', () => {
  it('splits by the provider limits', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
    expect(chunkJsmsRecipients(Array.from({ length: 2001 }, (_, i) => i)).map((c) => c.length)).toEqual([1000, 1000, 1]);
    expect(chunkEimsNumbers(Array.from({ length: 250 }, String), 'GET').map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunkEimsNumbers(Array.from({ length: 10_001 }, String)).map((c) => c.length)).toEqual([10_000, 1]);
    expect(chunkEimsReportIds(Array.from({ length: 401 }, String)).map((c) => c.length)).toEqual([200, 200, 1]);
  });

  it('keeps inline job numbers ≤4 KiB per chunk, counting commas', () => {
    const numbers = Array.from({ length: 700 }, () => '861380000000'); // 12 bytes each
    const chunks = chunkEimsJobNumbers(numbers);
    expect(chunks.map((c) => c.length)).toEqual([315, 315, 70]);
    for (const c of chunks) expect(Buffer.byteLength(c.join(','))).toBeLessThanOrEqual(4096);
    expect(chunks.flat()).toHaveLength(700);
  });

  it('groups personalised entries ≤10,000 numbers per call without splitting an entry', () => {
    const e = (n: number) => ({ numbers: Array.from({ length: n }, String), content: 'x' });
    expect(chunkEimsPersonalised([e(6000), e(4000), e(1), e(9999)]).map((g) => g.length)).toEqual([2, 2]);
  });
});

describe('simulator fault schedule', () => {
  it('is deterministic from the seed', () => {
    const a = seededRandom(5);
    const b = seededRandom(5);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
    expect(seededRandom(6)()).not.toBe(seededRandom(5)());
  });

  it('forced faults come first, in order, then random rates', () => {
    const f = createFaults({ seed: 1, rates: { drop: 1 } });
    f.force('truncate', 'html');
    expect([f.next(), f.next(), f.next()]).toEqual(['truncate', 'html', 'drop']);
    f.clear();
    expect(f.next()).toBeNull();
    f.configure({ latencyMs: [10, 20] });
    const l = f.latency();
    expect(l).toBeGreaterThanOrEqual(10);
    expect(l).toBeLessThanOrEqual(20);
  });
});
