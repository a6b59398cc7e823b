import type Database from 'better-sqlite3';
import type { EmitEvent } from '../../../shared/api.ts';
import type { GsmboxConfig } from '../../../shared/accounts.ts';
import type { PortEventKind } from '../../../shared/box-ports.ts';
import type { Notify } from '../notify/notifier.ts';
import type { Clock } from '../ports.ts';
import type { SendOutcome } from '../monitoring/report-ingest.ts';
import { createBoxPortsStore, type PortLine } from './box-ports-store.ts';
import { portNotice } from './port-notices.ts';
import { DEFAULT_ROTATION_RULES, PortRotationBook, type Gate, type PortChange, type PortRecord, type RotationRules } from './port-rotation.ts';

/**
 * Self-healing GSM box ports (issue 19): one rotation book per box (port-rotation.ts), fed by the box
 * worker (sends, refused sends, the port list, trials), the report ingest (what became of each send)
 * and the push receiver (the SIM's IMSI). Each change is saved (box_ports), written as a history line
 * on the campaigns it touches (campaign_events), told as a `port-down` notice when people should know,
 * and announced to the window (`boxPortsChanged`, `campaignHistoryChanged`). Everything here is per
 * port and in memory; the database is touched only when something changes.
 */

/** What became of one send on a port: `ok` it reached the network, else the box could not send it. */
export interface PortOutcome {
  accountId: string;
  port: number;
  messageId: number;
  campaignId: string;
  ok: boolean;
}

export interface PortWatchDeps {
  db: Database.Database;
  clock: Clock;
  /** The box account as stored now (undefined: deleted, or not a box). */
  account(accountId: string): (GsmboxConfig & { id: string }) | undefined;
  notify?: Notify | undefined;
  language(): 'en' | 'zh';
  emit: EmitEvent;
  /** A port may send again (back, or due for a trial): look for work on the account now. */
  wake(accountId: string): void;
  rules?: Partial<RotationRules>;
  /** Tests: the rest in ms instead of the account's portRestMinutes. */
  restMs?: number;
}

