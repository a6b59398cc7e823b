/**
 * Main's event loop never runs long synchronous work (issue 15, docs/store-design.md): work that grows
 * with the data is cut into short steps — each one transaction of a few milliseconds — with a turn of
 * the event loop between them, so IPC, the receiver and timers are served while it runs.
 */

/** Gives the event loop one turn: pending I/O callbacks run before the returned promise resolves. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `step` until it returns false, one step per event-loop turn. A step is one short transaction
 * (its size is the caller's: a few milliseconds of work).
 */
export async function inSteps(step: () => boolean): Promise<void> {
  while (step()) await nextTurn();
}

/** Calls `write` for each chunk of `size` items, one chunk per event-loop turn. */
export async function eachChunk<T>(items: readonly T[], size: number, write: (chunk: readonly T[], offset: number) => void): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    if (i > 0) await nextTurn();
    write(items.slice(i, i + size), i);
  }
}
