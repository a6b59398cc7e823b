import type { Handlers } from '../../shared/api.ts';
import type { Result } from '../../shared/errors.ts';
import { createAccountHandlers } from './accounts/accounts-handlers.ts';
import { createAppHandlers } from './app-handlers.ts';
import { createContactsHandlers } from './contacts/handlers.ts';
import { createProviderHandlers } from './providers/provider-handlers.ts';
import type { CoreContext } from './context.ts';
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
}

export interface Core {
  readonly handlers: Handlers;
  /** Validate + run + wrap, the path IPC and the HTTP bridge use. */
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: EventListener): () => void;
  readonly context: CoreContext;
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

  const handlers: Handlers = {
    ...createAppHandlers(ctx, { version: options.version ?? '0.0.0', mode: options.mode ?? 'headless', schemaVersion }),
    ...createAccountHandlers(ctx),
    ...createContactsHandlers(ctx),
    ...createProviderHandlers(ctx),
  };

  let stopped = false;
  return {
    handlers,
    context: ctx,
    invoke: (name, input) => invokeMethod(handlers, name, input, options.onError),
    subscribe: (listener) => hub.subscribe(listener),
    async start() {
      /* background services (receiver, schedules, dispatch) start here as they arrive */
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      db.close();
    },
  };
}
