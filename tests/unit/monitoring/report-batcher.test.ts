import { describe, expect, it } from 'vitest';
import { createReportBatcher } from '../../../src/main/core/monitoring/report-batcher.ts';

const round = () => new Promise<void>((r) => setImmediate(r));

describe('report batcher', () => {
  it('stores pushes that arrive over consecutive loop rounds in one batch, and settles each only after the store', async () => {
    const stored: number[][] = [];
    const b = createReportBatcher<number>((batch) => void stored.push(batch));
    const settled: string[] = [];
    const first = b.add([1, 2]).then(() => settled.push('first'));
    const second = b.add([3]).then(() => settled.push('second'));
    await Promise.resolve();
    const third = b.add([4]).then(() => settled.push('third'));
    expect(stored).toEqual([]);
    await Promise.all([first, second, third]);
    expect(stored).toEqual([[1, 2, 3, 4]]);
    expect(settled).toEqual(['first', 'second', 'third']);
    await b.add([5]);
    expect(stored).toEqual([[1, 2, 3, 4], [5]]);
  });

  it('waits a bounded number of rounds and rejects every waiting push when the store fails', async () => {
    const stored: number[][] = [];
    const b = createReportBatcher<number>((batch) => void stored.push(batch), { maxRounds: 2 });
    const waits = [b.add([1])];
    await round();
    waits.push(b.add([2]));
    await round();
    waits.push(b.add([3]));
    await Promise.all(waits);
    expect(stored.flat()).toEqual([1, 2, 3]);
    expect(stored.length).toBeGreaterThan(1);

    const failing = createReportBatcher<number>(() => {
      throw new Error('disk full');
    });
    const results = await Promise.allSettled([failing.add([1]), failing.add([2])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await failing.add([])).toBeUndefined();
  });

  it('when a batch fails, stores each push on its own: only the push the store refuses is rejected', async () => {
    const stored: number[][] = [];
    const b = createReportBatcher<number>((batch) => {
      if (batch.includes(13)) throw new Error('row 13 violates a constraint');
      stored.push(batch);
    });
    const results = await Promise.allSettled([b.add([1, 2]), b.add([13]), b.add([3])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ message: 'row 13 violates a constraint' });
    // The failed three-push batch stored nothing (its transaction rolled back); then one by one.
    expect(stored).toEqual([[1, 2], [3]]);
    await b.add([4]);
    expect(stored.at(-1)).toEqual([4]);
  });
});
