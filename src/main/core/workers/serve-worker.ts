import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../../shared/errors.ts';
import { Transfer, type CallContext, type WorkerHandlers, type WorkerReply, type WorkerRequest } from './protocol.ts';

/**
 * The worker side of WorkerClient: answers each request by calling the named handler. Requests are
 * served one at a time in arrival order (a handler that awaits lets the next one start). An AppError
 * crosses as its shape; anything else as a generic failure whose message stays in the worker's reply
 * for the main side's log (never shown to the user).
 */
export function serveWorker(handlers: WorkerHandlers): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker must run in a worker thread');
  port.on('message', (req: WorkerRequest) => {
    void (async () => {
      const send = (reply: WorkerReply, transfer?: ArrayBuffer[]) => port.postMessage(reply, transfer);
      const handler = handlers[req.method];
      const ctx: CallContext = { now: req.now, progress: (value) => send({ id: req.id, progress: value }) };
      try {
        if (!handler) throw new Error(`no handler ${req.method}`);
        const out = await (handler as (a: unknown, c: CallContext) => unknown)(req.args, ctx);
        if (out instanceof Transfer) send({ id: req.id, ok: true, value: out.value }, out.list);
        else send({ id: req.id, ok: true, value: out });
      } catch (err) {
        if (isAppError(err)) send({ id: req.id, ok: false, error: err.toShape() });
        else send({ id: req.id, ok: false, error: { code: 'INTERNAL', message: '' }, internal: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      }
    })();
  });
}
