import { Worker, type ResourceLimits } from 'node:worker_threads';
import { importWorkerLimits } from './run-import-worker.ts';

interface Spare {
  worker: Worker;
  /** The import (session id) it was started for. */
  owner: string;
  alive: boolean;
  idle: ReturnType<typeof setTimeout>;
}

/** How long an unused spare waits before it is stopped. */
const IDLE_MS = 5 * 60_000;

/**
 * One import worker started ahead of need. The built worker spends ~0.2 s loading SheetJS and
 * libphonenumber's metadata before it reads a byte; opening a large file starts it, so that time
 * overlaps reading the sheet names and the round trip to the window, which asks for the analysis
 * right after the upload. (A later analysis of the same file, after the user changes the sheet or
 * the columns, starts a fresh worker: a spare kept for it would hold ~55 MB while the user decides.)
 *
 * At most one spare waits at a time (the newest upload's). It is unref'd, so an idle spare never
 * keeps the process alive, and stopped after `idleMs` unused; one that died while waiting is not
 * used: `take` starts a fresh one.
 */
export class SpareImportWorker {
  private readonly url: URL;
  private readonly idleMs: number;
  private spare: Spare | undefined;

  constructor(url: URL, idleMs = IDLE_MS) {
    this.url = url;
    this.idleMs = idleMs;
  }

  /** Starts a spare for the import `owner`, replacing any other; returns it. */
  prepare(owner: string): Worker {
    this.discard();
    const worker = new Worker(this.url, { resourceLimits: importWorkerLimits() });
    const idle = setTimeout(() => this.discard(owner), this.idleMs);
    idle.unref();
    const entry: Spare = { worker, owner, alive: true, idle };
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
      clearTimeout(s.idle);
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
    clearTimeout(s.idle);
    void s.worker.terminate();
  }
}
