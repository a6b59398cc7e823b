import type Database from 'better-sqlite3';
import { nextTurn } from '../store/slices.ts';
import type { AccountConfig } from '../../../shared/accounts.ts';
import type { Clock } from '../ports.ts';
import { EIMS_LIMITS, JSMS_LIMITS } from '../providers/capabilities.ts';
import type { EimsClient } from '../providers/eims/client.ts';
import type { GsmboxClient } from '../providers/gsmbox/client.ts';
import type { InboundInput } from './inbound-store.ts';
import { createJsmsPull, type JsmsPullClient } from './jsms-pull.ts';
import { createBoxReadBack } from './box-readback.ts';
import type { ReportInput } from './report-ingest.ts';

/**
 * Polling where pushes cannot arrive (NAT, lost pushes): EIMS inbound (stored first: each message is
 * returned once), EIMS reports for messages without a final state (≤200 ids per call, asked less often
 * as messages age), the GSM box outbox by time window for box messages still waiting for their result, and JSMS
 * reports + replies where the account pulls them (jsms-pull.ts). Feeds the same ingest as the receiver.
 */

export interface PollerDeps {
  db: Database.Database;
  clock: Clock;
  accounts(): (AccountConfig & { id: string })[];
  eims(accountId: string): EimsClient;
  box(accountId: string): GsmboxClient;
  jsms(accountId: string): JsmsPullClient;
  reports(inputs: ReportInput[]): void;
  inbound(items: InboundInput[]): void;
  onError(err: unknown, where: string): void;
  /** Base period (default 15 s). Older messages are asked 4×, 20×, 120× less often; after 3 days, never. */
  everyMs?: number;
  /** Most report queries per account per round (default 25 → 5,000 ids). */
  maxCallsPerRound?: number;
  /** Least time between two JSMS pull calls to one endpoint (default 5000: JSMS allows one per 5 s). */
  jsmsPullGapMs?: number;
}

const GIVE_UP_MS = 3 * 86_400_000;
/** Waiting messages read per page, and at most per account and round. */
const PAGE = 2_000;
const SCAN_PER_ROUND = 20_000;

interface Pending {
  id: number;
  provider_id: string;
  handed_at: number | null;
}

