/**
 * A small in-memory main for the contacts screens: lists, a canned import preview, opt-outs.
 * Records calls; events are pushed like the real bridge does.
 */
import { METHOD_NAMES, type Bridge, type EventName, type EventPayload } from '../../../src/shared/api.ts';
import type { ListView, OptOutView } from '../../../src/shared/contact-lists.ts';
import type { ImportPreview } from '../../../src/shared/contacts.ts';
import type { AppErrorShape, Result } from '../../../src/shared/errors.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings.ts';

export interface FakeContactsMain {
  bridge: Bridge;
  calls: Array<{ method: string; input: unknown }>;
  lists: ListView[];
  optOuts: OptOutView[];
  /** What arrived through uploadPart, per upload id (the file's text). */
  uploads: Map<string, string>;
  callsOf: (method: string) => unknown[];
  emit: <K extends EventName>(name: K, payload: EventPayload<K>) => void;
  failNext: (method: string, error: AppErrorShape) => void;
  /** Holds importAnalyse until released (to see progress and cancel). */
  holdAnalyse: () => () => void;
}

export const PREVIEW: ImportPreview = {
  source: { format: 'xlsx', sheets: [{ name: 'Customers', rows: 5, columns: 2 }], sheet: 'Customers' },
  mapping: {
    headerRow: 1,
    phoneColumn: 0,
    phoneScore: 0.8,
    columns: [
      { index: 0, header: 'Mobile', variable: '' },
      { index: 1, header: 'Name', variable: 'Name' },
    ],
  },
  rows: [
    { row: 2, original: '13800000001', e164: '+8613800000001', vars: { Name: 'Ann' }, duplicates: 1, optedOut: false },
    { row: 3, original: '13800000002', e164: '+8613800000002', vars: { Name: 'Bob' }, duplicates: 0, optedOut: true },
    { row: 7, original: '010-6552 1234', e164: '+861065521234', vars: { Name: 'Office' }, duplicates: 0, optedOut: false, nonMobile: 'fixed-line' },
  ],
  counts: { total: 6, valid: 3, invalid: 2, duplicate: 1, optedOut: 1, nonMobile: 1 },
  duplicateRows: [{ row: 6, original: '138-0000-0001', duplicateOf: 2 }],
  rejects: [
    { row: 4, original: '123', reason: 'too-short', message: 'Too few digits for a phone number.' },
    { row: 5, original: 'abc', reason: 'not-a-number', message: 'This is not a phone number: it contains letters or symbols.' },
  ],
};

export function createFakeContactsMain(seed: { lists?: ListView[] } = {}): FakeContactsMain {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const failures = new Map<string, AppErrorShape>();
  let hold: Promise<void> | null = null;
  const fake: FakeContactsMain = {
    bridge: {} as Bridge,
    calls: [],
    lists: [...(seed.lists ?? [])],
    optOuts: [],
    uploads: new Map(),
    callsOf: (m) => fake.calls.filter((c) => c.method === m).map((c) => c.input),
    emit: (name, payload) => {
      for (const l of listeners.get(name) ?? []) l(payload);
    },
    failNext: (m, e) => failures.set(m, e),
    holdAnalyse: () => {
      let release = () => {};
      hold = new Promise<void>((r) => (release = r));
      return () => {
        hold = null;
        release();
      };
    },
  };
  const list = (id: string, name: string, size: number): ListView => ({ id, name, size, optedOut: 0, createdAt: 1, updatedAt: 1 });
  const handlers: Record<string, (input: never) => unknown> = {
    settingsGet: () => DEFAULT_SETTINGS,
    listsList: () => fake.lists,
    listsCreate: ({ name }: { name: string }) => {
      const l = list(`list-${fake.lists.length + 1}`, name, 0);
      fake.lists = [...fake.lists, l];
      return l;
    },
    listsDelete: ({ id }: { id: string }) => {
      fake.lists = fake.lists.filter((l) => l.id !== id);
      return { id };
    },
    contactsSearch: ({ offset }: { offset?: number }) => ({ rows: [], total: 0, offset: offset ?? 0 }),
    uploadPart: ({ uploadId, size, base64 }: { uploadId?: string; size: number; base64: string }) => {
      const id = uploadId ?? `up-${fake.callsOf('uploadPart').length}`;
      fake.uploads.set(id, (fake.uploads.get(id) ?? '') + atob(base64));
      return { uploadId: id, received: fake.uploads.get(id)!.length, size };
    },
    importOpen: ({ fileName }: { fileName: string }) => ({ importId: 'imp-1', fileName, bytes: 10, sheets: ['Customers'] }),
    importAnalyse: async () => {
      fake.emit('importProgress', { importId: 'imp-1', phase: 'normalise', done: 1, total: 4 });
      if (hold) await hold;
      return PREVIEW;
    },
    importCancel: ({ importId }: { importId: string }) => ({ importId }),
    importCommit: ({ target }: { target: { newListName?: string } }) => {
      const l = list('list-new', target.newListName ?? 'x', 2);
      fake.lists = [...fake.lists, l];
      return { listId: l.id, listName: l.name, added: 2, updated: 0, skippedOptedOut: 0, optedOut: 1, invalid: 2, duplicate: 1 };
    },
    optOutsList: () => ({ rows: fake.optOuts, total: fake.optOuts.length, offset: 0 }),
  };
  const bridge: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) {
    bridge[name] = async (input: unknown): Promise<Result<unknown>> => {
      fake.calls.push({ method: name, input });
      const failure = failures.get(name);
      if (failure) {
        failures.delete(name);
        return { ok: false, error: failure };
      }
      const h = handlers[name];
      if (!h) return { ok: false, error: { code: 'NOT_IN_FAKE', message: `The fake main does not implement ${name}.` } };
      return { ok: true, value: JSON.parse(JSON.stringify((await h(input as never)) ?? null)) as unknown };
    };
  }
  bridge.on = (name: string, l: (payload: unknown) => void) => {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(l);
    return () => set.delete(l);
  };
  fake.bridge = bridge as Bridge;
  return fake;
}
