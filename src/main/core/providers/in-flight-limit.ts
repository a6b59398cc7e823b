/** Caps how many calls run at once against one endpoint (boxes are slow: never more than a few in flight). */
export function createInFlightLimit(max: number) {
  if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive integer');
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      while (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await fn();
      } finally {
        active--;
        waiting.shift()?.();
      }
    },
    get active() {
      return active;
    },
  };
}

export type InFlightLimit = ReturnType<typeof createInFlightLimit>;

const shared = new Map<string, InFlightLimit>();

/** One limit per key for the whole process (e.g. per platform account), whatever the number of clients. */
export function sharedInFlightLimit(key: string, max: number): InFlightLimit {
  let limit = shared.get(key);
  if (!limit) {
    limit = createInFlightLimit(max);
    shared.set(key, limit);
  }
  return limit;
}
