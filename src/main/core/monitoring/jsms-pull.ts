import type { Clock } from '../ports.ts';
import { JSMS_LIMITS } from '../providers/capabilities.ts';
import type { JsmsClient } from '../providers/jsms/client.ts';
import type { InboundInput } from './inbound-store.ts';
import { jsmsReplyInputs, jsmsReportInputs } from './jsms-records.ts';
import type { ReportInput } from './report-ingest.ts';

/**
 * JSMS delivery reports and replies by pull (GET /v1/report, /v1/reply), for accounts whose
 * `pullReports` is on — a desktop behind NAT cannot take JSMS's pushes. JSMS returns each record ONCE,
 * ≤500 a call, and allows ≤1 call per 5 s: every batch is handed to the ingest / inbox as soon as it
 * arrives, an endpoint is called again only while the last call came back full, never sooner than
 * `gapMs` after its previous call (also across rounds), and at most `maxCalls` times per round.
 * Waits go through the clock and end early when the poller stops.
 */

export type JsmsPullClient = Pick<JsmsClient, 'pullReports' | 'pullReplies'>;

export interface JsmsPullDeps {
  clock: Clock;
  client(accountId: string): JsmsPullClient;
  reports(inputs: ReportInput[]): void;
  inbound(items: InboundInput[]): void;
  /** Least time between two calls to one endpoint of one account (default 5000). */
  gapMs?: number;
  /** Most calls per endpoint per account per round. */
  maxCalls: number;
}

interface Sleeper {
  handle: unknown;
  resolve(awake: boolean): void;
}

export function createJsmsPull(deps: JsmsPullDeps) {
  const { clock } = deps;
  const gapMs = deps.gapMs ?? JSMS_LIMITS.pullGapMs;
  /** When each `${accountId}|${endpoint}` call last ended (the provider's clock starts no earlier). */
  const lastCall = new Map<string, number>();
  const sleepers = new Set<Sleeper>();
  /**
   * Records pulled but not stored because the store threw (a busy or full disk): JSMS will not return
   * them again, so they are fed first on the next pull. At most one call's worth per endpoint: pulling
   * stops while they wait.
   */
  const unfed = new Map<string, unknown[]>();
  let halted = false;

  /** Resolves true after `ms`, or false at once when halted. */
  function sleep(ms: number): Promise<boolean> {
    if (halted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const s: Sleeper = { handle: null, resolve };
      s.handle = clock.setTimeout(() => {
        sleepers.delete(s);
        resolve(!halted);
      }, ms);
      sleepers.add(s);
    });
  }

  /** Pulls one endpoint until a call comes back short; false when halted while waiting. */
  async function drain(key: string, fetch: () => Promise<unknown[]>, feed: (items: unknown[]) => void): Promise<boolean> {
    const left = unfed.get(key);
    if (left) {
      feed(left);
      unfed.delete(key);
    }
    for (let calls = 0; calls < deps.maxCalls; calls++) {
      const last = lastCall.get(key);
      const wait = last === undefined ? 0 : last + gapMs - clock.now();
      if (wait > 0 && !(await sleep(wait))) return false;
      if (halted) return false;
      let items: unknown[];
      try {
        items = await fetch();
      } finally {
        lastCall.set(key, clock.now());
      }
      try {
        feed(items);
      } catch (err) {
        unfed.set(key, items);
        throw err;
      }
      if (items.length < JSMS_LIMITS.recordsPerPull) break;
    }
    return true;
  }

  return {
    /** Reports, then replies, of one account. Provider errors propagate (the poller's next round tries again). */
    async pull(accountId: string): Promise<void> {
      const client = deps.client(accountId);
      const more = await drain(`${accountId}|report`, () => client.pullReports(), (items) => deps.reports(jsmsReportInputs(items, accountId, 'poll')));
      if (!more) return;
      await drain(`${accountId}|reply`, () => client.pullReplies(), (items) => deps.inbound(jsmsReplyInputs(items, accountId, 'poll', clock.now())));
    },
    /** Ends every wait now and refuses new ones (the poller is stopping). */
    halt(): void {
      halted = true;
      for (const s of sleepers) {
        clock.clearTimeout(s.handle);
        s.resolve(false);
      }
      sleepers.clear();
    },
    resume(): void {
      halted = false;
    },
  };
}
