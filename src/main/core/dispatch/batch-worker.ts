import type { CampaignRow } from '../campaigns/campaigns-repository.ts';
import type { EimsClient } from '../providers/eims/client.ts';
import type { JsmsClient } from '../providers/jsms/client.ts';
import { BATCH_AFTER_FAULT, BATCH_SIZE, sendEimsBatch, sendJsmsBatch, type BatchOutcome } from './batch-senders.ts';
import { IDLE_RECHECK_MS, type AccountWorker, type DispatchEnv } from './dispatch-env.ts';
import type { LedgerMessage } from './ledger.ts';
import { claimInSteps, settleAnsweredInSteps } from './ledger-steps.ts';
import { holdsAccount } from './error-class.ts';
import { settleFailedRequest } from './settle-failure.ts';

/**
 * Sends for a batch provider (EIMS, JSMS): up to `concurrency` requests in flight for the account,
 * each carrying up to `batchSize` messages of one campaign. Campaigns take turns batch by batch.
 * Every batch is claimed in the ledger (queued → submitting) before its request goes out, in short
 * steps (ledger-steps.ts); one claim runs at a time, so two requests never pick the same messages.
 */

export interface BatchWorkerOptions {
  kind: 'eims' | 'jsms';
  concurrency?: number;
  batchSize?: number;
}

export function createBatchWorker(env: DispatchEnv, accountId: string, options: BatchWorkerOptions): AccountWorker {
  const concurrency = options.concurrency ?? 2;
  const batchSize = options.batchSize ?? BATCH_SIZE[options.kind];
  /**
   * This account's batch size now: after a transient failure (a request that may or may not have
   * arrived, or surely did not) it drops to BATCH_AFTER_FAULT, so the next fault puts fewer numbers in
   * doubt; each answered request doubles it back up to `batchSize`.
   */
  let size = batchSize;
  const running = new Set<Promise<void>>();
  let stopped = false;
  /** Set once stop's grace is over: the database may close, so late replies are not written. */
  let closed = false;
  let timer: unknown = null;
  let turn = 0;
  /** A kick is claiming; `again`: another kick came meanwhile and the queue must be looked at once more. */
  let kicking: Promise<void> | null = null;
  let again = false;

  const send = (campaign: CampaignRow, messages: readonly LedgerMessage[]): Promise<BatchOutcome> => {
    const client = env.client(accountId);
    return options.kind === 'eims' ? sendEimsBatch(client as EimsClient, campaign, messages) : sendJsmsBatch(client as JsmsClient, campaign, messages);
  };

  async function run(campaign: CampaignRow, submissionId: number, claimed: LedgerMessage[]) {
    let outcome: BatchOutcome;
    try {
      outcome = await send(campaign, claimed);
    } catch (err) {
      if (closed) return;
      const cls = settleFailedRequest(env, campaign, submissionId, claimed, err);
      if (cls === 'unknown' || cls === 'retry') size = Math.min(batchSize, BATCH_AFTER_FAULT);
      env.settled(campaign.id);
      return;
    }
    size = Math.min(batchSize, size * 2);
    // After stop the database may be closed: the claim stays `submitting` and becomes `unknown` at the next start.
    if (closed) return;
    // A per-recipient refusal about the account (JSMS 50014 no money in a batch reply) holds the
    // campaign as a whole-request one (EIMS -10) does: those recipients go back to the queue untried.
    const held = outcome.rejected.find((r) => holdsAccount(r.error.code));
    const now = env.clock.now();
    await settleAnsweredInSteps(
      env.ledger,
      submissionId,
      outcome.accepted,
      outcome.rejected.map((r) => (holdsAccount(r.error.code) ? { ...r, retryAt: now, countAttempt: false } : { ...r, retryAt: null })),
      () => closed,
    );
    if (closed) return;
    if (held) env.hold(campaign.id, { code: held.error.code, message: held.error.message, kind: 'limit', ...(held.error.providerCode !== undefined ? { providerCode: held.error.providerCode } : {}) }, campaign.updatedAt);
    env.settled(campaign.id);
  }

  /** Claims the next batch (round-robin over sendable campaigns), or null when nothing is due. */
  async function claimNext(): Promise<{ campaign: CampaignRow; submissionId: number; claimed: LedgerMessage[] } | null> {
    const campaigns = env.sendable(accountId);
    for (let i = 0; i < campaigns.length; i++) {
      const campaign = campaigns[(turn + i) % campaigns.length]!;
      const picked = env.ledger.pick(campaign.id, size);
      if (picked.length === 0) continue;
      turn = (turn + i + 1) % campaigns.length;
      const { submissionId, claimed } = await claimInSteps(env.ledger, accountId, picked);
      if (claimed.length === 0) continue;
      return { campaign, submissionId, claimed };
    }
    return null;
  }

  function schedule() {
    if (stopped || timer !== null || running.size > 0) return;
    const wake = env.nextWake(accountId);
    const delay = wake === null ? IDLE_RECHECK_MS : Math.max(0, Math.min(IDLE_RECHECK_MS, wake - env.clock.now()));
    timer = env.clock.setTimeout(() => {
      timer = null;
      kick();
    }, delay);
  }

  function kick() {
    if (stopped) return;
    if (timer !== null) {
      env.clock.clearTimeout(timer);
      timer = null;
    }
    if (kicking) {
      again = true;
      return;
    }
    kicking = fill().finally(() => {
      kicking = null;
      schedule();
    });
  }

  /** Starts requests until `concurrency` are in flight or nothing is due. */
  async function fill(): Promise<void> {
    try {
      do {
        again = false;
        while (!stopped && running.size < concurrency) {
          const next = await claimNext();
          if (!next) break;
          if (stopped) {
            // Stopped while claiming: nothing went out, so the messages go back to the queue.
            env.ledger.settleNotSent(next.submissionId, { code: 'APP_STOPPING', message: 'The app stopped before this request was sent.' }, env.clock.now(), { countAttempt: false });
            break;
          }
          const p: Promise<void> = run(next.campaign, next.submissionId, next.claimed)
            .catch((err: unknown) => env.report(err, 'settle'))
            .finally(() => {
              running.delete(p);
              kick();
            });
          running.add(p);
        }
      } while (again && !stopped);
    } catch (err) {
      env.report(err, 'dispatch');
    }
  }

  return {
    kick,
    inFlight: () => running.size,
    async stop(graceMs) {
      stopped = true;
      if (timer !== null) env.clock.clearTimeout(timer);
      timer = null;
      const busy = kicking ? [...running, kicking] : [...running];
      if (busy.length > 0) await Promise.race([Promise.allSettled(busy), new Promise((r) => setTimeout(r, graceMs))]);
      closed = true;
    },
  };
}
