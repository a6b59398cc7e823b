/**
 * Worker-thread entry: composes big campaigns off main's event loop (composer.ts). It reads the
 * database through its own read-only connection; main writes the messages it hands back, chunk by
 * chunk, in short transactions. A composed set waits here under a handle until main has taken it all.
 */
import Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors.ts';
import { serveWorker } from '../workers/serve-worker.ts';
import type { NewMessage } from './campaigns-repository.ts';
import { composeSet, type ComposeRequest, type ComposeSummary } from './compose-set.ts';

const db = new Database((workerData as { dbPath: string }).dbPath, { readonly: true, fileMustExist: true });
const sets = new Map<number, { messages: NewMessage[]; at: number }>();
let nextHandle = 1;

export const composeHandlers = {
  preview: (req: ComposeRequest): ComposeSummary => composeSet(db, req).summary,
  compose: (req: ComposeRequest): { handle: number; summary: ComposeSummary } => {
    const { summary, messages } = composeSet(db, req);
    const handle = nextHandle++;
    sets.set(handle, { messages, at: 0 });
    return { handle, summary };
  },
  /** The next `count` messages of a composed set ([] when all were taken; the set is then dropped). */
  take: ({ handle, count }: { handle: number; count: number }): NewMessage[] => {
    const s = sets.get(handle);
    if (!s) throw new AppError('CAMPAIGN_COMPOSE_GONE', 'The prepared messages are no longer there. Send the campaign again.', { kind: 'transient' });
    const chunk = s.messages.slice(s.at, s.at + count);
    s.at += chunk.length;
    if (chunk.length === 0) sets.delete(handle);
    return chunk;
  },
  release: ({ handle }: { handle: number }): void => {
    sets.delete(handle);
  },
};

export type ComposeHandlers = typeof composeHandlers;

serveWorker(composeHandlers);
