import type { CampaignProgressEvent } from '../../../shared/campaigns.ts';
import type { Clock } from '../ports.ts';

/**
 * Coalesces progress: many settles per second become at most one event per campaign per `everyMs`.
 * The event always carries the counts as they are when it is sent.
 */
export class ProgressCoalescer {
  private readonly dirty = new Set<string>();
  private timer: unknown = null;
  private readonly clock: Clock;
  private readonly everyMs: number;
  private readonly build: (id: string) => CampaignProgressEvent | undefined;
  private readonly send: (event: CampaignProgressEvent) => void;

  constructor(clock: Clock, everyMs: number, build: (id: string) => CampaignProgressEvent | undefined, send: (event: CampaignProgressEvent) => void) {
    this.clock = clock;
    this.everyMs = everyMs;
    this.build = build;
    this.send = send;
  }

  mark(id: string): void {
    this.dirty.add(id);
    if (this.timer === null) this.timer = this.clock.setTimeout(() => this.flush(), this.everyMs);
  }

  flush(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    const ids = [...this.dirty];
    this.dirty.clear();
    for (const id of ids) {
      const e = this.build(id);
      if (e) this.send(e);
    }
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.dirty.clear();
  }
}
