/**
 * The composer gives the same campaign whether it composes in place (small sets) or in the compose
 * worker (big ones, its own read-only connection): same summary, same messages in the same order.
 * And it really uses the worker for a big set, pasted or from lists.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createComposer, SMALL_SET } from '../../../src/main/core/campaigns/composer.ts';
import type { ComposeRequest } from '../../../src/main/core/campaigns/compose-set.ts';
import type { NewMessage } from '../../../src/main/core/campaigns/campaigns-repository.ts';
import { DATABASE_FILE } from '../../../src/main/core/store/database.ts';
import { b64, csvOf, setup } from '../contacts-store/support.ts';

async function all(set: { chunks(): AsyncGenerator<NewMessage[]> }): Promise<NewMessage[]> {
  const out: NewMessage[] = [];
  for await (const c of set.chunks()) out.push(...c);
  return out;
}

describe('composer', () => {
  it('composes the same set in place and in the worker', async () => {
    const { core, call, dir } = setup();
    const { importId } = await call<{ importId: string }>('importOpen', { fileName: 'a.csv', base64: b64(csvOf(3_000)) });
    await call('importAnalyse', { importId, options: {} });
    const { listId } = await call<{ listId: string }>('importCommit', { importId, target: { newListName: 'A' } });
    await call('optOutsAdd', { numbers: ['13800000007'] });
    const req: ComposeRequest = {
      content: { mode: 'text', body: 'Hi {name} from {city}' },
      recipients: { listIds: [listId], pasted: '13800000001, 139 1234 0002\n+86 139 1234 0003 / 12345' },
      kind: 'eims',
      region: 'CN',
      includeNonMobile: false,
    };
    const opts = { db: core.context.db, dbPath: join(dir, DATABASE_FILE), now: Date.now };
    const inPlace = createComposer({ ...opts, worker: 'never' });
    const inWorker = createComposer({ ...opts, worker: 'always' });
    try {
      const a = await inPlace.compose(req);
      const b = await inWorker.compose(req);
      expect(b.summary).toEqual(a.summary);
      expect(a.summary).toMatchObject({ recipients: 3_001, optedOut: 1, duplicates: 1 });
      expect(await all(b)).toEqual(await all(a));
      expect(await inWorker.preview(req)).toEqual(a.summary);
    } finally {
      await inWorker.close();
    }
  });

  it('takes a big pasted set or a big list to the worker, and a small one not', async () => {
    const { core, dir } = setup();
    const composer = createComposer({ db: core.context.db, dbPath: join(dir, DATABASE_FILE), now: Date.now });
    const pasted = (n: number) => Array.from({ length: n }, (_, i) => String(13_900_000_000 + i)).join('\n');
    const base = { content: { mode: 'text' as const, body: 'x' }, kind: 'eims' as const, region: 'CN', includeNonMobile: false };
    try {
      await composer.preview({ ...base, recipients: { listIds: [], pasted: pasted(SMALL_SET) } });
      expect(composer.workerStarted).toBe(false);
      await composer.preview({ ...base, recipients: { listIds: [], pasted: pasted(SMALL_SET + 1) } });
      expect(composer.workerStarted).toBe(true);
    } finally {
      await composer.close();
    }
  });
});
