import { Worker, type ResourceLimits } from 'node:worker_threads';
import { AppError } from '../../../shared/errors.ts';
import type { HandlerArgs, HandlerValue, WorkerHandlers, WorkerReply, WorkerRequest } from './protocol.ts';

/**
 * The main side of a worker thread that serves named calls (serve-worker.ts). Started on the first
 * call, restarted on the next call after it died; every call in flight when it dies is rejected with
 * a sentence that says what happened. It does not keep the process alive while idle.
 *
 * Every worker runs with resourceLimits: main shares one V8 memory cage with its workers, so a
 * worker that swells must die alone (ERR_WORKER_OUT_OF_MEMORY) instead of taking the app with it.
 */
export interface WorkerClientOptions {
  url: URL;
  /** What the worker is for, in the log ("query", "compose", …). */
  name: string;
  resourceLimits: ResourceLimits;
  workerData?: unknown;
  /** The caller's clock: each call carries `now()` so a worker's notion of time follows main's. */
  now: () => number;
  /** The error calls in flight get when the worker ran out of its memory limit. */
  outOfMemory: () => AppError;
  /** Told (for the log) when the worker dies or a call fails for a reason that is not an AppError. */
  onInternal?: (where: string, detail: string) => void;
  /** Stop the thread after this long without calls (its memory goes back; the next call starts a new one). */
  idleMs?: number;
}

export interface CallOptions {
  onProgress?: (value: unknown) => void;
  transfer?: ArrayBuffer[];
  /** Terminates the worker (and fails every call in it) when the call takes longer. */
  timeoutMs?: number;
  timeoutError?: () => AppError;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress: ((value: unknown) => void) | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const crashed = () =>
  new AppError('WORKER_STOPPED', 'A background task of the app stopped unexpectedly. Try again; if it keeps happening, open the logs folder and report it.', { kind: 'transient' });

export class WorkerClient<H extends WorkerHandlers> {
  private readonly options: WorkerClientOptions;
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: WorkerClientOptions) {
    this.options = options;
  }

  /** Calls `method` in the worker; resolves with its value or rejects with its AppError. */
  call<K extends keyof H & string>(method: K, args: HandlerArgs<H[K]>, opts: CallOptions = {}): Promise<HandlerValue<H[K]>> {
    if (this.closed) return Promise.reject(new AppError('APP_STOPPING', 'The app is shutting down.', { kind: 'transient' }));
    const worker = this.ensure();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const id = this.nextId++;
    return new Promise<HandlerValue<H[K]>>((resolve, reject) => {
      const p: Pending = { resolve: resolve as (v: unknown) => void, reject, onProgress: opts.onProgress, timer: undefined };
      if (opts.timeoutMs !== undefined) {
        p.timer = setTimeout(() => this.fail(worker, opts.timeoutError?.() ?? crashed(), `${method} timed out`), opts.timeoutMs);
      }
      this.pending.set(id, p);
      if (this.pending.size === 1) worker.ref();
      const req: WorkerRequest = { id, method, args, now: this.options.now() };
      worker.postMessage(req, opts.transfer);
    });
  }

  /** Stops the worker for good; calls in flight are rejected with `error` (default: the app is stopping). */
  async close(error?: AppError): Promise<void> {
    this.closed = true;
    const w = this.worker;
    if (!w) return;
    this.fail(w, error ?? new AppError('APP_STOPPING', 'The app is shutting down.', { kind: 'transient' }), null);
    await w.terminate();
  }

  /** Starts the worker thread now rather than at the first call (one that has work of its own to do). */
  start(): void {
    if (!this.closed) this.ensure();
  }

  /** Whether a worker thread is running now (tests). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.options.url, { resourceLimits: this.options.resourceLimits, workerData: this.options.workerData, name: this.options.name });
    w.unref();
    w.on('message', (reply: WorkerReply) => this.onReply(reply));
    w.on('error', (err: Error & { code?: string }) => {
      const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(w, oom ? this.options.outOfMemory() : crashed(), `${oom ? 'out of memory' : 'error'}: ${err.message}`);
    });
    w.on('exit', (code) => this.fail(w, crashed(), code === 0 || code === 1 ? null : `exit ${code}`));
    this.worker = w;
    return w;
  }

  private onReply(reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    if ('progress' in reply) {
      p.onProgress?.(reply.progress);
      return;
    }
    this.settle(reply.id, p);
    if (reply.ok) p.resolve(reply.value);
    else {
      if (reply.internal) this.options.onInternal?.(`${this.options.name} worker`, reply.internal);
      p.reject(reply.error.code === 'INTERNAL' ? crashed() : new AppError(reply.error.code, reply.error.message, reply.error));
    }
  }

  private settle(id: number, p: Pending): void {
    if (p.timer) clearTimeout(p.timer);
    this.pending.delete(id);
    if (this.pending.size > 0) return;
    this.worker?.unref();
    const idleMs = this.options.idleMs;
    const w = this.worker;
    if (idleMs !== undefined && w) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = undefined;
        if (this.worker === w && this.pending.size === 0) {
          this.worker = undefined;
          void w.terminate();
        }
      }, idleMs);
      this.idleTimer.unref();
    }
  }

  /** The worker is gone (or must go): every call in it fails with `error`; the next call starts a new one. */
  private fail(w: Worker, error: AppError, why: string | null): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    if (why) this.options.onInternal?.(`${this.options.name} worker`, why);
    for (const [id, p] of this.pending) {
      this.settle(id, p);
      p.reject(error);
    }
    void w.terminate();
  }
}
