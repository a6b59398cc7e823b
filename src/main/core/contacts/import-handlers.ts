import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../../shared/api.ts';
import type { ImportProgress } from '../../../shared/contacts.ts';
import type { CoreContext } from '../context.ts';
import { rejectsTable } from './export/table.ts';
import { tableDownload } from './file-download.ts';
import { ImportSessions } from './import-session.ts';
import { assertNameFree, requireList } from './list-service.ts';
import { ImportWriter, type WriteTarget } from './store/import-writer.ts';
import { ListsRepository } from './store/lists-repository.ts';
import { OptOutsRepository } from './store/opt-outs-repository.ts';
import { decodeUpload } from './upload.ts';

type ImportHandlerNames = 'importOpen' | 'importAnalyse' | 'importCommit' | 'importCancel' | 'importRejectsExport';

export interface ImportHandlerHooks {
  /** Tests: called inside the commit transaction every few thousand rows; a throw rolls back. */
  onCommitProgress?: (done: number, total: number) => void;
}

/** The import wizard's back end: upload → analyse (preview) → commit into a list, or cancel. */
export function createImportHandlers(ctx: CoreContext, hooks: ImportHandlerHooks = {}): Pick<Handlers, ImportHandlerNames> & { sessions: ImportSessions } {
  const lists = new ListsRepository(ctx.db);
  const optOuts = new OptOutsRepository(ctx.db);
  const writer = new ImportWriter(ctx.db);
  let lastEmit = 0;
  const progress = (importId: string, p: ImportProgress | { phase: 'commit' | 'done'; done: number; total?: number }) => {
    const now = Date.now();
    // At most ~10 events a second, but always the first and last of a phase.
    if (p.done !== 0 && p.done !== p.total && now - lastEmit < 100) return;
    lastEmit = now;
    ctx.emit('importProgress', { importId, ...p });
  };
  const sessions = new ImportSessions({ clock: ctx.clock, isOptedOut: (e) => optOuts.isOptedOut(e), optOutLookup: () => optOuts.lookup(), onProgress: progress });

  return {
    sessions,

    importOpen: ({ fileName, base64 }) => {
      const bytes = decodeUpload(base64, fileName);
      const { importId, sheets } = sessions.open(fileName, bytes);
      return { importId, fileName, bytes: bytes.byteLength, sheets };
    },

    importAnalyse: ({ importId, options }) => sessions.analyse(importId, options),

    importCommit: ({ importId, target, skipOptedOut }) => {
      const result = sessions.result(importId);
      let write: WriteTarget;
      if ('listId' in target) {
        requireList(lists, target.listId);
        write = { listId: target.listId };
      } else {
        assertNameFree(lists, target.newListName);
        write = { listId: randomUUID(), createName: target.newListName };
      }
      const total = result.contacts.length;
      const outcome = writer.write(result.contacts, write, {
        now: ctx.clock.now(),
        skipOptedOut,
        onProgress: (done, all) => {
          hooks.onCommitProgress?.(done, all);
          progress(importId, { phase: 'commit', done, total: all });
        },
      });
      sessions.close(importId);
      progress(importId, { phase: 'done', done: total, total });
      const list = requireList(lists, write.listId);
      ctx.emit('listsChanged', { reason: 'imported', id: list.id });
      return {
        listId: list.id,
        listName: list.name,
        added: outcome.added,
        updated: outcome.updated,
        skippedOptedOut: outcome.skippedOptedOut,
        optedOut: skipOptedOut ? 0 : result.counts.optedOut,
        invalid: result.counts.invalid,
        duplicate: result.counts.duplicate,
      };
    },

    importCancel: ({ importId }) => {
      sessions.cancel(importId);
      return { importId };
    },

    importRejectsExport: ({ importId, format }) => {
      const result = sessions.result(importId);
      const base = sessions.fileName(importId).replace(/\.[^.]+$/, '');
      return tableDownload(rejectsTable(result.rejects), format, `${base} - rejected rows`, 'Rejected rows');
    },
  };
}
