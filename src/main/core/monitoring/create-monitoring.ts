import { readSecret, secretGetter } from '../accounts/account-secrets.ts';
import { AccountsRepository } from '../accounts/accounts-repository.ts';
import type { createCampaignService } from '../campaigns/campaign-service.ts';
import { createOptOutCheck } from '../contacts/opt-out-check.ts';
import type { CoreContext } from '../context.ts';
import type { Dispatcher } from '../dispatch/dispatcher.ts';
import type { EimsClient } from '../providers/eims/client.ts';
import type { GsmboxClient } from '../providers/gsmbox/client.ts';
import type { JsmsClient } from '../providers/jsms/client.ts';
import { createProviderClient } from '../providers/registry.ts';
import { createReceiverService } from '../receiver/receiver-service.ts';
import { AccountHealth } from '../health/account-health.ts';
import type { ReceiverLimits } from '../receiver/receiver-server.ts';
import { createCounter } from '../store/counters.ts';
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import { createChangeNotifier } from './change-notifier.ts';
import { createDashboard } from './dashboard.ts';
import { createAutoReplies } from './auto-replies.ts';
import { createInbox } from './inbox.ts';
import { createInboxRules } from './inbox-rules.ts';
import { createInboundStore, type InboundInput } from './inbound-store.ts';
import { createMessageLog } from './message-log.ts';
import { handlePush } from './push-intake.ts';
import type { ReviewPush } from '../templates/jsms-catalog.ts';
import { createReportBatcher } from './report-batcher.ts';
import { createReportIngest, type IngestResult, type ReportInput } from './report-ingest.ts';
import { createReportPoller } from './report-poller.ts';
import type { PortWatch } from '../box-ports/port-watch.ts';

/** Tuning for tests and benchmarks; the app uses the settings. */
export interface MonitoringOptions {
  /** Overrides the receiver address/port from the settings (tests pass port 0). */
  receiverHost?: string;
  receiverPort?: number;
  limits?: Partial<ReceiverLimits>;
  pollEveryMs?: number;
  /** Least time between two JSMS report/reply pulls per endpoint (default 5000; tests go faster against the simulator). */
  jsmsPullGapMs?: number;
  /** Turn the poller off (benchmarks of the push path). */
  poll?: boolean;
  changesEveryMs?: number;
  providerTimeoutMs?: number;
}

