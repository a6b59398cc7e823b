import { expect } from 'vitest';
import { systemClock } from '../../../src/main/core/ports.ts';
import { ProviderError } from '../../../src/main/core/providers/errors.ts';
import type { ProviderDeps } from '../../../src/main/core/providers/types.ts';

export function testDeps(overrides: Partial<ProviderDeps> = {}): ProviderDeps & { seqs: number[] } {
  let seq = 0;
  const seqs: number[] = [];
  return {
    fetch: globalThis.fetch,
    clock: systemClock,
    nextSeq: () => {
      seq += 1;
      seqs.push(seq);
      return seq;
    },
    timeoutMs: 2000,
    seqs,
    ...overrides,
  };
}

export function secrets(map: Record<string, string | undefined>) {
  return (field: string) => map[field];
}

/** Awaits a rejection and returns it as a ProviderError (fails the test otherwise). */
export async function providerError(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Asserts no secret leaks into an error's message. */
export function expectNoSecrets(err: Error, values: string[]): void {
  for (const v of values) expect(err.message).not.toContain(v);
}
