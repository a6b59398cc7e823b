import { describe, expect, it } from 'vitest';
import { PortPacer } from '../../../src/main/core/dispatch/port-pacer.ts';

describe('PortPacer', () => {
  const base = new Date(2026, 10, 29, 10, 0, 0).getTime();
  const pacer = (sentToday = new Map<number, number>()) => {
    const p = new PortPacer(() => sentToday);
    p.setPorts([
      { port: 1, available: true },
      { port: 2, available: true },
      { port: 3, available: false },
    ]);
    return p;
  };

  it('offers available, idle, rested ports only, never one that is busy', () => {
    const p = pacer();
    expect(p.free(base, 0).map((x) => x.port)).toEqual([1, 2]);
    p.take(1, base, 1000);
    expect(p.free(base, 0).map((x) => x.port)).toEqual([2]);
    p.release(1, true, base + 50, 1000);
    expect(p.free(base + 999, 0).map((x) => x.port)).toEqual([2]);
    expect(p.nextFree(base, 0)).toBe(0);
    expect(p.free(base + 1050, 0).map((x) => x.port)).toEqual([2, 1]);
  });

  it('rests a port from the request, and longer when the box answered slower than the pace', () => {
    const p = pacer();
    p.take(2, base, 500);
    p.release(2, true, base + 300, 500);
    expect(p.free(base + 499, 0, [2])).toHaveLength(0);
    expect(p.free(base + 500, 0, [2])).toHaveLength(1);
    p.take(2, base + 500, 500);
    p.release(2, true, base + 1200, 500);
    expect(p.free(base + 1400, 0, [2])).toHaveLength(0);
    expect(p.free(base + 1450, 0, [2])).toHaveLength(1);
  });

  it('stops a SIM at its daily cap, counting what the ledger says was sent today', () => {
    const p = pacer(new Map([[1, 2]]));
    expect(p.free(base, 3, [1])).toHaveLength(1);
    p.take(1, base, 0);
    p.release(1, true, base, 0);
    expect(p.free(base + 1, 3, [1])).toHaveLength(0);
    expect(p.nextFree(base + 1, 3, [1])).toBeNull();
    // A send that surely never reached the box does not use the cap.
    const q = pacer(new Map([[1, 2]]));
    q.take(1, base, 0);
    q.release(1, false, base, 0);
    expect(q.free(base + 1, 3, [1])).toHaveLength(1);
    expect(p.nextDay(base)).toBe(new Date(2026, 10, 30).getTime());
  });
});
