/** WorkerClient and serveWorker on a real worker thread: answers, errors, crashes, the heap cap, timeouts, idling. */
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors.ts';
import { WorkerClient } from '../../../src/main/core/workers/worker-client.ts';

type Handlers = {
  echo: (a: { value: number }) => { value: number; now: number };
  progress: (a: { steps: number }) => string;
  refuse: (a: undefined) => never;
  bug: (a: undefined) => never;
  crash: (a: undefined) => never;
  hog: (a: undefined) => never;
  hang: (a: undefined) => Promise<never>;
};

const clients: WorkerClient<Handlers>[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function client(extra: { idleMs?: number; maxOldGenerationSizeMb?: number } = {}) {
  const internal: string[] = [];
  const c = new WorkerClient<Handlers>({
    url: new URL('./test-worker.ts', import.meta.url),
    name: 'test',
    resourceLimits: { maxOldGenerationSizeMb: extra.maxOldGenerationSizeMb ?? 64, maxYoungGenerationSizeMb: 8 },
    now: () => 1234,
    outOfMemory: () => new AppError('TEST_OOM', 'Out of memory, said plainly.', { kind: 'limit' }),
    onInternal: (_where, detail) => internal.push(detail),
    ...(extra.idleMs !== undefined ? { idleMs: extra.idleMs } : {}),
  });
  clients.push(c);
  return { c, internal };
}

describe('WorkerClient', () => {
  it('answers with the value, carries the caller’s clock and progress', async () => {
    const { c } = client();
    expect(await c.call('echo', { value: 7 })).toEqual({ value: 7, now: 1234 });
    const seen: unknown[] = [];
    expect(await c.call('progress', { steps: 3 }, { onProgress: (p) => seen.push(p) })).toBe('done');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('carries an AppError across, hides a bug’s details from the caller, and keeps working', async () => {
    const { c, internal } = client();
    await expect(c.call('refuse', undefined)).rejects.toMatchObject({ name: 'AppError', code: 'TEST_REFUSED', message: 'Refused on purpose.', kind: 'limit' });
    await expect(c.call('bug', undefined)).rejects.toMatchObject({ code: 'WORKER_STOPPED' });
    expect(internal.join('\n')).toContain('a bug with private details');
    expect(await c.call('echo', { value: 1 })).toMatchObject({ value: 1 });
  });

  it('fails the calls in flight when the worker dies, and starts a fresh one for the next call', async () => {
    const { c } = client();
    const pending = c.call('hang', undefined);
    await expect(c.call('crash', undefined)).rejects.toMatchObject({ code: 'WORKER_STOPPED' });
    await expect(pending).rejects.toMatchObject({ code: 'WORKER_STOPPED' });
    expect(await c.call('echo', { value: 2 })).toMatchObject({ value: 2 });
  });

  it('turns the heap cap into the caller’s sentence, and the process carries on', async () => {
    const { c } = client({ maxOldGenerationSizeMb: 32 });
    await expect(c.call('hog', undefined)).rejects.toMatchObject({ code: 'TEST_OOM', message: 'Out of memory, said plainly.' });
    expect(await c.call('echo', { value: 3 })).toMatchObject({ value: 3 });
  });

  it('times a call out (the worker is stopped), and gives an idle worker’s memory back', async () => {
    const { c } = client({ idleMs: 50 });
    await expect(c.call('hang', undefined, { timeoutMs: 50, timeoutError: () => new AppError('TEST_SLOW', 'Too slow.') })).rejects.toMatchObject({ code: 'TEST_SLOW' });
    expect(c.running).toBe(false);
    await c.call('echo', { value: 4 });
    expect(c.running).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(c.running).toBe(false);
    expect(await c.call('echo', { value: 5 })).toMatchObject({ value: 5 });
  });
});
