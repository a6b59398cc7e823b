/**
 * Self-healing GSM box ports (issue 19): whether each port is in rotation, why one was taken out, its
 * recent success rate and its SIM's IMSI; and the campaign history lines those changes leave.
 */

/**
 * - `in`: sends its share;
 * - `resting`: taken out after failed sends, tried again with one message once `retryAt` has passed;
 * - `trial`: that one message is out, its result decides;
 * - `unavailable`: the box reports the port unavailable (status 0), back when the box says so.
 */
export const PORT_ROTATIONS = ['in', 'resting', 'trial', 'unavailable'] as const;
export type PortRotation = (typeof PORT_ROTATIONS)[number];

/**
 * Why a port is out: `failing` (its last sends all failed), `failure-rate` (far more of its recent
 * sends failed than on the other ports), `unavailable` (the box says so), `trial-failed` (the trial
 * message failed too), `no-trial-result` (no result came for the trial message in time).
 */
export const PORT_OUT_REASONS = ['failing', 'failure-rate', 'unavailable', 'trial-failed', 'no-trial-result'] as const;
export type PortOutReason = (typeof PORT_OUT_REASONS)[number];

/** The numbers behind a reason, for the sentence that shows it. */
export interface PortOutFacts {
  /** failing: failures in a row; failure-rate: failures among the last `of` sends. */
  failures?: number;
  of?: number;
  /** failure-rate: the port's and the other ports' failure rates, in percent. */
  percent?: number;
  othersPercent?: number;
}

export interface BoxPortHealth {
  rotation: PortRotation;
  reason: PortOutReason | null;
  facts: PortOutFacts;
  /** When it was taken out (null while in rotation). */
  outSince: number | null;
  /** Resting: when its cool-down ends and one message tries it again. */
  retryAt: number | null;
  /** Sends of the last 7 days that reached the network, and those the box could not send. */
  sent: number;
  failed: number;
  /** Sends handed to the port today (local day). */
  sentToday: number;
  /** The SIM's IMSI as the box last pushed it, and the one before it when the SIM was changed. */
  imsi: string | null;
  previousImsi: string | null;
  imsiChangedAt: number | null;
}

/** Days the shown success rate looks back. */
export const PORT_STATS_DAYS = 7;

/** Share of the port's decided sends that reached the network, 0–100; null with nothing decided yet. */
export function successPercent(h: Pick<BoxPortHealth, 'sent' | 'failed'>): number | null {
  const decided = h.sent + h.failed;
  return decided === 0 ? null : Math.round((h.sent / decided) * 100);
}

/**
 * A campaign history line about a port of its box:
 * - `out`: taken out of rotation (`reason`, `facts`, `retryAt` when it rests);
 * - `trial`: tried again with one message of this campaign (to `number`);
 * - `rest-again`: the trial failed or brought no result; resting again until `retryAt`;
 * - `back`: in rotation again (`reason`: after a trial, or the box reports it available again);
 * - `sim-changed`: the port's SIM was changed (`imsi`, `previousImsi`).
 */
export const PORT_EVENT_KINDS = ['out', 'trial', 'rest-again', 'back', 'sim-changed'] as const;
export type PortEventKind = (typeof PORT_EVENT_KINDS)[number];

export interface CampaignPortEvent {
  at: number;
  kind: PortEventKind;
  port: number;
  portName: string | null;
  reason?: PortOutReason | 'trial-sent' | 'available';
  facts?: PortOutFacts;
  retryAt?: number;
  number?: string;
  imsi?: string;
  previousImsi?: string;
}

/** A port in rotation with nothing recorded yet (`figures` fills in what is known). */
export function portInRotation(figures: Partial<BoxPortHealth> = {}): BoxPortHealth {
  return { rotation: 'in', reason: null, facts: {}, outSince: null, retryAt: null, sent: 0, failed: 0, sentToday: 0, imsi: null, previousImsi: null, imsiChangedAt: null, ...figures };
}
