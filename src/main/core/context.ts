import type Database from 'better-sqlite3';
import type { EmitEvent } from '../../shared/api.ts';
import type { Clock, FetchLike, SecretStore } from './ports.ts';
import type { SettingsService } from './settings/settings-service.ts';

/** What every area of the core is built from. Areas export `createXHandlers(ctx)` typed against their contract slice. */
export interface CoreContext {
  dataDir: string;
  db: Database.Database;
  secrets: SecretStore;
  clock: Clock;
  fetch: FetchLike;
  emit: EmitEvent;
  settings: SettingsService;
}
