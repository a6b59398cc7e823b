import type { Database } from 'better-sqlite3';
import type { GsmboxConfig } from '../../../shared/accounts.ts';
import type { CampaignRow } from '../campaigns/campaigns-repository.ts';
import { AppError } from '../../../shared/errors.ts';
import type { GsmboxClient } from '../providers/gsmbox/client.ts';
import { IDLE_RECHECK_MS, type AccountWorker, type DispatchEnv } from './dispatch-env.ts';
import { failureOf } from './error-class.ts';
import type { LedgerMessage } from './ledger.ts';
import { createSimSends } from './sim-sends.ts';
import { PortPacer } from './port-pacer.ts';
import { settleFailedRequest } from './settle-failure.ts';

/**
 * Sends through a GSM box: one number per call, spread over the ports whose status is available,
 * never two sends on one port at once, each port resting `secondsPerSms` after a send and stopping
 * at `dailyCapPerSim` a day. Each message is claimed in the ledger (with its port) before its call.
 * A port the rotation (env.ports) took out gets nothing until it is due for its one trial message.
 */

export interface BoxWorkerOptions {
  db: Database;
  /** How often the port list is read again from the box. */
  portRefreshMs?: number;
  /** Pace override in ms (benchmarks); default the account's secondsPerSms. */
  paceMs?: number;
}

const PORT_RETRY_MS = 3_000;

export interface BoxWorkerStats {
  busyErrors: number;
  sends: number;
}

