/**
 * Worker-thread entry for large imports. Kept tiny on purpose: it runs the same pipeline as the
 * in-process path. Runs under plain Node 24 (type stripping) and can be bundled by electron-vite
 * (`import createWorker from './parse-worker.ts?nodeWorker'`). Cancel = the main side terminates it.
 */
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../../../shared/errors.ts';
import { xlsNeedsCodepages } from './fast-xls.ts';
import { packResult } from './pack-result.ts';
import { runParsedImport } from './engine.ts';
import type { ParseReply, ParseRequest } from './worker-protocol.ts';

const port = parentPort;
if (port) {
  port.once('message', async (req: ParseRequest) => {
    const send = (reply: ParseReply) => port.postMessage(reply);
    try {
      // A zip (.xlsx) or a UTF-16 BIFF8 .xls is read by a lean reader (or by SheetJS without any
      // codepage); anything else may need SheetJS's codepage tables (~250 ms to load).
      const bytes = new Uint8Array(req.bytes);
      const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
      if (!zip && xlsNeedsCodepages(bytes)) await import('./codepages.ts');
      const result = runParsedImport(bytes, req.options, {
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
