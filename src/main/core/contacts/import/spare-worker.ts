import { Worker, type ResourceLimits } from 'node:worker_threads';
import { importWorkerLimits } from './run-import-worker.ts';

interface Spare {
  worker: Worker;
  /** The import (session id) it was started for. */
  owner: string;
  alive: boolean;
}

/**
 * One import worker started ahead of need. Opening a large file boots it — about 0.25 s of module
 * loading in the built worker (SheetJS and libphonenumber's metadata) — while the user looks at the
 * sheets and the mapping, so the analysis starts at once instead of after that wait.
 *
 * At most one spare waits at a time (the newest upload's); it is unref'd, so an idle spare never
 * keeps the process alive, and one that died while waiting is not used: `take` starts a fresh one.
 */
export class SpareImportWorker {
  private readonly url: URL;
  private spare: Spare | undefined;

  constructor(url: URL) {
    this.url = url;
  }

  /** Starts a spare for the import `owner`, replacing any other; returns it. */
  prepare(owner: string): Worker {
    this.discard();
    const worker = new Worker(this.url, { resourceLimits: importWorkerLimits() });
    const entry: Spare = { worker, owner, alive: true };
    // Without an 'error' listener a worker that fails to load would throw in the main process.
    worker.on('error', () => (entry.alive = false));
    worker.on('exit', () => {
      entry.alive = false;
      if (this.spare === entry) this.spare = undefined;
    });
    worker.unref();
    this.spare = entry;
    return worker;
  }

  /** The spare started for `owner` when it is alive and has these limits; otherwise a new worker. */
  take(owner: string, options: { resourceLimits: ResourceLimits }): Worker {
    const s = this.spare;
    const sameLimits = JSON.stringify(options.resourceLimits) === JSON.stringify(importWorkerLimits());
    if (s && s.owner === owner && s.alive && sameLimits) {
      this.spare = undefined;
      s.worker.ref();
      return s.worker;
    }
    return new Worker(this.url, options);
  }

  /** Stops the spare (only if it belongs to `owner`, when given). */
  discard(owner?: string): void {
    const s = this.spare;
    if (!s || (owner !== undefined && s.owner !== owner)) return;
    this.spare = undefined;
    void s.worker.terminate();
  }
}
