/**
 * The import pipeline with SheetJS's codepage tables loaded (see codepages.ts): what the main
 * process and tests use. The worker imports engine.ts and loads the tables only when needed.
 */
import './codepages.ts';

export { applyOptOuts, buildPreview, runImport, type ImportControl } from './engine.ts';
