/**
 * The dashboard's per-quarter-hour counts (`daily_counts`), kept by the places that change a message's
 * state inside their own transactions (store/transitions.ts: one upsert per (quarter hour, account,
 * kind) of a batch; migration 8 dropped the per-row triggers). The rules, as the triggers of migration 4
 * had them:
 * - `handed`: from submitting/unknown to submitted, sent, delivered, failed or expired, with handed_at set;
 * - `sent`: from submitting/submitted/unknown to sent or delivered;
 * - `delivered` / `failed` / `expired`: into that state from another one.
 */

export const QUARTER_HOUR_MS = 900_000;

export interface CountedChange {
  from: string;
  to: string;
  handed: boolean;
}

const HANDED_FROM = new Set(['submitting', 'unknown']);
const HANDED_TO = new Set(['submitted', 'sent', 'delivered', 'failed', 'expired']);
const SENT_FROM = new Set(['submitting', 'submitted', 'unknown']);
const SENT_TO = new Set(['sent', 'delivered']);
const FINAL = new Set(['delivered', 'failed', 'expired']);

/** The kinds one state change counts towards. */
export function countedKinds(c: CountedChange): string[] {
  const kinds: string[] = [];
  if (HANDED_FROM.has(c.from) && HANDED_TO.has(c.to) && c.handed) kinds.push('handed');
  if (SENT_FROM.has(c.from) && SENT_TO.has(c.to)) kinds.push('sent');
  if (c.from !== c.to && FINAL.has(c.to)) kinds.push(c.to);
  return kinds;
}
