/**
 * Worker-thread entry for large imports. Kept tiny on purpose: it runs the same pipeline as the
 * in-process path. Runs under plain Node 24 (type stripping) and can be bundled by electron-vite
 * (`import createWorker from './parse-worker.ts?nodeWorker'`). Cancel = the main side terminates it.
 */
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../../../shared/errors.ts';
import { packResult } from './pack-result.ts';
import { runImport } from './engine.ts';
import type { ParseReply, ParseRequest } from './worker-protocol.ts';

const port = parentPort;
if (port) {
  port.once('message', async (req: ParseRequest) => {
    const send = (reply: ParseReply) => port.postMessage(reply);
    try {
      // A zip (.xlsx) is read by the lean reader; anything else may need SheetJS's codepage tables.
      const head = new Uint8Array(req.bytes, 0, Math.min(2, req.bytes.byteLength));
      if (!(head[0] === 0x50 && head[1] === 0x4b)) await import('./codepages.ts');
      const result = runImport(new Uint8Array(req.bytes), req.options, {
        limits: req.limits,
        onProgress: (progress) => send({ type: 'progress', progress }),
      });
      const { packed, transfer } = packResult(result);
      port.postMessage({ type: 'result', result: packed } satisfies ParseReply, transfer);
    } catch (err) {
      const error = isAppError(err)
        ? err.toShape()
        : { code: 'CONTACTS_CORRUPT_FILE', message: 'This file could not be read. Open it in Excel, save a fresh copy and import that.' };
      send({ type: 'error', error });
    }
  });
}
