import { createCore, type Core, type CoreOptions } from '../../src/main/core/create-core.ts';
import { MemorySecretStore } from '../../src/main/core/ports.ts';
import { MemorySettingsBackend } from '../../src/main/core/settings/json-file-backend.ts';
import type { EventName } from '../../src/shared/api.ts';

export interface TestCore {
  core: Core;
  secrets: MemorySecretStore;
  events: { name: EventName; payload: unknown }[];
}

/** A core on a real SQLite file in `dataDir`, with in-memory secrets and settings. */
export function makeTestCore(dataDir: string, overrides: Partial<CoreOptions> = {}): TestCore {
  const secrets = new MemorySecretStore();
  const core = createCore({ dataDir, secrets, settings: new MemorySettingsBackend(), ...overrides });
  const events: TestCore['events'] = [];
  core.subscribe((name, payload) => events.push({ name, payload }));
  return { core, secrets, events };
}
