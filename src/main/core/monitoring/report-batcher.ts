/**
 * Coalesces the reports of pushes that arrive together (several PUTs in flight) into ONE ingest
 * transaction. Each caller's promise settles only after the transaction that holds its reports has
 * committed, so the receiver answers 200 only for stored rows (the platform re-pushes what was not
 * answered 200; accepting before storing would lose rows on a crash).
 *
 * The flush waits for the event loop to go one round without new arrivals (at most `maxRounds`
 * rounds, or until `maxItems` are waiting): clients that were answered together send their next
 * pushes a round later, and committing those with the ones already waiting halves the commits
 * without holding any push longer than a few loop rounds.
 */
export interface ReportBatcherOptions {
  maxRounds?: number;
  maxItems?: number;
}

export function createReportBatcher<T>(store: (batch: T[]) => void, options: ReportBatcherOptions = {}) {
  const maxRounds = options.maxRounds ?? 4;
  const maxItems = options.maxItems ?? 2000;
  let queued: T[][] = [];
  let size = 0;
  let pending: { promise: Promise<void>; resolve: () => void; reject: (err: Error) => void } | null = null;

  function flush(): void {
    const batch = queued.flat();
    const done = pending!;
    queued = [];
    size = 0;
    pending = null;
    try {
      store(batch);
      done.resolve();
    } catch (err) {
      done.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  function round(rounds: number, seen: number): void {
    if (size >= maxItems || rounds >= maxRounds || queued.length === seen) flush();
    else setImmediate(round, rounds + 1, queued.length);
  }

  return {
    /** Resolves once `items` are committed (rejects with the store's error). */
    add(items: T[]): Promise<void> {
      if (items.length === 0) return Promise.resolve();
      queued.push(items);
      size += items.length;
      if (!pending) {
        let resolve!: () => void;
        let reject!: (err: Error) => void;
        const promise = new Promise<void>((res, rej) => {
          resolve = res;
          reject = rej;
        });
        pending = { promise, resolve, reject };
        setImmediate(round, 1, queued.length);
      }
      return pending.promise;
    },
  };
}
