import { appendFileSync } from 'node:fs';
import type { FetchLike } from './ports.ts';

/**
 * A fetch that appends `METHOD URL` to a file before each request: the offline end-to-end test turns it
 * on in headless mode (SMS_CONSOLE_NET_AUDIT=<file>) and checks the core talked only to the providers
 * it was configured with. Every outbound HTTP call of the core goes through the fetch given to createCore.
 */
export function auditedFetch(inner: FetchLike, file: string): FetchLike {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET');
    appendFileSync(file, `${method} ${url}\n`);
    return inner(input, init);
  };
}
