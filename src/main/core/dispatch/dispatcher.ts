import type Database from 'better-sqlite3';
import type { AccountConfig, ProviderKind } from '../../../shared/accounts.ts';
import type { CampaignProgressEvent } from '../../../shared/campaigns.ts';
import { AppError, type AppErrorShape } from '../../../shared/errors.ts';
import { secretGetter } from '../accounts/account-secrets.ts';
import { AccountsRepository } from '../accounts/accounts-repository.ts';
import { CampaignsRepository, type CampaignRow } from '../campaigns/campaigns-repository.ts';
import type { Clock, FetchLike, SecretStore } from '../ports.ts';
import { createProviderClient, type ProviderClient } from '../providers/registry.ts';
import { createCounter } from '../store/counters.ts';
import { createBatchWorker } from './batch-worker.ts';
import { createBoxWorker } from './box-worker.ts';
import type { AccountWorker, DispatchEnv, PortRotationGate } from './dispatch-env.ts';
import { Ledger } from './ledger.ts';
import { reconcileBoxUnknown } from './reconcile-box.ts';
import { createProbablyLost } from './probably-lost.ts';
import type { GsmboxClient } from '../providers/gsmbox/client.ts';
import { ProgressCoalescer } from './progress.ts';
import { nextAllowedTime } from './quiet-hours.ts';

/**
 * The dispatcher: one worker per account with running campaigns, fed from the ledger. It starts by
 * turning requests a crash interrupted into `unknown`, then sends what is queued. Campaign state
 * changes and coalesced progress events are emitted from here. A campaign with nothing left to send is
 * `handed` (over); it is `done` (finished) once every message is final — delivered, failed, expired or
 * cancelled — or its provider's report window has passed since then (`finishIfFinal`, called when
 * reports change it and every `finishCheckEveryMs`).
 */

export interface DispatcherDeps {
  db: Database.Database;
  clock: Clock;
  fetch: FetchLike;
  secrets: SecretStore;
  onProgress(event: CampaignProgressEvent): void;
  onCampaignChanged(id: string): void;
  onError(err: unknown, where: string): void;
  /** How long a campaign waits for its reports after it was handed over (its provider's report window). */
  reportWindowMs(provider: ProviderKind): number;
  /** GSM box ports taken out of rotation and tried again (issue 19). */
  ports?: PortRotationGate;
  /** Tuning for tests and benchmarks. */
  tuning?: DispatchTuning;
}

export interface DispatchTuning {
  eimsBatchSize?: number;
  jsmsBatchSize?: number;
  concurrency?: number;
  /** GSM box: ms between two SMS on a port instead of the account's secondsPerSms. */
  boxPaceMs?: number;
  /** GSM box: how often the port list is read again (default a minute). */
  boxPortRefreshMs?: number;
  progressEveryMs?: number;
  /** Provider call timeout. */
  timeoutMs?: number;
  /** First retry delay before jitter. */
  retryBaseMs?: number;
  /** GSM box: how old an `unknown` must be before the outbox is asked about it, and how often to look. */
  boxReconcileAfterMs?: number;
  boxReconcileEveryMs?: number;
  /** How often handed-over campaigns are looked at for the end of their report window (and lost requests for reports after them). */
  finishCheckEveryMs?: number;
  /** An unknown request with no report this long after it, while later ones got reports, is "probably never received". */
  probablyLostAfterMs?: number;
}

