import { describe, expect, it } from 'vitest';
import { createChangeNotifier } from '../../../src/main/core/monitoring/change-notifier.ts';

describe('change notifier', () => {
  it('coalesces marks into one flush and ignores marks after stop', () => {
    const timers: (() => void)[] = [];
    const clock = { now: () => 0, setTimeout: (fn: () => void) => timers.push(fn), clearTimeout: () => undefined };
    const flushed: [number, string[]][] = [];
    const n = createChangeNotifier(clock, 100, (count, ids) => flushed.push([count, ids]));
    n.mark(2, ['a']);
    n.mark(3, ['a', 'b']);
    expect(timers).toHaveLength(1);
    timers.shift()!();
    expect(flushed).toEqual([[5, ['a', 'b']]]);
    n.stop();
    n.mark(1, ['c']);
    expect(timers).toHaveLength(0);
    expect(flushed).toHaveLength(1);
  });
});
