/**
 * The import pipeline with SheetJS's codepage tables loaded (see codepages.ts) and the caller's
 * options checked by importOptionsSchema: what the main process and tests use. The worker imports
 * engine.ts directly, gets its options already parsed and loads the tables only when needed.
 */
import './codepages.ts';
import { importOptionsSchema, type ImportOptionsInput, type ImportResult } from '../../../../shared/contacts.ts';
import { runParsedImport, type ImportControl } from './engine.ts';

export { applyOptOuts, buildPreview, type ImportControl } from './engine.ts';

export function runImport(bytes: Uint8Array, input: ImportOptionsInput = {}, ctl: ImportControl = {}): ImportResult {
  return runParsedImport(bytes, importOptionsSchema.parse(input), ctl);
}
