import { beforeEach, describe, expect, it } from 'vitest';
import type { Bridge } from '../../../src/shared/api.ts';
import { setBridgeForTests } from '../../../src/renderer/src/api.ts';
import { PAGE_SIZE, useContactsStore } from '../../../src/renderer/src/stores/contacts.ts';
import { createFakeContactsMain, type FakeContactsMain } from './fake-contacts-main.ts';

/** A main whose lists hold `total` numbered contacts, served page by page. */
function pagedMain(total: number): FakeContactsMain {
  const fake = createFakeContactsMain();
  const bridge = fake.bridge as Bridge & Record<string, unknown>;
  bridge.contactsSearch = async (input: { offset?: number; limit?: number; query?: string }) => {
    fake.calls.push({ method: 'contactsSearch', input });
    const offset = input.offset ?? 0;
    const n = Math.max(0, Math.min(input.limit ?? 200, total - offset));
    const rows = Array.from({ length: n }, (_, i) => ({ id: offset + i + 1, e164: `+86138${String(offset + i).padStart(8, '0')}`, original: '', vars: {}, optedOut: false, tags: [], addedAt: 1 }));
    return { ok: true, value: { rows, total, offset } };
  };
  setBridgeForTests(bridge);
  return fake;
}

describe('contacts store', () => {
  beforeEach(() => {
    useContactsStore.setState({ browse: { listId: null, query: '', total: 0, rows: {}, status: 'idle', error: null } });
  });

  it('loads the first page, then only the pages the table scrolls to', async () => {
    const fake = pagedMain(1000);
    await useContactsStore.getState().browseTo('l1', '');
    const s = useContactsStore.getState().browse;
    expect(s.total).toBe(1000);
    expect(Object.keys(s.rows)).toHaveLength(PAGE_SIZE);
    await useContactsStore.getState().ensureRows(450, 470);
    await useContactsStore.getState().ensureRows(450, 470); // already there: no second call
    expect(fake.callsOf('contactsSearch').map((c) => (c as { offset: number }).offset)).toEqual([0, 400]);
    expect(useContactsStore.getState().browse.rows[460]?.e164).toBe('+8613800000460');
  });

  it('drops a slow answer to an old search when a newer search has answered', async () => {
    const fake = createFakeContactsMain();
    const bridge = fake.bridge as Bridge & Record<string, unknown>;
    // The answer to 'a' arrives after the answer to 'ab'; totals tell them apart.
    bridge.contactsSearch = async (input: { query?: string }) => {
      const query = input.query ?? '';
      if (query === 'a') await new Promise((r) => setTimeout(r, 30));
      return { ok: true, value: { rows: [], total: query.length * 100, offset: 0 } };
    };
    setBridgeForTests(bridge);
    const first = useContactsStore.getState().browseTo('l1', 'a');
    const second = useContactsStore.getState().browseTo('l1', 'ab');
    await Promise.all([first, second]);
    expect(useContactsStore.getState().browse).toMatchObject({ query: 'ab', total: 200, status: 'ready' });
  });

  it('sends opt-outs with the region and reloads the list', async () => {
    const fake = createFakeContactsMain();
    const bridge = fake.bridge as Bridge & Record<string, unknown>;
    bridge.optOutsAdd = async (input: unknown) => {
      fake.calls.push({ method: 'optOutsAdd', input });
      return { ok: true, value: { added: 2, alreadyListed: 0 } };
    };
    setBridgeForTests(bridge);
    const r = await useContactsStore.getState().addOptOuts(['13800000001', '13800000002'], 'called in', 'CN');
    expect(r).toEqual({ ok: true, value: { added: 2, alreadyListed: 0 } });
    expect(fake.callsOf('optOutsAdd')).toEqual([{ numbers: ['13800000001', '13800000002'], note: 'called in', region: 'CN' }]);
    expect(fake.callsOf('optOutsList')).toHaveLength(1);
  });
});
