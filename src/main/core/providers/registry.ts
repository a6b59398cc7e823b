import type { AccountConfig, ProviderKind } from '../../../shared/accounts.ts';
import { CAPABILITIES } from './capabilities.ts';
import { createEimsClient, type EimsClient } from './eims/client.ts';
import { createGsmboxClient, type GsmboxClient } from './gsmbox/client.ts';
import { createJsmsClient, type JsmsClient } from './jsms/client.ts';
import type { ProviderCapabilities, ProviderDeps, SecretGetter } from './types.ts';

/**
 * What each provider can do, and one way to build a client for an account. The UI and the dispatcher
 * ask `capabilitiesOf(kind)` (or `client.capabilities`) instead of branching on provider names.
 */

export type ProviderClient = JsmsClient | EimsClient | GsmboxClient;

export function capabilitiesOf(kind: ProviderKind): ProviderCapabilities {
  return CAPABILITIES[kind];
}

/** Every kind that has a capability, e.g. `kindsWith('inboundPolling')` → ['eims']. */
export function kindsWith(capability: keyof ProviderCapabilities): ProviderKind[] {
  return (Object.keys(CAPABILITIES) as ProviderKind[]).filter((k) => {
    const v = CAPABILITIES[k][capability];
    return Array.isArray(v) ? v.length > 0 : Boolean(v);
  });
}

export function createProviderClient(account: AccountConfig & { id: string }, secret: SecretGetter, deps: ProviderDeps): ProviderClient {
  switch (account.kind) {
    case 'jsms':
      return createJsmsClient(account, secret, deps);
    case 'eims':
      return createEimsClient(account, secret, deps);
    case 'gsmbox':
      return createGsmboxClient(account, secret, deps);
  }
}

export { CAPABILITIES, EIMS_LIMITS, GSMBOX_LIMITS, JSMS_LIMITS } from './capabilities.ts';