export function createMonitoring(
  ctx: CoreContext,
  deps: {
    dispatcher: Dispatcher;
    campaigns: ReturnType<typeof createCampaignService>;
    ports: PortWatch;
    /** JSMS review results pushed to the receiver (templates, signatures). */
    reviews?: (accountId: string, pushes: ReviewPush[]) => void;
    onError(err: unknown, where: string): void;
  },
  options: MonitoringOptions = {},
) {
  const { db, clock } = ctx;
  const accounts = new AccountsRepository(db);
  const nextSeq = createCounter(db, 'eims-seq');
  const ingest = createReportIngest(db, clock);
  const inboxRules = createInboxRules(db);
  const inboundStore = createInboundStore(db, clock, createOptOutCheck(db), inboxRules);
  /** The default region's calling code (e.g. "86"): the log finds a national number by its E.164 form. */
  const countryCode = () => {
    try {
      return getCountryCallingCode(ctx.settings.get().defaultRegion as CountryCode);
    } catch {
      return '86';
    }
  };
  const messageLog = createMessageLog(db, countryCode);
  const inbox = createInbox(db);
  const dashboard = createDashboard(db);
  const health = new AccountHealth(db);

  /** Campaigns whose messages changed through reports (their progress is re-sent with the next flush). */
  const reported = new Set<string>();
  const changes = createChangeNotifier(clock, options.changesEveryMs ?? 500, (count, campaignIds) => {
    ctx.emit('messagesChanged', { count, campaignIds });
    const ids = [...reported];
    reported.clear();
    for (const id of ids) {
      // A report may have made the last message final: the campaign is finished then.
      deps.dispatcher.reportsChanged(id);
      deps.dispatcher.progressNow(id);
    }
  });

  const firstMessage = db.prepare<[string], { id: number }>(`SELECT id FROM messages WHERE campaign_id = ? ORDER BY id LIMIT 1`);
  const firstMessageOf = (campaignId: string): number | undefined => firstMessage.get(campaignId)?.id;
  const accountOf = (id: string) => {
    const row = accounts.get(id);
    return row ? { ...row.config, id: row.id } : undefined;
  };
  const autoReplies = createAutoReplies(db, { accountOf, campaigns: deps.campaigns, firstMessageOf }, deps.onError);
  const clientOf = (id: string) => {
    const a = accountOf(id);
    if (!a) throw new Error(`account ${id} is gone`);
    const d = { fetch: ctx.fetch, clock, nextSeq: () => nextSeq(id) };
    return createProviderClient(a, secretGetter(ctx.secrets, a), options.providerTimeoutMs ? { ...d, timeoutMs: options.providerTimeoutMs } : d);
  };

  function reports(inputs: ReportInput[]): IngestResult | undefined {
    if (inputs.length === 0) return undefined;
    const r = ingest.ingest(inputs);
    // The box's port rotation learns what became of each send (after the commit: a port taken out
    // writes its own history lines and notice).
    if (r.sendOutcomes.length > 0) deps.ports.fromReports(r.sendOutcomes);
    if (r.changed > 0) {
      for (const id of r.campaignIds) reported.add(id);
      changes.mark(r.changed, r.campaignIds);
    }
    return r;
  }

  /** Pushed reports of PUTs in flight together: one transaction, each push answered after its commit. */
  const pushed = createReportBatcher<ReportInput>((batch) => void reports(batch));

  /** Account lookups for pushes, cached briefly (a burst of pushes does not re-read and re-validate it each time). */
  const accountCache = new Map<string, { at: number; value: ReturnType<typeof accountOf> }>();
  function cachedAccount(id: string) {
    const hit = accountCache.get(id);
    const t = Date.now();
    if (hit && t - hit.at < 2_000) return hit.value;
    const value = accountOf(id);
    if (accountCache.size > 1000) accountCache.clear();
    accountCache.set(id, { at: t, value });
    return value;
  }

  function inbound(items: InboundInput[]): void {
    if (items.length === 0) return;
    const s = ctx.settings.get();
    const r = inboundStore.store(items, { region: s.defaultRegion as CountryCode, optOutKeywords: s.optOutKeywords, replyWindowMs: s.replyWindowHours * 3_600_000 });
    if (r.optedOut.length > 0) ctx.emit('optOutsChanged', { reason: 'added', count: r.optedOut.length });
    for (const id of r.lists) ctx.emit('listsChanged', { reason: 'members', id });
    if (r.autoReplies.length > 0) void autoReplies.send(r.autoReplies);
    if (r.stored > 0) ctx.emit('inboundReceived', { count: r.stored, numbers: r.numbers, unreadTotal: inboundStore.unreadTotal() });
  }

  const receiver = createReceiverService({
    secrets: ctx.secrets,
    now: () => clock.now(),
    bind: () => {
      const s = ctx.settings.get();
      return { host: options.receiverHost ?? s.receiverHost, port: options.receiverPort ?? s.receiverPort };
    },
    accounts: () => accounts.list().map((a) => ({ id: a.id, name: a.config.name, kind: a.config.kind })),
    onPush: async (req) => {
      const stored: Promise<void>[] = [];
      const reply = handlePush(req, {
        account: cachedAccount,
        secret: (id, field) => readSecret(ctx.secrets, id, field),
        now: () => clock.now(),
        reports: (inputs) => void stored.push(pushed.add(inputs)),
        inbound,
        reviews: (accountId, pushes) => deps.reviews?.(accountId, pushes),
        imsi: (accountId, port, imsi) => deps.ports.imsiSeen(accountId, port, imsi),
      });
      await Promise.all(stored);
      if (reply.status < 400) health.recordPush(req.accountId, clock.now());
      return reply;
    },
    onStatus: (status) => ctx.emit('receiverStatus', status),
    onError: (err) => deps.onError(err, 'receiver'),
    ...(options.limits ? { limits: options.limits } : {}),
  });

  const poller = createReportPoller({
    db,
    clock,
    accounts: () => accounts.list().map((a) => ({ ...a.config, id: a.id })),
    eims: (id) => clientOf(id) as EimsClient,
    box: (id) => clientOf(id) as GsmboxClient,
    jsms: (id) => clientOf(id) as JsmsClient,
    reports,
    inbound,
    onError: deps.onError,
    ...(options.pollEveryMs ? { everyMs: options.pollEveryMs } : {}),
    ...(options.jsmsPullGapMs !== undefined ? { jsmsPullGapMs: options.jsmsPullGapMs } : {}),
  });

  return {
    receiver,
    poller,
    ingest: reports,
    inbound,
    messageLog,
    countryCode,
    inbox,
    inboxRules,
    autoReplies,
    dashboard,
    health,
    ports: deps.ports,
    changes,
    accountOf,
    clientOf,
    campaigns: deps.campaigns,
    firstMessageOf,
    /** A campaign changed through sending: part of the coalesced messagesChanged. */
    noteProgress(campaignId: string) {
      changes.mark(1, [campaignId]);
    },
    async start() {
      await receiver.start();
      if (options.poll !== false) poller.start();
    },
    async stop() {
      await autoReplies.idle();
      changes.stop();
      await poller.stop();
      await receiver.stop();
    },
  };
}

export type Monitoring = ReturnType<typeof createMonitoring>;