export function createPortWatch(deps: PortWatchDeps) {
  const { clock } = deps;
  const rules: RotationRules = { ...DEFAULT_ROTATION_RULES, ...deps.rules };
  const store = createBoxPortsStore(deps.db);
  const books = new Map<string, PortRotationBook>();
  let timer: unknown = null;
  let stopped = false;

  const restMs = (accountId: string) => deps.restMs ?? (deps.account(accountId)?.portRestMinutes ?? 30) * 60_000;

  function book(accountId: string): PortRotationBook {
    let b = books.get(accountId);
    if (!b) {
      books.set(accountId, (b = new PortRotationBook(store.load(accountId), clock.now(), rules)));
      scheduleTrialCheck();
    }
    return b;
  }

  /** Where a change is written: the account's sending campaigns, plus the ones it came from. */
  function campaignsFor(accountId: string, from: readonly (string | undefined)[]): string[] {
    return [...new Set([...store.running(accountId), ...from.filter((id): id is string => id !== undefined)])];
  }

  function lineOf(change: Exclude<PortChange, { kind: 'quiet' }>, portName: string | null, trialNumber?: string): PortLine {
    const base = { port: change.port, portName };
    switch (change.kind) {
      case 'out':
        return { ...base, reason: change.reason, facts: change.facts, ...(change.retryAt !== null ? { retryAt: change.retryAt } : {}) };
      case 'trial':
        return { ...base, ...(trialNumber !== undefined ? { number: trialNumber } : {}) };
      case 'rest-again':
        return { ...base, reason: change.reason, retryAt: change.retryAt };
      case 'back':
        return { ...base, reason: change.reason };
      case 'sim-changed':
        return { ...base, imsi: change.imsi, previousImsi: change.previousImsi };
    }
  }

  /** Saves, writes, tells and announces the changes of one box. `from`: campaigns the evidence came from. */
  function apply(accountId: string, changes: readonly (PortChange | null)[], from: readonly (string | undefined)[] = [], now = clock.now()): void {
    const account = deps.account(accountId);
    if (!account) return;
    const b = book(accountId);
    let told = false;
    for (const change of changes) {
      if (!change) continue;
      const record = b.get(change.port);
      if (record) store.save(accountId, record, now);
      told = true;
      if (change.kind === 'quiet') continue;
      const trial = change.kind === 'trial' || change.kind === 'rest-again' || change.kind === 'back' ? change.messageId : null;
      const message = trial ? store.messageOf(trial) : undefined;
      const campaigns = change.kind === 'trial' ? (message ? [message.campaignId] : []) : campaignsFor(accountId, [...from, message?.campaignId]);
      store.addLines(campaigns, now, change.kind satisfies PortEventKind, lineOf(change, record?.name ?? null, message?.address));
      for (const id of campaigns) deps.emit('campaignHistoryChanged', { id });
      const notice = portNotice(deps.language(), account.name, change, account.portRestMinutes);
      if (notice) deps.notify?.('port-down', notice.title, notice.body);
    }
    if (!told) return;
    deps.emit('boxPortsChanged', { accountId });
    scheduleTrialCheck();
    // A port back in rotation (or due for a trial now) may take work at once.
    if (changes.some((c) => c?.kind === 'back' || (c?.kind === 'sim-changed' && c.triedNow))) deps.wake(accountId);
  }

  /** Trials still waiting at their deadline rest again (no result came). */
  function scheduleTrialCheck(): void {
    if (stopped) return;
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    let at: number | null = null;
    for (const b of books.values()) {
      const d = b.nextTrialDeadline();
      if (d !== null && (at === null || d < at)) at = d;
    }
    if (at === null) return;
    timer = clock.setTimeout(() => {
      timer = null;
      const now = clock.now();
      for (const [accountId, b] of books) apply(accountId, b.expireTrials(now, () => restMs(accountId)), [], now);
      scheduleTrialCheck();
    }, Math.max(0, at - clock.now()));
  }

  function outcomes(list: readonly PortOutcome[]): void {
    const now = clock.now();
    for (const [accountId, mine] of Map.groupBy(list, (o) => o.accountId)) {
      if (!deps.account(accountId)) continue;
      const b = book(accountId);
      const rest = restMs(accountId);
      for (const o of mine) {
        const change = b.outcome(o.port, o.ok, o.messageId, now, rest);
        if (change) apply(accountId, [change], [o.campaignId], now);
      }
    }
  }

  return {
    /** May the box worker send on the port now: freely, as its one trial, or not at all. */
    gate: (accountId: string, port: number, now: number): Gate => book(accountId).gate(port, now),
    /** The earliest time after `now` a resting port of the box may be tried, or null. */
    nextRetry: (accountId: string, now: number): number | null => book(accountId).nextRetry(now),
    /** The box's port list as the worker read it. */
    portsSeen(accountId: string, list: readonly { port: number; name: string; available: boolean }[]): void {
      const now = clock.now();
      apply(accountId, book(accountId).portsSeen(list, now), [], now);
    },
    /** The worker claimed the trial message for a resting port. */
    trialStarted(accountId: string, port: number, messageId: number): void {
      apply(accountId, [book(accountId).trialStarted(port, messageId, clock.now())]);
    },
    /** The trial send found the port busy: it is due again at once. */
    trialAborted(accountId: string, port: number): void {
      book(accountId).trialAborted(port);
    },
    /** The box refused the trial send: the port rests again. */
    trialRefused(accountId: string, port: number): void {
      const now = clock.now();
      apply(accountId, [book(accountId).trialRefused(port, now, restMs(accountId))], [], now);
    },
    /** What became of sends: sync replies (box worker) and results and reports (fromReports). */
    outcomes,
    /** Outcomes the report ingest first told (every provider's): those of box messages, with their port. */
    fromReports(list: readonly SendOutcome[]): void {
      const boxes = new Map<string, boolean>();
      const mine: PortOutcome[] = [];
      for (const o of list) {
        let isBox = boxes.get(o.accountId);
        if (isBox === undefined) boxes.set(o.accountId, (isBox = deps.account(o.accountId) !== undefined));
        if (!isBox) continue;
        const port = store.portOf(o.messageId);
        if (port !== null) mine.push({ ...o, port });
      }
      if (mine.length > 0) outcomes(mine);
    },
    /** An IMSI the box pushed for a port. */
    imsiSeen(accountId: string, port: number, imsi: string): void {
      // Every push names the SIM: the same one as before costs a map look-up, not an account read.
      if (books.get(accountId)?.get(port)?.imsi === imsi || !deps.account(accountId)) return;
      apply(accountId, [book(accountId).imsiSeen(port, imsi, clock.now())]);
    },
    /** Every port of the box the console knows about, as saved. */
    records: (accountId: string): PortRecord[] => book(accountId).all(),
    /** The campaign's port history lines, oldest first. */
    lines: (campaignId: string) => store.lines(campaignId),
    stop(): void {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}

export type PortWatch = ReturnType<typeof createPortWatch>;