export function createBoxWorker(env: DispatchEnv, accountId: string, options: BoxWorkerOptions): AccountWorker & { stats: BoxWorkerStats } {
  const refreshMs = options.portRefreshMs ?? 60_000;
  const simSends = createSimSends(options.db);
  const pacer = new PortPacer((dayStart) => simSends(accountId, dayStart));
  const running = new Set<Promise<void>>();
  const stats: BoxWorkerStats = { busyErrors: 0, sends: 0 };
  let portsAt = -Infinity;
  let loading = false;
  let stopped = false;
  let closed = false;
  let timer: unknown = null;

  const config = (): GsmboxConfig | undefined => {
    const a = env.account(accountId);
    return a?.kind === 'gsmbox' ? a : undefined;
  };
  const paceOf = (c: GsmboxConfig) => options.paceMs ?? c.secondsPerSms * 1000;

  function loadPorts() {
    if (loading) return;
    loading = true;
    (env.client(accountId) as GsmboxClient)
      .getPorts()
      .then((ports) => {
        pacer.setPorts(ports);
        portsAt = env.clock.now();
        env.ports?.portsSeen(accountId, ports);
      })
      .catch((err: unknown) => {
        // Unreachable: look again in a few seconds, not after the full refresh period.
        portsAt = env.clock.now() - refreshMs + PORT_RETRY_MS;
        const shape = err instanceof AppError ? err.toShape() : { code: 'GSMBOX_UNREACHABLE', message: 'The GSM box could not be reached.' };
        for (const c of env.sendable(accountId)) env.note(c.id, shape);
      })
      .finally(() => {
        loading = false;
        kick();
      });
  }

  async function run(campaign: CampaignRow, submissionId: number, msg: LedgerMessage, port: number, paceMs: number, trial: boolean) {
    let counted = true;
    try {
      const r = await (env.client(accountId) as GsmboxClient).send({ number: msg.address, message: msg.text, ports: [port], mode: 'async' });
      if (closed) return;
      stats.sends += 1;
      const state = r.state === 'sent' || r.state === 'failed' ? r.state : 'submitted';
      env.ledger.settleAnswered(submissionId, [{ id: msg.id, providerId: r.providerId, state, port }], []);
      // A sync reply already says what became of it; an async one is told by the result push (ingest).
      if (state !== 'submitted') env.ports?.outcomes([{ accountId, port, messageId: msg.id, campaignId: campaign.id, ok: state === 'sent' }]);
    } catch (err) {
      if (closed) return;
      if (err instanceof AppError && err.code === 'GSMBOX_PORT_BUSY') {
        stats.busyErrors += 1;
        counted = false;
        env.ledger.settleNotSent(submissionId, failureOf(err), env.clock.now() + 1000, { countAttempt: false });
        if (trial) env.ports?.trialAborted(accountId, port);
      } else {
        const cls = settleFailedRequest(env, campaign, submissionId, [msg], err);
        counted = cls === 'unknown';
        // A trial the box refused outright rests the port again; one with no answer waits for its result.
        if (trial && cls !== 'unknown') env.ports?.trialRefused(accountId, port);
      }
    } finally {
      pacer.release(port, counted, env.clock.now(), paceMs);
    }
    env.settled(campaign.id);
  }

  function fill(cfg: GsmboxConfig, now: number): void {
    const pace = paceOf(cfg);
    for (const campaign of env.sendable(accountId)) {
      const allowed = campaign.options.ports;
      const free = pacer.free(now, cfg.dailyCapPerSim, allowed);
      if (free.length === 0) {
        if (pacer.busyCount() === 0 && pacer.nextFree(now, cfg.dailyCapPerSim, allowed) === null && env.ledger.pick(campaign.id, 1).length > 0) {
          env.note(campaign.id, noPortError(pacer.known(), cfg.dailyCapPerSim));
        }
        continue;
      }
      for (const port of free) {
        const gate = env.ports?.gate(accountId, port.port, now) ?? 'open';
        if (gate === 'closed') continue;
        const [msg] = env.ledger.pick(campaign.id, 1, now);
        if (!msg) break;
        const { submissionId, claimed } = env.ledger.claim(accountId, [msg], port.port);
        if (claimed.length === 0) continue;
        pacer.take(port.port, now, pace);
        if (gate === 'trial') env.ports?.trialStarted(accountId, port.port, claimed[0]!.id);
        const p: Promise<void> = run(campaign, submissionId, claimed[0]!, port.port, pace, gate === 'trial')
          .catch((err: unknown) => env.report(err, 'box send'))
          .finally(() => {
            running.delete(p);
            kick();
          });
        running.add(p);
      }
    }
  }

  function schedule(cfg: GsmboxConfig | undefined, now: number) {
    if (stopped || timer !== null) return;
    const candidates: number[] = [now + IDLE_RECHECK_MS];
    const wake = env.nextWake(accountId);
    if (wake !== null) candidates.push(wake);
    if (cfg && env.sendable(accountId).length > 0) {
      const nf = pacer.nextFree(now, cfg.dailyCapPerSim);
      if (nf !== null && nf > now) candidates.push(nf);
      const retry = env.ports?.nextRetry(accountId, now) ?? null;
      if (retry !== null) candidates.push(retry);
      if (!pacer.known()) candidates.push(now + 5_000);
      else if (nf === null && pacer.busyCount() === 0) candidates.push(Math.min(pacer.nextDay(now), now + refreshMs));
    }
    const at = Math.min(...candidates);
    timer = env.clock.setTimeout(() => {
      timer = null;
      kick();
    }, Math.max(0, at - now));
  }

  function kick() {
    if (stopped) return;
    if (timer !== null) {
      env.clock.clearTimeout(timer);
      timer = null;
    }
    const now = env.clock.now();
    const cfg = config();
    try {
      if (cfg && env.sendable(accountId).length > 0) {
        if (now - portsAt > refreshMs) loadPorts();
        if (pacer.known()) fill(cfg, now);
      }
    } catch (err) {
      env.report(err, 'box dispatch');
    }
    schedule(cfg, env.clock.now());
  }

  return {
    stats,
    kick,
    inFlight: () => running.size,
    async stop(graceMs) {
      stopped = true;
      if (timer !== null) env.clock.clearTimeout(timer);
      timer = null;
      if (running.size > 0) await Promise.race([Promise.allSettled([...running]), new Promise((r) => setTimeout(r, graceMs))]);
      closed = true;
    },
  };
}

function noPortError(known: boolean, cap: number) {
  if (!known) return { code: 'GSMBOX_NO_PORT', message: 'The GSM box reported no ports. Check the box; sending continues when a port is available.', kind: 'transient' as const };
  return cap > 0
    ? { code: 'GSMBOX_NO_PORT', message: `No port can send now: every SIM is down or has sent its daily cap of ${cap} SMS. Sending continues when a port is available or after midnight.`, kind: 'limit' as const }
    : { code: 'GSMBOX_NO_PORT', message: 'No port of the GSM box is available. Check the SIM cards; sending continues when a port comes back.', kind: 'transient' as const };
}
