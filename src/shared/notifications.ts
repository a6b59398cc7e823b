/** System notifications the core raises; each kind can be turned off in Settings. */
export const NOTIFY_KINDS = ['campaign-finished', 'campaign-failed', 'low-balance', 'inbound', 'port-down', 'receiver-bind'] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

/** The `notify` event: only emitted for kinds the user left on. Title and body are in the UI language. */
export interface NotifyEvent {
  kind: NotifyKind;
  title: string;
  body: string;
  /** Epoch ms. */
  at: number;
}
