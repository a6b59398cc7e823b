import type { AccountConfig } from '../../../shared/accounts.ts';
import type { AppErrorShape } from '../../../shared/errors.ts';
import type { CampaignRow, CampaignsRepository } from '../campaigns/campaigns-repository.ts';
import type { Clock } from '../ports.ts';
import type { ProviderClient } from '../providers/registry.ts';
import type { Ledger } from './ledger.ts';
import type { PortWatch } from '../box-ports/port-watch.ts';

/** What a box worker asks of the self-healing port rotation (box-ports/port-watch.ts). */
export type PortRotationGate = Pick<PortWatch, 'gate' | 'nextRetry' | 'portsSeen' | 'trialStarted' | 'trialAborted' | 'trialRefused' | 'outcomes'>;

/** What an account worker needs from the dispatcher (so workers stay free of wiring). */
export interface DispatchEnv {
  readonly ledger: Ledger;
  readonly campaigns: CampaignsRepository;
  readonly clock: Clock;
  /** First retry delay before jitter (default backoff.ts's). */
  readonly retryBaseMs?: number;
  /** GSM box ports taken out of rotation and tried again (absent: every available port sends). */
  readonly ports?: PortRotationGate;
  /** The account's config as stored now, or undefined when it was deleted. */
  account(accountId: string): (AccountConfig & { id: string }) | undefined;
  client(accountId: string): ProviderClient;
  /** Running campaigns of the account that may send now (quiet hours respected), oldest first. */
  sendable(accountId: string): CampaignRow[];
  /** When the account has something to do later (backoff or quiet hours end), or null. */
  nextWake(accountId: string): number | null;
  /** A request settled for the campaign: progress, completion. */
  settled(campaignId: string): void;
  /**
   * The account cannot send (credentials, balance): pause the campaign and show why. `seenUpdatedAt`:
   * the campaign row's updatedAt when the failed request was claimed — if the campaign changed since
   * (the user resumed it after topping up), the refusal is stale and does not pause it again.
   */
  hold(campaignId: string, error: AppErrorShape, seenUpdatedAt?: number): void;
  /** A problem that holds the campaign without pausing it (e.g. no port available); null clears it. */
  note(campaignId: string, error: AppErrorShape | null): void;
  /** Unexpected failures (bugs), for the log. */
  report(err: unknown, where: string): void;
}

export interface AccountWorker {
  /** Look for work now. */
  kick(): void;
  /** Requests in flight. */
  inFlight(): number;
  /** Stop picking; resolves when in-flight requests have settled (or after `graceMs`). */
  stop(graceMs: number): Promise<void>;
}

/** Longest sleep between looks at the queue when nothing is due (backstop for missed kicks). */
export const IDLE_RECHECK_MS = 30_000;
