/**
 * A real full garbage collection inside a test, without asking vitest's workers to start with
 * --expose-gc: the flag is set at run time and `gc` is taken from a fresh context, where V8 installs it.
 * Heap checks then measure what is retained rather than garbage that has not been collected yet.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

export function forceGc(): void {
  collect();
}
