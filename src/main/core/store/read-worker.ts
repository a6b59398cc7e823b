/**
 * Worker-thread entry: the reads of store/read-queries.ts on a read-only connection of its own (WAL:
 * it never waits for main's writes, nor they for it). The app runs two: one for the window's reads and
 * one for exports, so a long export never delays a page. The first also checkpoints the WAL (main's
 * connection never does: a checkpoint copies and syncs megabytes), on a connection of its own.
 */
import Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';
import { serveWorker } from '../workers/serve-worker.ts';
import { createReadQueries } from './read-queries.ts';
import { startCheckpoints } from './checkpoints.ts';

const data = workerData as { dbPath: string; checkpoints: boolean };
const db = new Database(data.dbPath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
if (data.checkpoints) startCheckpoints(data.dbPath);
serveWorker(createReadQueries(db));
