import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where a worker entry is: the .ts source next to the module (tests, benchmarks from source, dev), or
 * the bundled `<name>.js` the electron-vite build emits as its own entry (beside the chunk that asks,
 * or one folder up). `candidates` are tried in order; undefined when none exists.
 */
export function findWorkerUrl(candidates: readonly URL[]): URL | undefined {
  return candidates.find((url) => {
    try {
      return url.protocol === 'file:' && existsSync(fileURLToPath(url));
    } catch {
      return false;
    }
  });
}
