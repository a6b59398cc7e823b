import type { ResourceLimits } from 'node:worker_threads';

/**
 * Heap caps of the app's workers. Main shares one V8 memory cage (about 4 GB in Electron) with every
 * worker it starts, so together they must leave main room: a worker that needs more than its cap dies
 * alone with a clear error (WorkerClient's outOfMemory) and the app carries on. A small young generation
 * keeps a worker's resident memory down at the same speed (measured for the import worker).
 */
export const WORKER_LIMITS = {
  /** Read-only queries for the UI and the WAL checkpoints: results are pages, never whole tables. */
  query: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 },
  /** Recipients and rendered texts of one campaign (1M recipients ≈ 400 MB). */
  compose: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 16 },
  /** A parsed spreadsheet held until it is committed (a 1M-row CSV ≈ 600 MB). */
  import: { maxOldGenerationSizeMb: 1536, maxYoungGenerationSizeMb: 8 },
  /** One export file built from the database (streamed rows, the file's bytes). */
  export: { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 16 },
} satisfies Record<string, ResourceLimits>;
