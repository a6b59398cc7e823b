import type { Clock } from '../ports.ts';

/** Coalesces "messages changed" into at most one notification per `everyMs`. */
export function createChangeNotifier(clock: Clock, everyMs: number, flush: (count: number, campaignIds: string[]) => void) {
  let count = 0;
  const campaigns = new Set<string>();
  let timer: unknown = null;
  let stopped = false;
  const fire = () => {
    timer = null;
    if (count === 0 && campaigns.size === 0) return;
    const ids = [...campaigns];
    const n = count;
    count = 0;
    campaigns.clear();
    flush(n, ids);
  };
  return {
    mark(n: number, campaignIds: Iterable<string>) {
      // After stop (the core is closing its database), late marks from the dispatcher's last flush are dropped.
      if (stopped) return;
      count += n;
      for (const id of campaignIds) campaigns.add(id);
      timer ??= clock.setTimeout(fire, everyMs);
    },
    flushNow() {
      if (timer !== null) clock.clearTimeout(timer);
      fire();
    },
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
