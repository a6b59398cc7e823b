import type { ProviderKind } from '../../../shared/accounts.ts';
import type { Clock, FetchLike } from '../ports.ts';

/**
 * The provider layer's one small interface. Every client has a kind, the account it serves, what it
 * can do (capabilities: callers ask these instead of branching on names) and a connection check.
 * Each kind adds its own calls (see jsms/client.ts, eims/client.ts, gsmbox/client.ts).
 */

/** Where a message stands, as far as a provider can tell (the ledger's vocabulary). */
export type DeliveryState = 'submitted' | 'sent' | 'delivered' | 'failed' | 'expired' | 'unknown';

/** How a provider can push results to the app's receiver. */
export type PushFormat = 'eims-put-json' | 'gsmbox-get-query' | 'jsms-callback-form';

export interface ProviderCapabilities {
  /** Free text typed by the user (not a template). */
  freeText: boolean;
  /** A different text per number in one call. */
  perNumberText: boolean;
  /** Provider-side templates with parameters. */
  templates: boolean;
  /** Templates can be created/edited/deleted through the API. */
  templateManagement: boolean;
  /** Text verification codes sent and checked by the provider. */
  verificationCodes: boolean;
  voiceCodes: boolean;
  /** The provider itself holds the message until a given time. */
  serverSchedule: boolean;
  /** Provider-side tasks (one-off or recurring) with numbers inline or by URL. */
  jobs: boolean;
  balance: boolean;
  /** SIM ports that must be chosen and paced by the app. */
  ports: boolean;
  /** Delivery reports can be fetched by id. */
  reportPolling: boolean;
  /** Outbox can be listed (reconciliation without ids). */
  outboxPolling: boolean;
  inboundPolling: boolean;
  pushFormats: readonly PushFormat[];
  /** Most numbers one send call may carry (GET vs POST where it differs: the larger one). */
  maxNumbersPerCall: number;
  maxIdsPerReportQuery: number | null;
  /** Longest content in characters the provider accepts, when it documents one. */
  maxContentLength: number | null;
  /** Whether a send of the same message twice would send it twice (no provider-side dedupe). */
  sendsAreIdempotent: boolean;
  /** UTC offset (minutes) of the provider's wall clock for schedule times, when it has one. */
  providerUtcOffsetMinutes: number | null;
}

/** Balances, ports and connection checks are what the renderer sees too: one definition in src/shared. */
import type { ConnectionCheck } from '../../../shared/providers.ts';
export type { BalanceLine, ConnectionCheck, PortInfo } from '../../../shared/providers.ts';

export interface SendAccepted {
  number: string;
  /** null when the provider names only the failures (JSMS `failure_recipients` replies). */
  providerId: string | null;
}

export interface SendRejected {
  number: string;
  /** Stable app code, e.g. JSMS_50006. */
  code: string;
  message: string;
  providerCode?: string | number;
}

/** The outcome of one send call that the provider answered. */
export interface SendResult {
  accepted: SendAccepted[];
  rejected: SendRejected[];
}

export interface DeliveryReport {
  providerId: string;
  number: string;
  state: DeliveryState;
  /** Epoch ms of the status (deliver time if known, else send time). */
  at?: number;
  /** Provider's own status, e.g. "0/3" or "1005" or "DELIVERD". */
  providerStatus: string;
  /** Stable app code for failures, e.g. EIMS_SEND_1005. */
  code?: string;
  message?: string;
}

export interface InboundSms {
  providerId: string;
  from: string;
  to?: string;
  text: string;
  receivedAt?: number;
}

export interface ProviderClientBase {
  readonly kind: ProviderKind;
  readonly accountId: string;
  readonly capabilities: ProviderCapabilities;
  checkConnection(): Promise<ConnectionCheck>;
}

/** Reads a secret field of the account (e.g. "masterSecret"); undefined when none is stored. */
export type SecretGetter = (field: string) => string | undefined;

export interface ProviderDeps {
  fetch: FetchLike;
  clock: Clock;
  /** Next EIMS encrypted-mode seq for this account: persisted, strictly increasing, never reused. */
  nextSeq: () => number;
  /** Default timeout per call in ms (each client has its own default). */
  timeoutMs?: number;
}
