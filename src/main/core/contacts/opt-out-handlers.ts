import type { CountryCode } from 'libphonenumber-js/max';
import type { Handlers } from '../../../shared/api.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CoreContext } from '../context.ts';
import { tableDownload } from './file-download.ts';
import { runImport } from './import/pipeline.ts';
import { normalisePhone } from '../../../shared/phone/normalise.ts';
import { OptOutsRepository } from './store/opt-outs-repository.ts';
import { decodeUpload } from './upload.ts';

type OptOutHandlerNames = 'optOutsList' | 'optOutsAdd' | 'optOutsRemove' | 'optOutsImport' | 'optOutsExport';

/** The opt-out list: numbers that are never sent to (checked again at send time). */
export function createOptOutHandlers(ctx: CoreContext): Pick<Handlers, OptOutHandlerNames> {
  const optOuts = new OptOutsRepository(ctx.db);

  return {
    optOutsList: ({ query, offset, limit }) => optOuts.page(query, offset, limit),

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

    optOutsImport: ({ fileName, base64, region }) => {
      const bytes = decodeUpload(base64, fileName);
      const result = runImport(bytes, { region });
      const unique = result.contacts.map((c) => c.e164);
      const added = optOuts.add(unique, 'import', fileName.slice(0, 200), ctx.clock.now());
      if (added > 0) ctx.emit('optOutsChanged', { reason: 'imported', count: added });
      return { added, alreadyListed: unique.length - added, invalid: result.counts.invalid };
    },

    optOutsExport: ({ format }) => {
      const rows = optOuts.all();
      return tableDownload(
        { headers: ['phone', 'source', 'note', 'added_at'], rows: rows.map((r) => [r.e164, r.source, r.note, new Date(r.createdAt).toISOString()]) },
        format,
        'opt-outs',
        'Opt-outs',
      );
    },
  };
}
