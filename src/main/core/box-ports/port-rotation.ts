import type { PortOutFacts, PortOutReason, PortRotation } from '../../../shared/box-ports.ts';

/**
 * Which ports of ONE GSM box are in rotation (issue 19). Plain state, no I/O: the port watch feeds it
 * send outcomes, the box's port list and pushed IMSIs, persists what it returns and tells people.
 *
 * - A port in rotation is taken out (`resting`) when its last `streak` sends all failed while the
 *   other ports in rotation mostly succeed (the last port in rotation is never taken out), or when at least half of its last `window` sends failed and
 *   that is `rateGap` above the other ports' rate (with `minForRate` sends on each side to judge by).
 * - After the rest (`retryAt`) ONE message tries it (`trial`): a success puts it back in rotation, a
 *   failure (or no result within `trialWaitMs`) rests it again.
 * - A port the box reports unavailable (status 0) is out until the box reports it available again.
 *   A port never seen available (an empty slot) is recorded as unavailable without a word.
 * - A changed IMSI (the SIM was swapped) is told, and a resting port is tried again at once.
 * Results of sends made before a port was taken out change nothing but its recent record.
 */

export interface RotationRules {
  streak: number;
  window: number;
  minForRate: number;
  rateGap: number;
  trialWaitMs: number;
}

export const DEFAULT_ROTATION_RULES: RotationRules = { streak: 5, window: 20, minForRate: 10, rateGap: 0.4, trialWaitMs: 10 * 60_000 };

export interface PortRecord {
  port: number;
  name: string | null;
  rotation: PortRotation;
  reason: PortOutReason | null;
  facts: PortOutFacts;
  outSince: number | null;
  retryAt: number | null;
  trialMessageId: number | null;
  imsi: string | null;
  previousImsi: string | null;
  imsiChangedAt: number | null;
}

export type PortChange =
  | { kind: 'out'; port: number; reason: PortOutReason; facts: PortOutFacts; retryAt: number | null }
  | { kind: 'trial'; port: number; messageId: number }
  | { kind: 'rest-again'; port: number; reason: 'trial-failed' | 'no-trial-result'; retryAt: number; messageId: number }
  | { kind: 'back'; port: number; reason: 'trial-sent' | 'available'; messageId: number | null }
  | { kind: 'sim-changed'; port: number; imsi: string; previousImsi: string; triedNow: boolean }
  /** Only the stored record changed (first IMSI, a name, an empty slot): saved, not told. */
  | { kind: 'quiet'; port: number };

export type Gate = 'open' | 'trial' | 'closed';

interface Live {
  record: PortRecord;
  /** Outcomes of the most recent sends, oldest first (true: reached the network). */
  recent: boolean[];
  streak: number;
  trialDeadline: number | null;
}

const IMSI = /^\d{6,15}$/;

export function blankRecord(port: number): PortRecord {
  return { port, name: null, rotation: 'in', reason: null, facts: {}, outSince: null, retryAt: null, trialMessageId: null, imsi: null, previousImsi: null, imsiChangedAt: null };
}

export class PortRotationBook {
  private readonly ports = new Map<number, Live>();
  private readonly rules: RotationRules;

  /** `stored`: the records saved before (a trial in flight then waits `trialWaitMs` from `now`). */
  constructor(stored: readonly PortRecord[], now: number, rules: RotationRules = DEFAULT_ROTATION_RULES) {
    this.rules = rules;
    for (const r of stored) this.ports.set(r.port, { record: { ...r }, recent: [], streak: 0, trialDeadline: r.rotation === 'trial' ? now + rules.trialWaitMs : null });
  }

  get(port: number): PortRecord | undefined {
    const live = this.ports.get(port);
    return live && { ...live.record };
  }

  all(): PortRecord[] {
    return [...this.ports.values()].map((l) => ({ ...l.record }));
  }

  private live(port: number): Live {
    let l = this.ports.get(port);
    if (!l) this.ports.set(port, (l = { record: blankRecord(port), recent: [], streak: 0, trialDeadline: null }));
    return l;
  }

  /** May a message go out on the port now: freely, as its one trial, or not at all. */
  gate(port: number, now: number): Gate {
    const r = this.ports.get(port)?.record;
    if (!r || r.rotation === 'in') return 'open';
    return r.rotation === 'resting' && r.retryAt !== null && r.retryAt <= now ? 'trial' : 'closed';
  }

  /** The earliest time after `now` a resting port may be tried, or null. */
  nextRetry(now: number): number | null {
    let best: number | null = null;
    for (const { record: r } of this.ports.values()) {
      if (r.rotation === 'resting' && r.retryAt !== null && r.retryAt > now && (best === null || r.retryAt < best)) best = r.retryAt;
    }
    return best;
  }

  /** The earliest deadline of a trial waiting for its result, or null. */
  nextTrialDeadline(): number | null {
    let best: number | null = null;
    for (const l of this.ports.values()) if (l.trialDeadline !== null && (best === null || l.trialDeadline < best)) best = l.trialDeadline;
    return best;
  }

  /** The box's port list: unavailable ports go out, ports back at status 1 come back. */
  portsSeen(list: readonly { port: number; name: string; available: boolean }[], now: number): PortChange[] {
    const changes: PortChange[] = [];
    for (const p of list) {
      const known = this.ports.has(p.port);
      const l = this.live(p.port);
      const r = l.record;
      const renamed = r.name !== p.name;
      r.name = p.name;
      if (!p.available && r.rotation !== 'unavailable') {
        Object.assign(r, { rotation: 'unavailable', reason: 'unavailable', facts: {}, outSince: now, retryAt: null, trialMessageId: null });
        l.trialDeadline = null;
        // An empty slot seen for the first time was never in rotation: nothing to tell.
        changes.push(known ? { kind: 'out', port: p.port, reason: 'unavailable', facts: {}, retryAt: null } : { kind: 'quiet', port: p.port });
      } else if (p.available && r.rotation === 'unavailable') {
        this.putBack(l);
        changes.push({ kind: 'back', port: p.port, reason: 'available', messageId: null });
      } else if (renamed || !known) changes.push({ kind: 'quiet', port: p.port });
    }
    return changes;
  }

