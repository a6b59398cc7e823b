import type { ProviderKind } from './accounts.ts';
import type { AppErrorShape } from './errors.ts';

/**
 * The dashboard's health (issue 17): what needs attention, each item with what the renderer needs to
 * name it and link to its fix, and how far a first-time user has come through the guided start.
 */
export type AttentionItem =
  /** The receiver could not bind its port (another program holds it). */
  | { kind: 'receiver-port-in-use'; host: string; port: number; error: AppErrorShape }
  /** The receiver is stopped or failed for another reason: pushed reports and inbound SMS are not received. */
  | { kind: 'receiver-not-listening'; host: string; port: number; error: AppErrorShape | null }
  /** A GSM box whose push settings were never confirmed to point here, and that never pushed here. */
  | { kind: 'box-push-not-set-up'; accountId: string; accountName: string }
  /** The account's last connection test failed. */
  | { kind: 'account-test-failed'; accountId: string; accountName: string; provider: ProviderKind; testedAt: number; error: AppErrorShape }
  /** A SIM of a GSM box has sent its daily cap today: it sends no more until tomorrow. */
  | { kind: 'sim-over-cap'; accountId: string; accountName: string; port: number; sentToday: number; cap: number };

export type AttentionKind = AttentionItem['kind'];

export interface SetupProgress {
  accounts: number;
  /** Accounts whose last connection test passed. */
  accountsTested: number;
  /** Contact lists (imported or created). */
  lists: number;
  /** A campaign was ever created (a test to oneself counts). */
  sent: boolean;
}

export interface DashboardHealth {
  items: AttentionItem[];
  setup: SetupProgress;
  checkedAt: number;
}
