import type { Handlers } from '../../shared/api.ts';
import type { Result } from '../../shared/errors.ts';
import { createAccountHandlers } from './accounts/accounts-handlers.ts';
import { createAppHandlers } from './app-handlers.ts';
import { createCampaignHandlers } from './campaigns/campaign-handlers.ts';
import { createCampaignService } from './campaigns/campaign-service.ts';
import { createContactsHandlers } from './contacts/handlers.ts';
import { createMonitoring, type Monitoring, type MonitoringOptions } from './monitoring/create-monitoring.ts';
import { createMonitoringHandlers } from './monitoring/monitoring-handlers.ts';
import { createInsightHandlers } from './insight/insight-handlers.ts';
import { createProviderHandlers } from './providers/provider-handlers.ts';
import type { CoreContext } from './context.ts';
import { createDispatcher, type Dispatcher, type DispatchTuning } from './dispatch/dispatcher.ts';
import { EventHub, type EventListener } from './event-hub.ts';
import { invokeMethod, type ErrorReporter } from './invoke.ts';
import { systemClock, type Clock, type FetchLike, type SecretStore, type SettingsBackend } from './ports.ts';
import { SettingsService } from './settings/settings-service.ts';
import { DATABASE_FILE, openDatabase } from './store/database.ts';
import { createComposer } from './campaigns/composer.ts';
import { createReads } from './store/reads.ts';
import { createUploadStore } from './uploads/upload-store.ts';
import { createNumberIndex } from './store/number-index.ts';
import { inSteps } from './store/slices.ts';
import { join } from 'node:path';
import { createScheduleSystem, type ScheduleOptions } from './schedule/schedule-system.ts';
import type { Scheduler } from './schedule/scheduler.ts';
import { auditedCampaigns, auditedMove, auditedTestSend } from './audit/audited-campaigns.ts';
import { createCampaignMove } from './campaigns/campaign-move.ts';
import { createDrafts } from './campaigns/drafts.ts';
import { createTestSend } from './campaigns/test-send.ts';
import { createJsmsCatalog } from './templates/jsms-catalog.ts';
import { createTemplateHandlers } from './templates/template-handlers.ts';
import { auditedSchedules } from './audit/audited-schedules.ts';
import { auditScheduledSends } from './audit/scheduled-sends.ts';
import { createAuditLog, type AuditLog } from './audit/audit-log.ts';
import { createBackupService } from './backup/backup-service.ts';
import { applyPendingRestore } from './backup/restore-staging.ts';
import { createPauseAll } from './campaigns/pause-all.ts';
import { createDesktopHandlers } from './desktop-handlers.ts';
import { currentUser, learnSecrets, logResult, logUnexpected, openAppLog, type LogOptions } from './logging/app-log.ts';
import type { Logger } from './logging/logger.ts';
import { RedactingSecretStore } from './logging/redacting-secrets.ts';
import { createCampaignNotices } from './notify/campaign-notices.ts';
import { createEventNotices } from './notify/event-notices.ts';
import { createNotifier, type Notify } from './notify/notifier.ts';
import { ensurePrivateDir } from './private-files.ts';
import { AccountsRepository } from './accounts/accounts-repository.ts';
import { createPortWatch } from './box-ports/port-watch.ts';
import type { RotationRules } from './box-ports/port-rotation.ts';

/** Messages added to the number search index per step of its backfill (a few milliseconds each). */
const NUMBER_INDEX_STEP = 2_000;

export interface CoreOptions {
  dataDir: string;
  secrets: SecretStore;
  settings: SettingsBackend;
  clock?: Clock;
  fetch?: FetchLike;
  mode?: 'desktop' | 'headless';
  version?: string;
  /** Told about unexpected (non-AppError) failures, e.g. to write them to the log. */
  onError?: ErrorReporter;
  /** Batch sizes, pacing and timeouts for tests and benchmarks. */
  dispatch?: DispatchTuning;
  /** Schedules: the numbers-file server, the missed-run threshold, test hooks. */
  schedules?: ScheduleOptions;
  /** Receiver address/port overrides, limits and poll period for tests and benchmarks. */
  monitoring?: MonitoringOptions;
  /** The log file (default `<dataDir>/logs`, 5 × 5 MB). */
  log?: LogOptions;
  /** Desktop: open a folder in the file manager ("open logs folder"). */
  openFolder?: (path: string) => Promise<boolean>;
  /** Desktop: restart the app (after a restore was staged). */
  onRestartRequested?: () => void;
  /** Who is recorded in the audit log (default: the OS user name). */
  actor?: string;
  /** GSM box port rotation rules and, for tests, the rest in ms instead of the account's minutes. */
  ports?: Partial<RotationRules> & { restMs?: number };
  /** Tests: smaller heap caps for the import and compose workers (MB), to see one run out. */
  workerHeapMb?: { import?: number; compose?: number };
}

