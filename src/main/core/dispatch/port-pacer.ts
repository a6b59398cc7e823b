/**
 * GSM box ports: which may send now. A port sends one SMS at a time, then rests `paceMs` (operators
 * block SIMs that send too fast), and stops for the day at `dailyCap` SMS (0 = no cap). Counts are
 * per local calendar day and start from what the ledger says was sent today.
 */

export interface PortState {
  port: number;
  available: boolean;
  busy: boolean;
  nextFreeAt: number;
  sentToday: number;
}

export function localDayStart(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export class PortPacer {
  private ports = new Map<number, PortState>();
  private day = -1;
  private readonly sentOnDay: (dayStart: number) => Map<number, number>;

  /** `sentOnDay(dayStart)` reads from the ledger how many SMS each port took since dayStart. */
  constructor(sentOnDay: (dayStart: number) => Map<number, number>) {
    this.sentOnDay = sentOnDay;
  }

  /** Replaces the port list (from the box), keeping busy/pace state of known ports. */
  setPorts(list: readonly { port: number; available: boolean }[]): void {
    const next = new Map<number, PortState>();
    for (const p of list) {
      const old = this.ports.get(p.port);
      next.set(p.port, old ? { ...old, available: p.available } : { port: p.port, available: p.available, busy: false, nextFreeAt: 0, sentToday: 0 });
    }
    this.ports = next;
    this.day = -1;
  }

  known(): boolean {
    return this.ports.size > 0;
  }

  private rollDay(now: number): void {
    const day = localDayStart(now);
    if (day === this.day) return;
    this.day = day;
    const counts = this.sentOnDay(day);
    for (const p of this.ports.values()) p.sentToday = counts.get(p.port) ?? 0;
  }

  /** Ports that may take a message now, in order of longest rested; `allowed` limits the choice. */
  free(now: number, dailyCap: number, allowed?: readonly number[]): PortState[] {
    this.rollDay(now);
    return [...this.ports.values()]
      .filter((p) => p.available && !p.busy && p.nextFreeAt <= now && (dailyCap === 0 || p.sentToday < dailyCap) && (!allowed || allowed.includes(p.port)))
      .sort((a, b) => a.nextFreeAt - b.nextFreeAt || a.port - b.port);
  }

  /** The earliest time a port (among `allowed`) comes off its rest, or null when none will today. */
  nextFree(now: number, dailyCap: number, allowed?: readonly number[]): number | null {
    this.rollDay(now);
    let best: number | null = null;
    for (const p of this.ports.values()) {
      if (!p.available || p.busy || (dailyCap > 0 && p.sentToday >= dailyCap) || (allowed && !allowed.includes(p.port))) continue;
      if (best === null || p.nextFreeAt < best) best = p.nextFreeAt;
    }
    return best;
  }

  /** All usable ports are capped for today: the next local midnight. */
  nextDay(now: number): number {
    const d = new Date(localDayStart(now));
    d.setDate(d.getDate() + 1);
    return d.getTime();
  }

  take(port: number, now: number, paceMs: number): void {
    const p = this.ports.get(port);
    if (!p) return;
    p.busy = true;
    p.sentToday += 1;
    p.nextFreeAt = now + paceMs;
  }

  /**
   * The send finished. The port's rest counts from the request (`take`), so N ports really give
   * N / pace SMS a second; the pace a user sets is seconds, the round trip milliseconds. A reply slower
   * than the whole pace pushes the next send to `now + pace / 2` so it cannot land on a busy port.
   * `counted: false` when it surely did not reach the box (does not use the SIM's cap).
   */
  release(port: number, counted: boolean, now: number, paceMs: number): void {
    const p = this.ports.get(port);
    if (!p) return;
    p.busy = false;
    if (now >= p.nextFreeAt) p.nextFreeAt = now + paceMs / 2;
    if (!counted) p.sentToday = Math.max(0, p.sentToday - 1);
  }

  markUnavailable(port: number): void {
    const p = this.ports.get(port);
    if (p) p.available = false;
  }

  busyCount(): number {
    let n = 0;
    for (const p of this.ports.values()) if (p.busy) n += 1;
    return n;
  }
}
