import { afterEach } from 'vitest';
import type { Core, CoreOptions } from '../../src/main/core/create-core.ts';
import { makeTempDir } from './temp-dir.ts';
import { makeTestCore, type TestCore } from './test-core.ts';

/**
 * A test core on a fresh data folder per test, and the simulators the test starts: after each test the
 * core stops (which checks the kept counts, test-core.ts), the simulators close and the folder goes.
 * Call at the top of a test file.
 */
export function coreSession(options: Partial<CoreOptions>) {
  let tmp: ReturnType<typeof makeTempDir> | undefined;
  let tc: TestCore | undefined;
  const sims: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await tc?.core.stop();
    await Promise.all(sims.splice(0).map((s) => s.close()));
    tmp?.cleanup();
    tc = undefined;
    tmp = undefined;
  });
  return {
    /** Simulators to close after the test. */
    sims,
    async start(): Promise<Core> {
      tmp = makeTempDir();
      tc = makeTestCore(tmp.dir, options);
      await tc.core.start();
      return tc.core;
    },
  };
}
