import { describe, it, expect } from 'vitest';
import { MAX_SEND_ATTEMPTS, backoffDelay } from '../../../src/main/core/dispatch/backoff.ts';

const almostOne = (): number => 1 - Number.EPSILON;

describe('backoffDelay', () => {
  it('doubles the ceiling each attempt from a 2 s base', () => {
    const half = (): number => 0.5;
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, { random: half }))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('caps the ceiling at 5 minutes by default', () => {
    // 2000 * 2^7 = 256 000 < 300 000; 2000 * 2^8 = 512 000 is capped.
    expect(backoffDelay(8, { random: almostOne })).toBe(255_999);
    expect(backoffDelay(9, { random: almostOne })).toBe(299_999);
    expect(backoffDelay(1_000, { random: almostOne })).toBe(299_999);
  });

  it('never decreases its ceiling as attempts grow', () => {
    const ceilings = Array.from({ length: 40 }, (_, i) =>
      backoffDelay(i + 1, { baseMs: 100, capMs: 10_000, random: almostOne }),
    );
    for (let i = 1; i < ceilings.length; i++) expect(ceilings[i]).toBeGreaterThanOrEqual(ceilings[i - 1] ?? 0);
    expect(ceilings.at(-1)).toBe(9_999);
  });

  it('uses full jitter: zero random gives zero delay', () => {
    expect(backoffDelay(5, { random: () => 0 })).toBe(0);
  });

  it('stays within [0, ceiling) with the real random source', () => {
    for (let i = 0; i < 500; i++) {
      const attempt = (i % 10) + 1;
      const delay = backoffDelay(attempt);
      expect(Number.isInteger(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(300_000, 2000 * 2 ** (attempt - 1)));
    }
  });

  it('honours custom base and cap', () => {
    expect(backoffDelay(3, { baseMs: 50, capMs: 120, random: () => 0.5 })).toBe(60);
    expect(backoffDelay(2, { baseMs: 50, capMs: 120, random: () => 0.5 })).toBe(50);
  });

  it('rejects attempts below 1 or fractional, and bad bounds', () => {
    expect(() => backoffDelay(0)).toThrow(RangeError);
    expect(() => backoffDelay(1.5)).toThrow(RangeError);
    expect(() => backoffDelay(1, { baseMs: -1 })).toThrow(RangeError);
    expect(() => backoffDelay(1, { capMs: Number.NaN })).toThrow(RangeError);
  });

  it('allows six attempts per message', () => {
    expect(MAX_SEND_ATTEMPTS).toBe(6);
  });
});
