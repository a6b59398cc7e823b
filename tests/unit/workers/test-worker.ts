/** A worker for tests/unit/workers/worker-client.test.ts: calls that answer, fail, crash, hog memory or hang. */
import { AppError } from '../../../src/shared/errors.ts';
import { serveWorker } from '../../../src/main/core/workers/serve-worker.ts';

const hoard: unknown[] = [];

serveWorker({
  echo: (args: { value: number }, ctx) => ({ value: args.value, now: ctx.now }),
  progress: (args: { steps: number }, ctx) => {
    for (let i = 1; i <= args.steps; i++) ctx.progress(i);
    return 'done';
  },
  refuse: () => {
    throw new AppError('TEST_REFUSED', 'Refused on purpose.', { kind: 'limit' });
  },
  bug: () => {
    throw new Error('a bug with private details');
  },
  crash: () => process.exit(3),
  hog: () => {
    for (;;) hoard.push(new Array(1_000_000).fill(Math.random()));
  },
  hang: () => new Promise(() => undefined),
});
