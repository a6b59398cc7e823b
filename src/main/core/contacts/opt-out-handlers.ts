import type { CountryCode } from 'libphonenumber-js/max';
import type { Handlers } from '../../../shared/api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CoreContext } from '../context.ts';
import { readsOf } from '../store/reads.ts';
import { runImport } from './import/pipeline.ts';
import { ImportWorker } from './import/run-import-worker.ts';
import { eachChunk, nextTurn } from '../store/slices.ts';
import { normalisePhone } from '../../../shared/phone/normalise.ts';
import { OptOutsRepository } from './store/opt-outs-repository.ts';
import { contactsFile } from './upload.ts';
import { rm } from 'node:fs/promises';

type OptOutHandlerNames = 'optOutsList' | 'optOutsAdd' | 'optOutsRemove' | 'optOutsImport' | 'optOutsExport';

/** Files from this size are read in a worker; numbers are added this many per transaction. */
const WORKER_THRESHOLD_BYTES = 2 * 1024 * 1024;
const ADD_STEP = 2_000;

/** The opt-out list: numbers that are never sent to (checked again at send time). */
export function createOptOutHandlers(ctx: CoreContext): Pick<Handlers, OptOutHandlerNames> {
  const optOuts = new OptOutsRepository(ctx.db);

  return {
    optOutsList: ({ query, offset, limit }) => readsOf(ctx).page('optOutsList', { query, offset, limit }),

    optOutsAdd: ({ numbers, note, region }) => {
      const valid: string[] = [];
      const fields: Record<string, string> = {};
      numbers.forEach((raw, i) => {
        const res = normalisePhone(raw, region as CountryCode);
        if (res.ok) valid.push(res.e164);
        else fields[`numbers.${i}`] = res.message;
      });
      const bad = Object.keys(fields);
      if (bad.length > 0) {
        const first = numbers[Number(bad[0]!.split('.')[1])];
        throw new AppError('CONTACTS_OPTOUT_INVALID', `“${first}” is not a phone number${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ''}. Correct it and add again; nothing was added.`, {
          fields,
        });
      }
      const unique = [...new Set(valid)];
      const added = optOuts.add(unique, 'manual', note, ctx.clock.now());
      if (added > 0) ctx.emit('optOutsChanged', { reason: 'added', count: added });
      return { added, alreadyListed: unique.length - added };
    },

    optOutsRemove: ({ numbers }) => {
      const removed = optOuts.remove(numbers);
      if (removed > 0) ctx.emit('optOutsChanged', { reason: 'removed', count: removed });
      return { removed };
    },

    optOutsImport: async ({ fileName, base64, uploadId, region }) => {
      const file = await contactsFile({ fileName, base64, uploadId }, ctx.uploads);
      let added = 0;
      let read = 0;
      const note = fileName.slice(0, 200);
      const write = (e164s: string[]) => {
        added += optOuts.add(e164s, 'import', note, ctx.clock.now());
        read += e164s.length;
      };
      let invalid: number;
      if ('bytes' in file && file.bytes.byteLength < WORKER_THRESHOLD_BYTES) {
        const result = runImport(file.bytes, { region });
        invalid = result.counts.invalid;
        await eachChunk(result.contacts, ADD_STEP, (chunk) => write(chunk.map((c) => c.e164)));
      } else {
        // A big file is read in a worker and its numbers added a chunk per short transaction.
        const worker = new ImportWorker({ now: () => ctx.clock.now() });
        try {
          await worker.open('bytes' in file ? file.bytes : file);
          const preview = await worker.analyse({ region });
          invalid = preview.counts.invalid;
          for (let from = 0; from < preview.counts.valid; from += ADD_STEP) {
            write((await worker.take(from, ADD_STEP)).map((c) => c.e164));
            await nextTurn();
          }
        } finally {
          await worker.close();
          if ('path' in file) await rm(file.path, { force: true });
        }
      }
      if (added > 0) ctx.emit('optOutsChanged', { reason: 'imported', count: added });
      return { added, alreadyListed: read - added, invalid };
    },

    optOutsExport: ({ format }) => readsOf(ctx).file('exportOptOuts', { format }),
  };
}