  /** A send on the port ended: `ok` it reached the network, else the box could not send it. */
  outcome(port: number, ok: boolean, messageId: number, now: number, restMs: number): PortChange | null {
    const l = this.live(port);
    const r = l.record;
    l.recent.push(ok);
    if (l.recent.length > this.rules.window) l.recent.shift();
    l.streak = ok ? 0 : l.streak + 1;
    if (r.rotation === 'trial' && r.trialMessageId === messageId) {
      if (ok) {
        this.putBack(l);
        l.recent = [true];
        return { kind: 'back', port, reason: 'trial-sent', messageId };
      }
      return this.restAgain(l, 'trial-failed', now, restMs);
    }
    if (r.rotation !== 'in' || ok) return null;
    const others = this.othersInRotation(port);
    // The last port in rotation stays: with no other to compare, the SIM is not shown to be the problem.
    if (others.ports === 0) return null;
    const othersRate = others.n === 0 ? 0 : others.failed / others.n;
    if (l.streak >= this.rules.streak && othersRate < 0.5) {
      return this.takeOut(l, 'failing', { failures: l.streak }, now, restMs);
    }
    const failed = l.recent.filter((x) => !x).length;
    const rate = failed / l.recent.length;
    if (l.recent.length >= this.rules.minForRate && others.n >= this.rules.minForRate && rate >= 0.5 && rate - othersRate >= this.rules.rateGap) {
      const facts = { failures: failed, of: l.recent.length, percent: Math.round(rate * 100), othersPercent: Math.round(othersRate * 100) };
      return this.takeOut(l, 'failure-rate', facts, now, restMs);
    }
    return null;
  }

  /** The trial message was claimed for the port. */
  trialStarted(port: number, messageId: number, now: number): PortChange {
    const l = this.live(port);
    Object.assign(l.record, { rotation: 'trial', trialMessageId: messageId });
    l.trialDeadline = now + this.rules.trialWaitMs;
    return { kind: 'trial', port, messageId };
  }

  /** The trial never reached the SIM (the port was busy): it is due again at once. */
  trialAborted(port: number): void {
    const l = this.ports.get(port);
    if (l?.record.rotation !== 'trial') return;
    Object.assign(l.record, { rotation: 'resting', trialMessageId: null });
    l.trialDeadline = null;
  }

  /** The box refused the trial send itself: the port rests again. */
  trialRefused(port: number, now: number, restMs: number): PortChange | null {
    const l = this.ports.get(port);
    return l?.record.rotation === 'trial' ? this.restAgain(l, 'trial-failed', now, restMs) : null;
  }

  /** Trials whose result did not come within `trialWaitMs`: those ports rest again. */
  expireTrials(now: number, restMs: (port: number) => number): PortChange[] {
    const out: PortChange[] = [];
    for (const l of this.ports.values()) {
      if (l.trialDeadline !== null && l.trialDeadline <= now && l.record.rotation === 'trial') out.push(this.restAgain(l, 'no-trial-result', now, restMs(l.record.port)));
    }
    return out;
  }

  /** An IMSI the box pushed for the port: the first is recorded, a different one is a new SIM. */
  imsiSeen(port: number, imsi: string, now: number): PortChange | null {
    if (!IMSI.test(imsi)) return null;
    const l = this.live(port);
    const r = l.record;
    if (r.imsi === imsi) return null;
    if (r.imsi === null) {
      r.imsi = imsi;
      return { kind: 'quiet', port };
    }
    const previousImsi = r.imsi;
    Object.assign(r, { imsi, previousImsi, imsiChangedAt: now });
    // The old SIM's record says nothing about the new one; a resting port is tried again now.
    l.recent = [];
    l.streak = 0;
    const triedNow = r.rotation === 'resting';
    if (triedNow) r.retryAt = now;
    return { kind: 'sim-changed', port, imsi, previousImsi, triedNow };
  }

  private othersInRotation(port: number): { ports: number; n: number; failed: number } {
    let ports = 0;
    let n = 0;
    let failed = 0;
    for (const [p, l] of this.ports) {
      if (p === port || l.record.rotation !== 'in') continue;
      ports += 1;
      n += l.recent.length;
      failed += l.recent.filter((x) => !x).length;
    }
    return { ports, n, failed };
  }

  private takeOut(l: Live, reason: PortOutReason, facts: PortOutFacts, now: number, restMs: number): PortChange {
    Object.assign(l.record, { rotation: 'resting', reason, facts, outSince: now, retryAt: now + restMs, trialMessageId: null });
    return { kind: 'out', port: l.record.port, reason, facts, retryAt: now + restMs };
  }

  private restAgain(l: Live, reason: 'trial-failed' | 'no-trial-result', now: number, restMs: number): PortChange {
    const messageId = l.record.trialMessageId ?? 0;
    Object.assign(l.record, { rotation: 'resting', reason, facts: {}, retryAt: now + restMs, trialMessageId: null });
    l.trialDeadline = null;
    return { kind: 'rest-again', port: l.record.port, reason, retryAt: now + restMs, messageId };
  }

  private putBack(l: Live): void {
    Object.assign(l.record, { rotation: 'in', reason: null, facts: {}, outSince: null, retryAt: null, trialMessageId: null });
    l.trialDeadline = null;
    l.streak = 0;
  }
}
