import type { ImportOptions, ImportProgress } from '../../../../shared/contacts.ts';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import type { ImportLimits } from './limits.ts';
import type { PackedResult } from './pack-result.ts';

/** Messages between run-import-worker.ts (main side) and parse-worker.ts (the worker entry). */
export interface ParseRequest {
  type: 'parse';
  bytes: ArrayBuffer;
  /** Already parsed by importOptionsSchema on the main side. */
  options: ImportOptions;
  limits?: Partial<ImportLimits>;
}

export type ParseReply =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'result'; result: PackedResult }
  | { type: 'error'; error: AppErrorShape };
