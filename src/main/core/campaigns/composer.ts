import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import { WorkerClient } from '../workers/worker-client.ts';
import { WORKER_LIMITS } from '../workers/limits.ts';
import { findWorkerUrl } from '../workers/worker-url.ts';
import type { NewMessage } from './campaigns-repository.ts';
import type { ComposeHandlers } from './compose-worker.ts';
import { composeSet, type ComposeRequest, type ComposeSummary } from './compose-set.ts';

/**
 * Composes campaigns where it costs main's event loop nothing: a set of up to SMALL_SET recipients in
 * place (a few milliseconds), a bigger one in the compose worker (its own read-only connection,
 * resourceLimits). Either way the messages come back in chunks, for main to write one short
 * transaction at a time.
 */
export const SMALL_SET = 2_000;
const CHUNK = 500;

export interface ComposedSet {
  summary: ComposeSummary;
  /** The messages, `CHUNK` at a time, each chunk fetched when asked for. */
  chunks(): AsyncGenerator<NewMessage[]>;
  /** Frees what the worker holds (call when giving up before the last chunk). */
  release(): void;
}

const WORKER_URL = findWorkerUrl([new URL('./compose-worker.ts', import.meta.url), new URL('./compose-worker.js', import.meta.url), new URL('../compose-worker.js', import.meta.url)]);

/** How many numbers pasted text holds, counted up to `cap` (runs of 5+ digits: an upper bound that costs nothing). */
function pastedAtMost(text: string, cap: number): number {
  const digits = /\d[\d ()+-]{4,}/g;
  let n = 0;
  while (n < cap && digits.exec(text) !== null) n++;
  return n;
}

export interface ComposerOptions {
  db: Database.Database;
  dbPath: string;
  now: () => number;
  onInternal?: (where: string, detail: string) => void;
  /** Tests: compose every set in the worker (or never), whatever its size. */
  worker?: 'always' | 'never';
  /** The compose worker's heap cap in MB (default WORKER_LIMITS.compose). */
  maxHeapMb?: number;
}

export function createComposer(options: ComposerOptions) {
  const { db } = options;
  const worker =
    WORKER_URL === undefined
      ? null
      : new WorkerClient<ComposeHandlers>({
          url: WORKER_URL,
          name: 'compose',
          // A composed set is taken right after it is made; an idle compose worker gives its memory back.
          idleMs: 30_000,
          resourceLimits: options.maxHeapMb ? { ...WORKER_LIMITS.compose, maxOldGenerationSizeMb: options.maxHeapMb } : WORKER_LIMITS.compose,
          workerData: { dbPath: options.dbPath },
          now: options.now,
          outOfMemory: () =>
            new AppError('CAMPAIGN_TOO_BIG', 'This campaign needs more memory than the app allows for one campaign. Split the recipients into smaller lists and send them as separate campaigns.', {
              kind: 'limit',
            }),
          ...(options.onInternal ? { onInternal: options.onInternal } : {}),
        });
  const listSize = db.prepare<[string, number], number>('SELECT count(*) FROM (SELECT 1 FROM list_members WHERE list_id = ? LIMIT ?)').pluck();

  /** Whether the set is small enough to compose in place (counted without reading more than SMALL_SET rows). */
  function small(req: ComposeRequest): boolean {
    if (options.worker === 'always' && worker) return false;
    if (options.worker === 'never' || !worker) return true;
    let n = pastedAtMost(req.recipients.pasted, SMALL_SET + 1);
    for (const id of req.recipients.listIds) {
      if (n > SMALL_SET) break;
      n += listSize.get(id, SMALL_SET + 1) ?? 0;
    }
    return n <= SMALL_SET;
  }

  return {
    async preview(req: ComposeRequest): Promise<ComposeSummary> {
      if (small(req)) return composeSet(db, req).summary;
      return worker!.call('preview', req);
    },

    async compose(req: ComposeRequest): Promise<ComposedSet> {
      if (small(req)) {
        const { summary, messages } = composeSet(db, req);
        return {
          summary,
          async *chunks() {
            for (let i = 0; i < messages.length; i += CHUNK) yield messages.slice(i, i + CHUNK);
          },
          release: () => undefined,
        };
      }
      const w = worker!;
      const { handle, summary } = await w.call('compose', req);
      return {
        summary,
        async *chunks() {
          for (;;) {
            const chunk = await w.call('take', { handle, count: CHUNK });
            if (chunk.length === 0) return;
            yield chunk;
          }
        },
        release: () => void w.call('release', { handle }).catch(() => undefined),
      };
    },

    /** The whole set at once, for sends that hand every message over in one go (provider-side schedules). */
    async composeAll(req: ComposeRequest): Promise<{ summary: ComposeSummary; messages: NewMessage[] }> {
      const set = await this.compose(req);
      const messages: NewMessage[] = [];
      for await (const chunk of set.chunks()) messages.push(...chunk);
      return { summary: set.summary, messages };
    },

    close: () => worker?.close() ?? Promise.resolve(),
    /** Whether the compose worker has been started (tests). */
    get workerStarted(): boolean {
      return worker?.running ?? false;
    },
  };
}

export type Composer = ReturnType<typeof createComposer>;
