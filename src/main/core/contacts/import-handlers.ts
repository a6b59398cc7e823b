import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../../shared/api.ts';
import type { ImportProgress } from '../../../shared/contacts.ts';
import type { CoreContext } from '../context.ts';
import { inSteps, nextTurn } from '../store/slices.ts';
import { ImportSessions } from './import-session.ts';
import { assertNameFree, requireList } from './list-service.ts';
import { ImportWriter, type ImportJob, type WriteTarget } from './store/import-writer.ts';
import { ListsRepository } from './store/lists-repository.ts';
import { OptOutsRepository } from './store/opt-outs-repository.ts';
import { contactsFile } from './upload.ts';

type ImportHandlerNames = 'importOpen' | 'importAnalyse' | 'importCommit' | 'importCancel' | 'importRejectsExport';

export interface ImportHandlerHooks {
  /** Tests: called after each commit step with the rows written so far; a throw fails the commit (it is taken back). */
  onCommitProgress?: (done: number, total: number) => void;
}

/** Members removed per step when a commit is taken back. */
const UNDO_STEP = 2_000;

/**
 * The import wizard's back end: upload → analyse (preview) → commit into a list, or cancel.
 * The commit writes in steps (store/import-writer.ts): a chunk of contacts per short transaction, the
 * event loop free between them, the list hidden until the last step. A failure part-way takes back
 * what was written; so does the next start after a crash (`recoverImports`).
 */
export function createImportHandlers(ctx: CoreContext, hooks: ImportHandlerHooks = {}): Pick<Handlers, ImportHandlerNames> & { sessions: ImportSessions; recoverImports(): Promise<void> } {
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
  const sessions = new ImportSessions({
    clock: ctx.clock,
    optOutLookup: () => optOuts.lookup(),
    onProgress: progress,
    workerHeapMb: ctx.workerHeapMb?.import,
    ...(ctx.dbPath ? { dbPath: ctx.dbPath } : {}),
  });
  const undo = (job: ImportJob) => inSteps(() => writer.undoStep(job, UNDO_STEP, ctx.clock.now()));

  return {
    sessions,

    async recoverImports() {
      for (const job of writer.unfinished()) await undo(job);
    },

    importOpen: async (input) => {
      const file = await contactsFile(input, ctx.uploads);
      const { importId, sheets } = await sessions.open(input.fileName, file);
      return { importId, fileName: input.fileName, bytes: 'bytes' in file ? file.bytes.byteLength : file.size, sheets };
    },

    importAnalyse: ({ importId, options }) => sessions.analyse(importId, options),

    importCommit: async ({ importId, target, skipOptedOut }) => {
      const source = sessions.contacts(importId);
      let write: WriteTarget;
      if ('listId' in target) {
        requireList(lists, target.listId);
        write = { listId: target.listId };
      } else {
        assertNameFree(lists, target.newListName);
        write = { listId: randomUUID(), createName: target.newListName };
      }
      const total = source.valid;
      const job = writer.begin(write, importId, ctx.clock.now());
      const outcome = { added: 0, updated: 0, skippedOptedOut: 0 };
      try {
        let done = 0;
        progress(importId, { phase: 'commit', done, total });
        for await (const chunk of source.chunks()) {
          const r = writer.writeChunk(job, chunk, { now: ctx.clock.now(), skipOptedOut });
          outcome.added += r.added;
          outcome.updated += r.updated;
          outcome.skippedOptedOut += r.skippedOptedOut;
          done += chunk.length;
          hooks.onCommitProgress?.(done, total);
          progress(importId, { phase: 'commit', done, total });
          await nextTurn();
        }
        writer.finish(job, ctx.clock.now());
      } catch (err) {
        await undo(job);
        throw err;
      }
      const counts = sessions.counts(importId);
      await sessions.close(importId);
      progress(importId, { phase: 'done', done: total, total });
      const list = requireList(lists, write.listId);
      ctx.emit('listsChanged', { reason: 'imported', id: list.id });
      return {
        listId: list.id,
        listName: list.name,
        added: outcome.added,
        updated: outcome.updated,
        skippedOptedOut: outcome.skippedOptedOut,
        optedOut: skipOptedOut ? 0 : counts.optedOut,
        invalid: counts.invalid,
        duplicate: counts.duplicate,
      };
    },

    importCancel: async ({ importId }) => {
      await sessions.cancel(importId);
      return { importId };
    },

    importRejectsExport: ({ importId, format }) => sessions.rejects(importId, format),
  };
}
