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

interface Waiting<T> {
  items: T[];
  resolve: () => void;
  reject: (err: Error) => void;
}

const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));

export function createReportBatcher<T>(store: (batch: T[]) => void, options: ReportBatcherOptions = {}) {
  const maxRounds = options.maxRounds ?? 4;
  // ≈1,000 reports ≈ 7 ms of ingest on main (bench/step-costs.ts scale): a batch never holds the event loop long.
  const maxItems = options.maxItems ?? 1000;
  let queued: Waiting<T>[] = [];
  let size = 0;
  let scheduled = false;

  /**
   * One transaction for everything waiting. If it fails (and rolled back), each push is stored on
   * its own, so one push the store cannot take fails alone instead of its whole batch: the others
   * are answered 200, and the provider re-pushes only the one that got the error.
   */
  function flush(): void {
    const waiting = queued;
    queued = [];
    size = 0;
    scheduled = false;
    try {
      store(waiting.flatMap((w) => w.items));
      for (const w of waiting) w.resolve();
      return;
    } catch (err) {
      if (waiting.length === 1) {
        waiting[0]!.reject(asError(err));
        return;
      }
    }
    for (const w of waiting) {
      try {
        store(w.items);
        w.resolve();
      } catch (err) {
        w.reject(asError(err));
      }
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
      const done = new Promise<void>((resolve, reject) => queued.push({ items, resolve, reject }));
      size += items.length;
      if (!scheduled) {
        scheduled = true;
        setImmediate(round, 1, queued.length);
      }
      return done;
    },
  };
}