export interface Core {
  readonly handlers: Handlers;
  /** Validate + run + wrap, the path IPC and the HTTP bridge use. */
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: EventListener): () => void;
  readonly context: CoreContext;
  readonly dispatcher: Dispatcher;
  readonly monitoring: Monitoring;
  /** Local schedules' firing (tests wait for it to be idle). */
  readonly scheduler: Scheduler;
  readonly log: Logger;
  readonly audit: AuditLog;
  /** Raise a system notification (monitoring: low balance, inbound, port down, receiver bind). */
  readonly notify: Notify;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The composition root: everything the app does, with no Electron in sight. */
export function createCore(options: CoreOptions): Core {
  const hub = new EventHub();
  const clock = options.clock ?? systemClock;
  ensurePrivateDir(options.dataDir);
  const log = openAppLog(options.dataDir, options.log ?? {}, () => clock.now());
  const reportError: ErrorReporter = (where, err) => {
    logUnexpected(log, where, err);
    options.onError?.(where, err);
  };
  const restored = applyPendingRestore(options.dataDir, options.settings, clock.now());
  if (restored) log.warn('backup.restored', { dataDir: options.dataDir, ...restored });
  const { db, schemaVersion } = openDatabase(options.dataDir);
  const audit = createAuditLog(db, { now: () => clock.now(), actor: options.actor ?? currentUser(), onError: (err) => reportError('audit', err) });
  if (restored) audit.record({ action: 'backup.restore', source: 'system', summary: `Restored the backup made ${new Date(restored.createdAt).toISOString()} by version ${restored.appVersion}` });
  const ctx: CoreContext = {
    dataDir: options.dataDir,
    db,
    dbPath: join(options.dataDir, DATABASE_FILE),
    reads: undefined,
    workerHeapMb: options.workerHeapMb,
    uploads: createUploadStore(options.dataDir, () => clock.now()),
    secrets: new RedactingSecretStore(options.secrets, log.redactor),
    audit,
    log,
    clock: options.clock ?? systemClock,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    emit: hub.emit,
    settings: new SettingsService(options.settings),
  };
  ctx.reads = createReads({ db, dbPath: ctx.dbPath, now: () => ctx.clock.now(), onInternal: (where, detail) => log.warn('worker.failed', { where, detail }) });
  const notify = createNotifier({ emit: hub.emit, clock: ctx.clock, settings: () => ctx.settings.get(), log: (e, shown) => log.info('notify', { ...e, shown }) });
  ctx.notify = notify;
  const campaignNotices = createCampaignNotices(notify, () => ctx.settings.get().language);
  hub.subscribe(createEventNotices(notify, () => ctx.settings.get().language));
  hub.subscribe(auditScheduledSends(db, audit, (err) => reportError('audit', err)));

  const accountRows = new AccountsRepository(db);
  const ports = createPortWatch({
    db,
    clock: ctx.clock,
    account: (id) => {
      const row = accountRows.get(id);
      return row?.config.kind === 'gsmbox' ? { ...row.config, id: row.id } : undefined;
    },
    notify,
    language: () => ctx.settings.get().language,
    emit: hub.emit,
    // Never from inside the worker's own pass: a port back in rotation is looked at right after it.
    wake: (id) => queueMicrotask(() => dispatcher.kick(id)),
    ...(options.ports ? { rules: options.ports } : {}),
    ...(options.ports?.restMs === undefined ? {} : { restMs: options.ports.restMs }),
  });

  const dispatcher = createDispatcher({
    db,
    ports,
    clock: ctx.clock,
    fetch: ctx.fetch,
    secrets: ctx.secrets,
    onProgress: (e) => {
      hub.emit('campaignProgress', e);
      monitoring.noteProgress(e.id);
    },
    onCampaignChanged: (id) => {
      hub.emit('campaignsChanged', { reason: 'state', id });
      const c = dispatcher.campaigns.get(id);
      // A test send is no campaign: no "campaign finished" notice for it.
      campaignNotices(c && c.kind === 'campaign' ? { ...c, counts: dispatcher.campaigns.counts(id) } : undefined);
    },
    onError: (err, where) => reportError(`dispatch:${where}`, err),
    reportWindowMs: (provider) => ctx.settings.get().reportWindowHours[provider] * 3_600_000,
    ...(options.dispatch ? { tuning: options.dispatch } : {}),
  });
  const composer = createComposer({ db, dbPath: ctx.dbPath!, ...(options.workerHeapMb?.compose ? { maxHeapMb: options.workerHeapMb.compose } : {}), now: () => ctx.clock.now(), onInternal: (where, detail) => log.warn('worker.failed', { where, detail }) });
  const catalog = createJsmsCatalog(ctx);
  const campaigns = createCampaignService(ctx, dispatcher, composer);
  const monitoring: Monitoring = createMonitoring(
    ctx,
    { dispatcher, campaigns, ports, reviews: (accountId, pushes) => catalog.reviewed(accountId, pushes), onError: (err, where) => options.onError?.(`monitoring:${where}`, err) },
    options.monitoring,
  );
  const schedules = createScheduleSystem(ctx, campaigns, composer, { offerFile: (file) => monitoring.receiver.offerFile(file), ...options.schedules }, (where, err) => reportError(`schedule:${where}`, err));
  const pauseAll = createPauseAll(campaigns);
  const backup = createBackupService({ reads: ctx.reads, uploads: ctx.uploads, dataDir: options.dataDir, appVersion: options.version ?? '0.0.0', schemaVersion, now: () => ctx.clock.now(), settings: () => ctx.settings.get() });

  const { recover: recoverContacts, ...contactsHandlers } = createContactsHandlers(ctx);
  const handlers: Handlers = {
    ...createAppHandlers(ctx, { version: options.version ?? '0.0.0', mode: options.mode ?? 'headless', schemaVersion }),
    ...createAccountHandlers(ctx),
    ...contactsHandlers,
    ...createProviderHandlers(ctx, ports),
    ...createCampaignHandlers({
      service: auditedCampaigns(campaigns, audit),
      move: auditedMove(createCampaignMove(ctx, campaigns, dispatcher), audit),
      reads: ctx.reads,
      drafts: createDrafts(db, () => ctx.clock.now()),
      sendTest: auditedTestSend(createTestSend(ctx, campaigns, composer), audit),
      emit: hub.emit,
      history: ports,
    }),
    ...createDesktopHandlers({ pauseAll, audit, backup, log, openFolder: options.openFolder, onRestartRequested: options.onRestartRequested }),
    ...createMonitoringHandlers(ctx, monitoring),
    ...createInsightHandlers(ctx),
    ...auditedSchedules(schedules.handlers, audit),
    ...createTemplateHandlers(catalog),
    uploadPart: (part) => ctx.uploads!.part(part),
  };

  let stopped = false;
  let recovering: Promise<void> = Promise.resolve();
  const numberIndex = createNumberIndex(db);
  return {
    handlers,
    context: ctx,
    invoke: async (name, input) => {
      const result = await invokeMethod(handlers, name, input, reportError);
      logResult(log, name, result);
      return result;
    },
    subscribe: (listener) => hub.subscribe(listener),
    dispatcher,
    monitoring,
    scheduler: schedules.scheduler,
    log,
    audit,
    notify,
    async start() {
      learnSecrets(ctx);
      ctx.reads?.start();
      log.info('app.start', { mode: options.mode ?? 'headless', version: options.version ?? '0.0.0', schemaVersion });
      dispatcher.start();
      // Campaigns a crash left half-written are finished (or cancelled with why) in the background.
      recovering = Promise.all([
        campaigns.recover((err) => reportError('campaigns:recover', err)),
        recoverContacts().catch((err: unknown) => reportError('contacts:recover', err)),
        // Numbers of messages from before the search index existed go into it in short steps.
        inSteps(() => !stopped && numberIndex.backfillStep(NUMBER_INDEX_STEP)).catch((err: unknown) => reportError('store:number-index', err)),
      ]).then(() => undefined);
      await monitoring.start();
      schedules.scheduler.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await schedules.scheduler.stop();
      await recovering;
      await monitoring.stop();
      await dispatcher.stop();
      ports.stop();
      await composer.close();
      await ctx.reads?.close();
      await ctx.uploads?.close();
      log.info('app.stop');
      db.close();
    },
  };
}
