import { createCore, type Core, type CoreOptions } from '../../src/main/core/create-core.ts';
import { MemorySecretStore } from '../../src/main/core/ports.ts';
import { MemorySettingsBackend } from '../../src/main/core/settings/json-file-backend.ts';
import type { EventName } from '../../src/shared/api.ts';

export interface TestCore {
  core: Core;
  secrets: MemorySecretStore;
  events: { name: EventName; payload: unknown }[];
}

/**
 * A core on a real SQLite file in `dataDir`, with in-memory secrets and settings. The receiver listens
 * on a free loopback port and the report poller stays off unless `monitoring` is given (tests run in
 * parallel, and background polls would ask the simulators things a test did not).
 */
export function makeTestCore(dataDir: string, overrides: Partial<CoreOptions> = {}): TestCore {
  const secrets = new MemorySecretStore();
  const monitoring = { receiverHost: '127.0.0.1', receiverPort: 0, poll: false };
  const core = createCore({ dataDir, secrets, settings: new MemorySettingsBackend(), monitoring, ...overrides });
  const events: TestCore['events'] = [];
  core.subscribe((name, payload) => events.push({ name, payload }));
  return { core, secrets, events };
}
