import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import type { HandlerArgs, HandlerValue } from '../workers/protocol.ts';
import { WORKER_LIMITS } from '../workers/limits.ts';
import { WorkerClient } from '../workers/worker-client.ts';
import { findWorkerUrl } from '../workers/worker-url.ts';
import { createReadQueries, type ReadQueries } from './read-queries.ts';

const READ_WORKER_URL = findWorkerUrl([new URL('./read-worker.ts', import.meta.url), new URL('./read-worker.js', import.meta.url), new URL('../read-worker.js', import.meta.url)]);

export interface ReadsOptions {
  db: Database.Database;
  /** The database file; without it (or without the worker entry) the reads run in place. */
  dbPath?: string | undefined;
  now: () => number;
  onInternal?: (where: string, detail: string) => void;
}

/**
 * The reads that grow with the data, answered off main's event loop: `page` for what the window asks
 * (one worker, which also checkpoints the WAL), `file` for exports (another, so a long export never
 * delays a page). Started on first use.
 */
export function createReads(options: ReadsOptions) {
  const inPlace = options.dbPath === undefined || READ_WORKER_URL === undefined ? createReadQueries(options.db) : null;
  const client = (name: string, checkpoints: boolean, limits: typeof WORKER_LIMITS.query, idleMs?: number) =>
    inPlace
      ? null
      : new WorkerClient<ReadQueries>({
          url: READ_WORKER_URL!,
          name,
          resourceLimits: limits,
          workerData: { dbPath: options.dbPath, checkpoints },
          ...(idleMs === undefined ? {} : { idleMs }),
          now: options.now,
          outOfMemory: () => new AppError('READ_TOO_BIG', 'This needs more memory than the app allows for one read. Narrow the filter and try again.', { kind: 'limit' }),
          ...(options.onInternal ? { onInternal: options.onInternal } : {}),
        });
  const pages = client('read', true, WORKER_LIMITS.query);
  // Exports are rare and big: the export worker gives its memory back when idle.
  const files = client('export', false, WORKER_LIMITS.export, 30_000);

  const run =
    (w: WorkerClient<ReadQueries> | null) =>
    async <K extends keyof ReadQueries>(name: K, args: HandlerArgs<ReadQueries[K]>): Promise<HandlerValue<ReadQueries[K]>> => {
      if (w) return w.call(name, args);
      return (await (inPlace![name] as (a: unknown) => unknown)(args)) as HandlerValue<ReadQueries[K]>;
    };

  return {
    /** A read the window waits for. */
    page: run(pages),
    /** An export: a whole table written to a file. */
    file: run(files),
    /** Starts the read worker now (and with it the WAL checkpoints). */
    start(): void {
      pages?.start();
    },
    async close(): Promise<void> {
      await Promise.all([pages?.close(), files?.close()]);
    },
  };
}

export type Reads = ReturnType<typeof createReads>;

const inPlaceReads = new WeakMap<Database.Database, Reads>();

/** The context's reads, or (a context built by hand, in tests) reads in place on its connection. */
export function readsOf(ctx: { db: Database.Database; reads?: Reads | undefined }): Reads {
  if (ctx.reads) return ctx.reads;
  let r = inPlaceReads.get(ctx.db);
  if (!r) inPlaceReads.set(ctx.db, (r = createReads({ db: ctx.db, now: Date.now })));
  return r;
}
