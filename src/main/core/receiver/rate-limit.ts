/**
 * Per-source-address token buckets: `perSecond` refill, `burst` capacity. Bounded memory: at most
 * `maxSources` addresses are tracked (the stalest is forgotten first).
 */
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  maxSources?: number;
}

export function createRateLimiter(opts: RateLimitOptions, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const max = opts.maxSources ?? 4096;
  return {
    /** Takes one token for `source`; false when the source is over its limit. */
    take(source: string): boolean {
      const t = now();
      let b = buckets.get(source);
      if (!b) {
        if (buckets.size >= max) {
          const oldest = buckets.keys().next().value;
          if (oldest !== undefined) buckets.delete(oldest);
        }
        b = { tokens: opts.burst, at: t };
      } else {
        buckets.delete(source); // re-insert: Map order = recency
        b.tokens = Math.min(opts.burst, b.tokens + ((t - b.at) / 1000) * opts.perSecond);
        b.at = t;
      }
      buckets.set(source, b);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
    size: () => buckets.size,
  };
}
