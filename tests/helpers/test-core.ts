import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/create-core.ts';
import { DATABASE_FILE } from '../../src/main/core/store/database.ts';
import { insightCountsDrift, keptCountsDrift } from './kept-counts.ts';
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
 *
 * Its `stop()` also checks, after the core has stopped, that the kept per-campaign counts and the
 * insight counts equal a count of the messages: every test that sends is a test of the count keeping.
 */
export function makeTestCore(dataDir: string, overrides: Partial<CoreOptions> = {}): TestCore {
  const secrets = new MemorySecretStore();
  const monitoring = { receiverHost: '127.0.0.1', receiverPort: 0, poll: false };
  const core = createCore({ dataDir, secrets, settings: new MemorySettingsBackend(), monitoring, ...overrides });
  const events: TestCore['events'] = [];
  core.subscribe((name, payload) => events.push({ name, payload }));
  const stop = core.stop.bind(core);
  core.stop = async () => {
    await stop();
    const file = join(dataDir, DATABASE_FILE);
    if (!existsSync(file)) return;
    const db = new Database(file, { readonly: true });
    try {
      const drift = keptCountsDrift(db);
      if (drift.length > 0) throw new Error(`campaign_counts drifted from the messages: ${JSON.stringify(drift.slice(0, 5))}`);
      const insight = insightCountsDrift(db);
      if (insight.length > 0) throw new Error(`the insight counts drifted from the messages: ${JSON.stringify(insight.slice(0, 5))}`);
    } finally {
      db.close();
    }
  };
  return { core, secrets, events };
}

/** Runs `fn` with a started test core on `dataDir`, stopping it after (a restart of the app between two calls). */
export async function withCore<T>(dataDir: string, fn: (tc: TestCore) => Promise<T>, overrides: Partial<CoreOptions> = {}): Promise<T> {
  const tc = makeTestCore(dataDir, overrides);
  await tc.core.start();
  try {
    return await fn(tc);
  } finally {
    await tc.core.stop();
  }
}
