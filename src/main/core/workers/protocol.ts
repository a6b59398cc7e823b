import type { AppErrorShape } from '../../../shared/errors.ts';

/** Messages between a WorkerClient (main side) and serveWorker (the worker side). */
export interface WorkerRequest {
  id: number;
  method: string;
  args: unknown;
  /** The main thread's clock when the call was made: workers take "now" from main (tests use a fake clock). */
  now: number;
}

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: AppErrorShape; internal?: string }
  | { id: number; progress: unknown };

/** What a worker handler gets besides its arguments. */
export interface CallContext {
  /** The caller's clock at the time of the call. */
  now: number;
  /** Sends a progress value to the caller's `onProgress` (coalescing is the caller's business). */
  progress(value: unknown): void;
}

/** A handler's value plus the buffers to move (not copy) to the main thread. */
export class Transfer<T> {
  readonly value: T;
  readonly list: ArrayBuffer[];
  constructor(value: T, list: ArrayBuffer[]) {
    this.value = value;
    this.list = list;
  }
}

/** The handlers a worker serves: `method(args, ctx)`, sync or async, returning a value or a Transfer. */
export type WorkerHandlers = Record<string, (args: never, ctx: CallContext) => unknown>;

/** The value a handler resolves to, with any Transfer unwrapped. */
export type HandlerValue<F> = F extends (...a: never[]) => infer R ? (Awaited<R> extends Transfer<infer V> ? V : Awaited<R>) : never;
export type HandlerArgs<F> = F extends (args: infer A, ctx: CallContext) => unknown ? A : never;
