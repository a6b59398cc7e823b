/**
 * Headless mode's entry (out/main/headless.js; the app itself is headless-main.ts). The Node version
 * is checked before the app loads: on another Node its native SQLite module would crash the process
 * with no word. Usage: node out/main/headless.js [--data-dir DIR] [--port N] [--token T]
 */
import { exitUnlessSupportedNode } from '../../scripts/node-version.mjs';

exitUnlessSupportedNode('out/main/headless.js');
await import('./headless-main.ts');
