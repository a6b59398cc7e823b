import type { ReceiverBinding, ReceiverReach } from '../../../shared/desktop.ts';
import type { Settings } from '../../../shared/settings.ts';
import { isAnyAddress, reachabilityOf } from '../receiver/network.ts';

/**
 * Does restoring these settings make the receiver listen on more of the network than it does now?
 * A backup file is easy to edit and re-checksum, so one that sets 0.0.0.0 (or a LAN address, or another
 * port on one) must be shown to the user before it applies. Listening on this PC only never widens.
 */
const REACH_ORDER: Record<ReceiverReach, number> = { loopback: 0, private: 1, public: 2, any: 3 };

export function receiverReach(host: string): ReceiverReach {
  return isAnyAddress(host) ? 'any' : reachabilityOf(host);
}

const binding = (s: Pick<Settings, 'receiverHost' | 'receiverPort'>): ReceiverBinding => ({ host: s.receiverHost, port: s.receiverPort, reach: receiverReach(s.receiverHost) });

/** Both bindings when the backup's would listen wider or elsewhere on the network; null when it is no wider. */
export function widerReceiver(current: Settings, backup: Settings): { current: ReceiverBinding; backup: ReceiverBinding } | null {
  const now = binding(current);
  const then = binding(backup);
  if (then.reach === 'loopback') return null;
  const same = then.host === now.host && then.port === now.port;
  if (same && REACH_ORDER[then.reach] <= REACH_ORDER[now.reach]) return null;
  return { current: now, backup: then };
}
