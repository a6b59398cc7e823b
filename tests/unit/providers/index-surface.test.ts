import { describe, expect, it } from 'vitest';
import * as providers from '../../../src/main/core/providers/index.ts';

describe('provider layer index', () => {
  it('exposes the registry, service, clients and parsers at runtime', () => {
    for (const name of ['createProviderClient', 'capabilitiesOf', 'createProviderService', 'createJsmsClient', 'createEimsClient', 'createGsmboxClient', 'parseEimsPush', 'parseBoxPush', 'chunkEimsNumbers', 'surelyNotSent']) {
      expect(typeof (providers as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(providers.surelyNotSent(new providers.ProviderError('X', 'y', { kind: 'transient', outcome: 'unknown', provider: 'eims' }))).toBe(false);
    expect(providers.surelyNotSent(new Error('plain'))).toBe(false);
    expect(providers.outcomeOf(new Error('plain'))).toBe('unknown');
  });
});
