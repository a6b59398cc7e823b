import type { AccountConfig } from '../../../shared/accounts.ts';
import type { AttentionItem, DashboardHealth } from '../../../shared/health.ts';
import type { ReceiverStatus } from '../../../shared/monitoring.ts';
import type { AccountHealthRow } from './account-health.ts';

/**
 * What needs the user's attention, from what the app already knows — no provider is asked, so the
 * dashboard can show it at once: the receiver, boxes whose pushes were never set up (nor seen), accounts
 * whose last connection test failed, and SIMs that sent their daily cap today.
 */

export interface AttentionInput {
  receiver: Pick<ReceiverStatus, 'state' | 'host' | 'port' | 'error'>;
  accounts: (AccountConfig & { id: string })[];
  health: Map<string, AccountHealthRow>;
  /** SMS each port of a box sent today (from the ledger). */
  sentTodayByPort: (accountId: string) => Map<number, number>;
  lists: number;
  sent: boolean;
  now: number;
}

function receiverItem(r: AttentionInput['receiver']): AttentionItem | null {
  if (r.state === 'listening' || r.state === 'starting') return null;
  if (r.error?.code === 'RECEIVER_PORT_IN_USE') return { kind: 'receiver-port-in-use', host: r.host, port: r.port, error: r.error };
  return { kind: 'receiver-not-listening', host: r.host, port: r.port, error: r.error };
}

export function dashboardHealth(input: AttentionInput): DashboardHealth {
  const items: AttentionItem[] = [];
  const receiver = receiverItem(input.receiver);
  if (receiver) items.push(receiver);
  const accounts = [...input.accounts].sort((a, b) => a.name.localeCompare(b.name));
  for (const a of accounts) {
    const h = input.health.get(a.id);
    if (h?.testOk === false && h.testError && h.testedAt !== null) {
      items.push({ kind: 'account-test-failed', accountId: a.id, accountName: a.name, provider: a.kind, testedAt: h.testedAt, error: h.testError });
    }
    if (a.kind !== 'gsmbox') continue;
    if (!h || (h.pushConfirmedAt === null && h.lastPushAt === null)) items.push({ kind: 'box-push-not-set-up', accountId: a.id, accountName: a.name });
    if (a.dailyCapPerSim > 0) {
      const sent = [...input.sentTodayByPort(a.id)].sort(([x], [y]) => x - y);
      for (const [port, n] of sent) {
        if (n >= a.dailyCapPerSim) items.push({ kind: 'sim-over-cap', accountId: a.id, accountName: a.name, port, sentToday: n, cap: a.dailyCapPerSim });
      }
    }
  }
  const accountsTested = accounts.filter((a) => input.health.get(a.id)?.testOk === true).length;
  return { items, setup: { accounts: accounts.length, accountsTested, lists: input.lists, sent: input.sent }, checkedAt: input.now };
}
