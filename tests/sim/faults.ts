/**
 * Deterministic fault injection for the simulators. A seed drives a small PRNG, so a run with the same
 * seed and the same request order meets the same faults. Tests that need an exact fault on the next
 * request use `force()`, which always wins over the random rates.
 *
 * Phases: faults named `*-after` (and `truncate`) happen AFTER the simulator accepted and recorded
 * the request, so the caller cannot know the outcome; the others happen BEFORE any processing.
 */

export type FaultKind =
  | 'error500' // before: HTTP 500 with the provider's "server error" body
  | 'html' // before: HTTP 502 with an HTML page
  | 'drop' // before: socket destroyed, nothing processed
  | 'hang' // before: never answers, nothing processed
  | 'truncate' // after: processed, reply cut in half (well-formed HTTP, broken JSON)
  | 'drop-after' // after: processed, socket destroyed before the reply
  | 'hang-after'; // after: processed, never answers

export const AFTER_FAULTS: ReadonlySet<FaultKind> = new Set(['truncate', 'drop-after', 'hang-after']);

export interface FaultOptions {
  seed?: number;
  /** Extra delay before every request is handled: a fixed ms or a [min, max] range. */
  latencyMs?: number | [number, number];
  /** Probability (0..1) of each fault per request. */
  rates?: Partial<Record<FaultKind, number>>;
}

export interface Faults {
  /** Queues faults for the next requests, in order (one per request). */
  force(...kinds: FaultKind[]): void;
  /** Replaces seed, latency and rates. */
  configure(opts: FaultOptions): void;
  /** Clears forced faults, rates, latency and the injected log. */
  clear(): void;
  /** Decides the fault (or none) for the next request. */
  next(): FaultKind | null;
  latency(): number;
  /** Every fault injected so far, in order. */
  readonly injected: FaultKind[];
}

/** mulberry32: tiny, fast, good enough for test schedules. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createFaults(initial: FaultOptions = {}): Faults {
  let opts: FaultOptions = initial;
  let rand = seededRandom(initial.seed ?? 1);
  const queue: FaultKind[] = [];
  const injected: FaultKind[] = [];
  return {
    injected,
    force(...kinds) {
      queue.push(...kinds);
    },
    configure(next) {
      opts = next;
      rand = seededRandom(next.seed ?? 1);
    },
    clear() {
      queue.length = 0;
      injected.length = 0;
      opts = {};
    },
    next() {
      const forced = queue.shift();
      if (forced) {
        injected.push(forced);
        return forced;
      }
      const rates = opts.rates ?? {};
      for (const [kind, rate] of Object.entries(rates) as [FaultKind, number][]) {
        if (rate > 0 && rand() < rate) {
          injected.push(kind);
          return kind;
        }
      }
      return null;
    },
    latency() {
      const l = opts.latencyMs;
      if (l === undefined) return 0;
      if (typeof l === 'number') return l;
      return Math.round(l[0] + rand() * (l[1] - l[0]));
    },
  };
}
