import type { Clock } from '../../src/main/core/ports.ts';

/** A clock that moves only when told: timers fire in time order as `advanceTo` passes them. */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start: number) {
    this.t = start;
  }

  now = (): number => this.t;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** The earliest timer due at or before `target` (ties in the order they were set), taken off the list. */
  private takeNext(target: number): { at: number; fn: () => void } | null {
    let next: [number, { at: number; fn: () => void }] | null = null;
    for (const e of this.timers) if (e[1].at <= target && (next === null || e[1].at < next[1].at || (e[1].at === next[1].at && e[0] < next[0]))) next = e;
    if (next === null) return null;
    this.timers.delete(next[0]);
    this.t = Math.max(this.t, next[1].at);
    return next[1];
  }

  /** Moves to `target`, running every timer due on the way (timers set meanwhile included). */
  advanceTo(target: number): void {
    for (let guard = 0; guard < 1_000_000; guard++) {
      const next = this.takeNext(target);
      if (next === null) break;
      next.fn();
    }
    this.t = Math.max(this.t, target);
  }

  advance(ms: number): void {
    this.advanceTo(this.t + ms);
  }

  /**
   * Like advanceTo, for timers whose work is asynchronous: after each timer it awaits `settle()` (e.g.
   * the scheduler being idle again), so timers that work sets afterwards are seen on the way.
   */
  async advanceToAsync(target: number, settle: () => Promise<unknown>): Promise<void> {
    for (let guard = 0; guard < 1_000_000; guard++) {
      const next = this.takeNext(target);
      if (next === null) break;
      next.fn();
      await settle();
    }
    this.t = Math.max(this.t, target);
  }

  /** Jumps without running timers (the app was not running). */
  jumpTo(target: number): void {
    this.timers.clear();
    this.t = target;
  }
}