export function createReportPoller(deps: PollerDeps) {
  const { db, clock } = deps;
  const every = deps.everyMs ?? 15_000;
  const maxCalls = deps.maxCallsPerRound ?? 25;
  const lastAsked = new Map<number, number>();
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let started = false;
  const jsms = createJsmsPull({
    clock,
    client: deps.jsms,
    reports: deps.reports,
    inbound: deps.inbound,
    // A round waits for its slowest account: JSMS pulls at most about one round's worth of calls (3 at
    // the defaults, ≈ the 100 records/s its 5 s limit allows), the rest next round.
    maxCalls: Math.min(maxCalls, Math.max(1, Math.ceil(every / (deps.jsmsPullGapMs ?? JSMS_LIMITS.pullGapMs)))),
    ...(deps.jsmsPullGapMs !== undefined ? { gapMs: deps.jsmsPullGapMs } : {}),
  });

  // One state at a time so each read is a range of the (account_id, state, id) index, in id order.
  const pendingEims = db.prepare<[string, string, number, number], Pending>(
    `SELECT id, provider_id, handed_at FROM messages WHERE account_id = ? AND state = ? AND id > ? AND provider_id IS NOT NULL ORDER BY id LIMIT ?`,
  );
  const pendingBox = db.prepare<[string, string, number, number], Pending>(
    `SELECT id, provider_id, handed_at FROM messages WHERE account_id = ? AND state = ? AND id > ? AND port IS NOT NULL AND handed_at IS NOT NULL ORDER BY id LIMIT ?`,
  );
  /** Where each account's walk over its waiting messages goes on from next round. */
  const cursors = new Map<string, number>();

  /**
   * Waiting messages of the account that are due to be asked about, at most `want`: read a page at a
   * time (a turn of the event loop between pages) from where the last round stopped, wrapping around,
   * and at most SCAN_PER_ROUND rows a round — never the whole set at once (100k waiting messages would
   * hold main's event loop for tens of milliseconds every round).
   */
  async function duePending(stmt: typeof pendingEims, accountId: string, want: number, now: number, minAgeMs = 0): Promise<Pending[]> {
    const cursorKey = stmt === pendingBox ? `${accountId}|box` : accountId;
    const due: Pending[] = [];
    const taken = new Set<number>();
    let after = cursors.get(cursorKey) ?? 0;
    let wrapped = after === 0;
    for (let scanned = 0; due.length < want && scanned < SCAN_PER_ROUND; ) {
      const page = [...stmt.all(accountId, 'submitted', after, PAGE), ...stmt.all(accountId, 'sent', after, PAGE)].sort((a, b) => a.id - b.id).slice(0, PAGE);
      scanned += page.length;
      for (const m of page) {
        if (due.length < want && !taken.has(m.id) && isDue(m.id, m.handed_at, now, minAgeMs)) {
          taken.add(m.id);
          due.push(m);
        }
      }
      if (page.length < PAGE) {
        after = 0;
        if (wrapped) break;
        wrapped = true;
      } else after = page[page.length - 1]!.id;
      await nextTurn();
    }
    cursors.set(cursorKey, after);
    return due;
  }
  const readBack = createBoxReadBack(db);

  /** How long to wait between two questions about a message of this age. */
  function intervalFor(ageMs: number): number | null {
    if (ageMs > GIVE_UP_MS) return null;
    if (ageMs < 8 * every) return every;
    if (ageMs < 120 * every) return 4 * every;
    if (ageMs < 1440 * every) return 20 * every;
    return 120 * every;
  }

  function isDue(id: number, handedAt: number | null, now: number, minAgeMs = 0): boolean {
    const age = now - (handedAt ?? now);
    if (age < minAgeMs) return false;
    const wait = intervalFor(age);
    if (wait === null) return false;
    const last = lastAsked.get(id);
    return last === undefined || now - last >= wait;
  }

  async function eimsInbound(accountId: string): Promise<void> {
    const client = deps.eims(accountId);
    for (let i = 0; i < 20; i++) {
      const r = await client.fetchInbound();
      deps.inbound(
        r.messages.map((m) => ({ accountId, dedupeKey: m.providerId, from: m.from, text: m.text, port: null, receivedAt: m.receivedAt ?? clock.now(), source: 'poll' as const })),
      );
      if (r.messages.length + r.unreadable.length < EIMS_LIMITS.inboundPerCall) break;
    }
  }

  async function eimsReports(accountId: string): Promise<void> {
    const list = await duePending(pendingEims, accountId, maxCalls * EIMS_LIMITS.idsPerReport, clock.now());
    const client = deps.eims(accountId);
    for (let i = 0, calls = 0; i < list.length && calls < maxCalls; i += EIMS_LIMITS.idsPerReport, calls++) {
      const chunk = list.slice(i, i + EIMS_LIMITS.idsPerReport);
      const r = await client.queryReports(chunk.map((m) => m.provider_id));
      const asked = clock.now();
      for (const m of chunk) lastAsked.set(m.id, asked);
      deps.reports(
        r.reports
          .filter((x) => x.state !== 'unknown')
          .map((x) => ({
            match: { by: 'provider-id' as const, accountId, providerId: x.providerId },
            state: x.state as ReportInput['state'],
            source: 'poll' as const,
            ...(x.at !== undefined ? { at: x.at } : {}),
            code: x.code,
            message: x.message,
            providerCode: x.providerStatus,
            detail: `EIMS report ${x.providerStatus}`,
          })),
      );
    }
  }

  /** Box results by time window (box-readback.ts): the waiting messages at least one period old. */
  async function boxOutbox(accountId: string): Promise<void> {
    const now = clock.now();
    const due = (await duePending(pendingBox, accountId, SCAN_PER_ROUND, now, every)) as { id: number; handed_at: number }[];
    const r = await readBack.read(accountId, due, deps.box(accountId), now, maxCalls);
    const asked = clock.now();
    for (const id of r.asked) lastAsked.set(id, asked);
    deps.reports(r.inputs);
  }

  async function pollAccount(a: AccountConfig & { id: string }): Promise<void> {
    try {
      if (a.kind === 'eims') {
        await eimsInbound(a.id);
        await eimsReports(a.id);
      } else if (a.kind === 'gsmbox') {
        await boxOutbox(a.id);
      } else if (a.kind === 'jsms' && a.pullReports) {
        await jsms.pull(a.id);
      }
    } catch (err) {
      // Provider errors (offline, auth) are expected here: the next round tries again.
      if (!(err instanceof Error && 'outcome' in err)) deps.onError(err, `poll:${a.kind}`);
    }
  }

  /**
   * Accounts are polled side by side: a JSMS pull waits ≥5 s between calls and a slow or offline
   * provider can take its whole timeout, and neither may hold up the others' reports.
   */
  async function round(): Promise<void> {
    await Promise.all(deps.accounts().map((a) => pollAccount(a)));
    if (lastAsked.size > 200_000) lastAsked.clear();
  }

  function schedule(ms: number) {
    if (!started || timer !== null) return;
    timer = clock.setTimeout(() => {
      timer = null;
      void pollNow().finally(() => schedule(every));
    }, ms);
  }

  /** One round now (or joins the one running). */
  function pollNow(): Promise<void> {
    running ??= round().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    start() {
      started = true;
      jsms.resume();
      schedule(Math.min(every, 2_000));
    },
    async stop() {
      started = false;
      jsms.halt();
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      if (running) await running.catch(() => undefined);
    },
    pollNow,
    /** Forget when messages were last asked about (tests: ask everything again). */
    reset: () => {
      lastAsked.clear();
      cursors.clear();
    },
  };
}

export type ReportPoller = ReturnType<typeof createReportPoller>;
