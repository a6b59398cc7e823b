import type { Handlers } from '../../shared/api.ts';
import type { Result } from '../../shared/errors.ts';
import { createAccountHandlers } from './accounts/accounts-handlers.ts';
import { createAppHandlers } from './app-handlers.ts';
import { createCampaignHandlers } from './campaigns/campaign-handlers.ts';
import { createCampaignService } from './campaigns/campaign-service.ts';
import { createContactsHandlers } from './contacts/handlers.ts';
import { createMonitoringHandlers } from './monitoring/monitoring-handlers.ts';
import { createProviderHandlers } from './providers/provider-handlers.ts';
import type { CoreContext } from './context.ts';
import { createDispatcher, type Dispatcher, type DispatchTuning } from './dispatch/dispatcher.ts';
import { EventHub, type EventListener } from './event-hub.ts';
import { invokeMethod, type ErrorReporter } from './invoke.ts';
import { systemClock, type Clock, type FetchLike, type SecretStore, type SettingsBackend } from './ports.ts';
import { SettingsService } from './settings/settings-service.ts';
import { openDatabase } from './store/database.ts';

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
}

export interface Core {
  readonly handlers: Handlers;
  /** Validate + run + wrap, the path IPC and the HTTP bridge use. */
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: EventListener): () => void;
  readonly context: CoreContext;
  readonly dispatcher: Dispatcher;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The composition root: everything the app does, with no Electron in sight. */
export function createCore(options: CoreOptions): Core {
  const hub = new EventHub();
  const { db, schemaVersion } = openDatabase(options.dataDir);
  const ctx: CoreContext = {
    dataDir: options.dataDir,
    db,
    secrets: options.secrets,
    clock: options.clock ?? systemClock,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    emit: hub.emit,
    settings: new SettingsService(options.settings),
  };

  const dispatcher = createDispatcher({
    db,
    clock: ctx.clock,
    fetch: ctx.fetch,
    secrets: ctx.secrets,
    onProgress: (e) => hub.emit('campaignProgress', e),
    onCampaignChanged: (id) => hub.emit('campaignsChanged', { reason: 'state', id }),
    onError: (err, where) => options.onError?.(`dispatch:${where}`, err),
    ...(options.dispatch ? { tuning: options.dispatch } : {}),
  });
  const campaigns = createCampaignService(ctx, dispatcher);

  const handlers: Handlers = {
    ...createAppHandlers(ctx, { version: options.version ?? '0.0.0', mode: options.mode ?? 'headless', schemaVersion }),
    ...createAccountHandlers(ctx),
    ...createContactsHandlers(ctx),
    ...createProviderHandlers(ctx),
    ...createCampaignHandlers(campaigns),
    ...createMonitoringHandlers(),
  };

  let stopped = false;
  return {
    handlers,
    context: ctx,
    invoke: (name, input) => invokeMethod(handlers, name, input, options.onError),
    subscribe: (listener) => hub.subscribe(listener),
    dispatcher,
    async start() {
      dispatcher.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await dispatcher.stop();
      db.close();
    },
  };
}
