// Imported first by the TypeScript entry points (bench/*.ts, tests/sim/cli.ts): ES modules run their
// imports in order, so this refuses an unsupported Node before the entry's other modules load.
// (Node older than 22.6 cannot load a .ts file at all and stops with its own error before this runs.)
import { relative } from 'node:path';
import { exitUnlessSupportedNode } from './node-version.mjs';

exitUnlessSupportedNode(process.argv[1] ? relative(process.cwd(), process.argv[1]) : 'This script');