export function createDispatcher(deps: DispatcherDeps) {
  const { db, clock } = deps;
  const tuning = deps.tuning ?? {};
  const ledger = new Ledger(db, clock);
  const campaigns = new CampaignsRepository(db);
  const accounts = new AccountsRepository(db);
  const nextSeq = createCounter(db, 'eims-seq');
  const workers = new Map<string, AccountWorker>();
  /** Campaigns waiting for quiet hours to end: id → epoch ms. */
  const waiting = new Map<string, number>();
  let started = false;
  const reconcileAfterMs = tuning.boxReconcileAfterMs ?? 30_000;
  const reconcileEveryMs = tuning.boxReconcileEveryMs ?? 30_000;
  let reconcileTimer: unknown = null;
  let reconciling: Promise<void> | null = null;
  const unknownAccounts = db.prepare<[], { account_id: string }>(`SELECT DISTINCT account_id FROM messages WHERE state = 'unknown'`);

  const probablyLost = createProbablyLost(db);
  const progress = new ProgressCoalescer(clock, tuning.progressEveryMs ?? 250, (id) => progressOf(id), deps.onProgress);

  function progressOf(id: string): CampaignProgressEvent | undefined {
    const c = campaigns.get(id);
    if (!c) return undefined;
    return { id, state: c.state, counts: campaigns.counts(id), waitingUntil: waiting.get(id) ?? null, lastError: c.lastError };
  }

  const accountOf = (id: string): (AccountConfig & { id: string }) | undefined => {
    const row = accounts.get(id);
    return row ? { ...row.config, id: row.id } : undefined;
  };

  const env: DispatchEnv = {
    ledger,
    campaigns,
    clock,
    ...(tuning.retryBaseMs === undefined ? {} : { retryBaseMs: tuning.retryBaseMs }),
    ...(deps.ports ? { ports: deps.ports } : {}),
    account: accountOf,
    client(accountId): ProviderClient {
      const account = accountOf(accountId);
      if (!account) {
        throw new AppError('CAMPAIGN_ACCOUNT_GONE', 'The account of this campaign was deleted. Cancel the campaign, or add the account again and resume.', { kind: 'auth' });
      }
      const d = { fetch: deps.fetch, clock, nextSeq: () => nextSeq(accountId) };
      return createProviderClient(account, secretGetter(deps.secrets, account), tuning.timeoutMs ? { ...d, timeoutMs: tuning.timeoutMs } : d);
    },
    sendable(accountId) {
      const now = clock.now();
      return campaigns.running().filter((c) => {
        if (c.accountId !== accountId) return false;
        const until = nextAllowedTime(now, c.quietHours);
        if (until === null) {
          if (waiting.delete(c.id)) progress.mark(c.id);
          return true;
        }
        if (waiting.get(c.id) !== until) {
          waiting.set(c.id, until);
          progress.mark(c.id);
        }
        return false;
      });
    },
    nextWake(accountId) {
      let best: number | null = null;
      for (const c of campaigns.running()) {
        if (c.accountId !== accountId) continue;
        const t = waiting.get(c.id) ?? campaigns.nextDue(c.id);
        if (t !== null && (best === null || t < best)) best = t;
      }
      return best;
    },
    settled(campaignId) {
      finishIfDone(campaignId);
      progress.mark(campaignId);
      if (accountOf(campaigns.get(campaignId)?.accountId ?? '')?.kind === 'gsmbox') scheduleReconcile(reconcileAfterMs);
    },
    hold(campaignId, error, seenUpdatedAt) {
      const c = campaigns.get(campaignId);
      if (!c || c.state !== 'running') return;
      // A request claimed before the campaign was paused and resumed: its messages are back in the
      // queue; the next request shows whether the account still cannot send.
      if (seenUpdatedAt !== undefined && c.updatedAt !== seenUpdatedAt) return;
      campaigns.setError(campaignId, error, clock.now());
      campaigns.setState(campaignId, 'paused', clock.now());
      deps.onCampaignChanged(campaignId);
      progress.mark(campaignId);
      progress.flush();
    },
    note(campaignId, error: AppErrorShape | null) {
      const c = campaigns.get(campaignId);
      if (!c || JSON.stringify(c.lastError) === JSON.stringify(error)) return;
      campaigns.setError(campaignId, error, clock.now());
      progress.mark(campaignId);
    },
    report: deps.onError,
  };

  /** Running with nothing left to send → handed over (then finished at once if every message is final). */
  function finishIfDone(campaignId: string) {
    const c = campaigns.get(campaignId);
    if (!c || c.state !== 'running' || campaigns.pending(campaignId)) return;
    campaigns.setState(campaignId, 'handed', clock.now());
    waiting.delete(campaignId);
    if (!finishIfFinal(campaignId)) {
      deps.onCampaignChanged(campaignId);
      progress.mark(campaignId);
      progress.flush();
    }
  }

  /** Handed over, and every message final or the report window over → finished (done). Returns whether it finished. */
  function finishIfFinal(campaignId: string): boolean {
    const c = campaigns.get(campaignId);
    if (!c || c.state !== 'handed') return false;
    const now = clock.now();
    if (!campaigns.allFinal(campaignId) && now < (c.handedAt ?? now) + deps.reportWindowMs(c.provider)) return false;
    campaigns.setState(campaignId, 'done', now);
    deps.onCampaignChanged(campaignId);
    progress.mark(campaignId);
    progress.flush();
    return true;
  }

  let finishTimer: unknown = null;
  /** Looks at every handed-over campaign now and then: a report window may have closed. */
  function scheduleFinishCheck() {
    if (!started || finishTimer !== null) return;
    finishTimer = clock.setTimeout(() => {
      finishTimer = null;
      try {
        for (const c of campaigns.handed()) finishIfFinal(c.id);
        for (const id of probablyLost.mark(clock.now(), tuning.probablyLostAfterMs ?? 10 * 60_000)) {
          deps.onCampaignChanged(id);
          progress.mark(id);
        }
      } catch (err) {
        deps.onError(err, 'finish-check');
      }
      scheduleFinishCheck();
    }, tuning.finishCheckEveryMs ?? 60_000);
  }

  function scheduleReconcile(delayMs: number) {
    if (!started || reconcileTimer !== null) return;
    reconcileTimer = clock.setTimeout(() => {
      reconcileTimer = null;
      reconciling ??= reconcileAll().finally(() => {
        reconciling = null;
      });
    }, delayMs);
  }

  /** Asks each GSM box about its `unknown` messages; requeued ones make a finished campaign run again. */
  async function reconcileAll(): Promise<void> {
    let pending = false;
    for (const { account_id: accountId } of unknownAccounts.all()) {
      const account = accountOf(accountId);
      if (account?.kind !== 'gsmbox') continue;
      pending = true;
      try {
        const r = await reconcileBoxUnknown(db, ledger, env.client(accountId) as GsmboxClient, accountId, { now: clock.now(), olderThanMs: reconcileAfterMs });
        if (!started) return;
        for (const id of r.campaigns) {
          const c = campaigns.get(id);
          if (c?.state === 'cancelled') ledger.cancelQueued(id);
          else if ((c?.state === 'done' || c?.state === 'handed') && campaigns.pending(id)) {
            campaigns.setState(id, 'running', clock.now());
            deps.onCampaignChanged(id);
          }
          finishIfDone(id);
          progress.mark(id);
        }
        if (r.requeued > 0) kick(accountId);
      } catch (err) {
        if (!(err instanceof Error && 'outcome' in err)) deps.onError(err, 'reconcile');
      }
    }
    if (pending && started) scheduleReconcile(reconcileEveryMs);
  }

  function workerFor(c: CampaignRow): AccountWorker | undefined {
    let w = workers.get(c.accountId);
    if (w) return w;
    const account = accountOf(c.accountId);
    if (!account) {
      env.hold(c.id, { code: 'CAMPAIGN_ACCOUNT_GONE', message: 'The account of this campaign was deleted. Cancel the campaign, or add the account again and resume.' });
      return undefined;
    }
    if (account.kind === 'gsmbox') {
      const opts = {
        db,
        ...(tuning.boxPaceMs === undefined ? {} : { paceMs: tuning.boxPaceMs }),
        ...(tuning.boxPortRefreshMs === undefined ? {} : { portRefreshMs: tuning.boxPortRefreshMs }),
      };
      w = createBoxWorker(env, c.accountId, opts);
    } else {
      const batchSize = account.kind === 'eims' ? tuning.eimsBatchSize : tuning.jsmsBatchSize;
      w = createBatchWorker(env, c.accountId, {
        kind: account.kind,
        ...(tuning.concurrency ? { concurrency: tuning.concurrency } : {}),
        ...(batchSize ? { batchSize } : {}),
      });
    }
    workers.set(c.accountId, w);
    return w;
  }

  /** Looks for work on every account with running campaigns. */
  function kick(accountId?: string) {
    if (!started) return;
    for (const c of campaigns.running()) {
      if (accountId !== undefined && c.accountId !== accountId) continue;
      finishIfDone(c.id);
      workerFor(c)?.kick();
    }
  }

  return {
    ledger,
    campaigns,
    /** Recovers interrupted requests, then starts sending. */
    start(): { recoveredUnknown: number } {
      const recoveredUnknown = ledger.recoverAtStart();
      started = true;
      kick();
      scheduleReconcile(0);
      for (const c of campaigns.handed()) finishIfFinal(c.id);
      scheduleFinishCheck();
      return { recoveredUnknown };
    },
    kick,
    /** Reports changed the campaign's messages: it may be finished now. */
    reportsChanged(id: string) {
      finishIfFinal(id);
    },
    /** Sends the campaign's progress now (after a user action changed its state). */
    progressNow(id: string) {
      progress.mark(id);
      progress.flush();
    },
    waitingUntil: (id: string) => waiting.get(id) ?? null,
    /** Stops picking; waits up to graceMs for requests in flight to be recorded. */
    async stop(graceMs = 5_000) {
      started = false;
      if (reconcileTimer !== null) clock.clearTimeout(reconcileTimer);
      reconcileTimer = null;
      if (finishTimer !== null) clock.clearTimeout(finishTimer);
      finishTimer = null;
      await Promise.all([...workers.values()].map((w) => w.stop(graceMs)));
      if (reconciling) await Promise.race([reconciling, new Promise((r) => setTimeout(r, graceMs))]);
      workers.clear();
      progress.stop();
    },
    inFlight: () => [...workers.values()].reduce((n, w) => n + w.inFlight(), 0),
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
