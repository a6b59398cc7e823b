/**
 * An in-memory stand-in for main behind the `Bridge` interface: validates inputs with the same
 * schemas, keeps accounts and their secrets (never returning the values), emits events, records calls,
 * and can be told to fail the next call of a method.
 */
import {
  SECRET_FIELDS,
  accountCreateSchema,
  accountIdSchema,
  accountUpdateSchema,
  type AccountView,
} from '../../src/shared/accounts.ts';
import { METHOD_NAMES, type Bridge, type EventName, type EventPayload } from '../../src/shared/api.ts';
import type { AppErrorShape, Result } from '../../src/shared/errors.ts';
import { DEFAULT_SETTINGS, settingsPatchSchema, type Settings } from '../../src/shared/settings.ts';
import { verificationCheckSchema, verificationSendSchema, type ConnectionCheck } from '../../src/shared/providers.ts';

type Handler = (input: unknown) => unknown;

export interface FakeMain {
  bridge: Bridge;
  calls: Array<{ method: string; input: unknown }>;
  accounts: AccountView[];
  /** What the secret store holds: account id → field → value. */
  secrets: Map<string, Record<string, string>>;
  settings: Settings;
  failNext: (method: string, error: AppErrorShape) => void;
  emit: <K extends EventName>(name: K, payload: EventPayload<K>) => void;
  callsOf: (method: string) => unknown[];
  /** What `accountsTest` answers per account id (default: a plausible ok check for the kind). */
  checks: Map<string, ConnectionCheck>;
  /** Verification codes sent: msg_id → the code and whether it was used. */
  codes: Map<string, { code: string; used: boolean }>;
}

/** A plausible successful check for each kind (the fake's default answer to `accountsTest`). */
export function okCheck(kind: AccountView['kind'], checkedAt = Date.UTC(2026, 0, 2, 3, 4, 5)): ConnectionCheck {
  if (kind === 'gsmbox') {
    const ports = [1, 2, 3, 4].map((port) => ({ port, name: `Port ${port}`, available: port !== 3 }));
    return { ok: true, kind, summary: 'Connected to the GSM box. 3 of 4 ports can send.', balances: [], ports, warnings: [], checkedAt };
  }
  const balances: ConnectionCheck['balances'] =
    kind === 'jsms' ? [{ label: 'App balance (SMS)', amount: 1000, unit: 'messages' }] : [{ label: 'Balance', amount: 12.5, unit: 'money' }];
  return { ok: true, kind, summary: 'Connected.', balances, ports: [], warnings: [], checkedAt };
}

function validationError(issues: { path: PropertyKey[]; message: string }[]): AppErrorShape {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.path.map(String).join('.')] ??= issue.message;
  return { code: 'VALIDATION', message: 'Some fields need attention.', kind: 'permanent', fields };
}

export function createFakeMain(seed: { accounts?: AccountView[]; secrets?: Record<string, Record<string, string>>; settings?: Partial<Settings> } = {}): FakeMain {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const failures = new Map<string, AppErrorShape>();
  let nextId = 1;

  const fake: FakeMain = {
    bridge: {} as Bridge,
    calls: [],
    accounts: [...(seed.accounts ?? [])],
    secrets: new Map(Object.entries(seed.secrets ?? {})),
    settings: { ...DEFAULT_SETTINGS, ...seed.settings },
    failNext: (method, error) => failures.set(method, error),
    emit: (name, payload) => {
      for (const l of listeners.get(name) ?? []) l(payload);
    },
    callsOf: (method) => fake.calls.filter((c) => c.method === method).map((c) => c.input),
    checks: new Map(),
    codes: new Map(),
  };
  let nextMsgId = 9001;

  const hasSecret = (id: string, kind: AccountView['kind']) => {
    const stored = fake.secrets.get(id) ?? {};
    return Object.fromEntries(SECRET_FIELDS[kind].map((f) => [f, typeof stored[f] === 'string']));
  };
  const applySecrets = (id: string, secrets: Record<string, string | null | undefined>) => {
    const stored = { ...(fake.secrets.get(id) ?? {}) };
    for (const [field, value] of Object.entries(secrets)) {
      if (value === null) delete stored[field];
      else if (typeof value === 'string') stored[field] = value;
    }
    fake.secrets.set(id, stored);
  };

  const handlers: Record<string, Handler> = {
    settingsGet: () => fake.settings,
    settingsUpdate: (input) => {
      fake.settings = { ...fake.settings, ...settingsPatchSchema.parse(input) };
      fake.emit('settingsChanged', fake.settings);
      return fake.settings;
    },
    accountsList: () => fake.accounts,
    accountsCreate: (input) => {
      const parsed = accountCreateSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const id = `acc-${nextId++}`;
      applySecrets(id, parsed.data.secrets);
      const account: AccountView = { ...parsed.data.config, id, createdAt: 1, updatedAt: 1, hasSecret: hasSecret(id, parsed.data.config.kind) };
      fake.accounts = [...fake.accounts, account];
      fake.emit('accountsChanged', { reason: 'created', id });
      return account;
    },
    accountsUpdate: (input) => {
      const parsed = accountUpdateSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const { id, config, secrets } = parsed.data;
      const existing = fake.accounts.find((a) => a.id === id);
      if (!existing) throw { code: 'ACCOUNT_NOT_FOUND', message: 'That account no longer exists.' } satisfies AppErrorShape;
      applySecrets(id, secrets);
      const account: AccountView = { ...config, id, createdAt: existing.createdAt, updatedAt: 2, hasSecret: hasSecret(id, config.kind) };
      fake.accounts = fake.accounts.map((a) => (a.id === id ? account : a));
      fake.emit('accountsChanged', { reason: 'updated', id });
      return account;
    },
    accountsDelete: (input) => {
      const { id } = accountIdSchema.parse(input);
      fake.accounts = fake.accounts.filter((a) => a.id !== id);
      fake.secrets.delete(id);
      fake.emit('accountsChanged', { reason: 'deleted', id });
      return { id };
    },
    accountsTest: (input) => {
      const { id } = accountIdSchema.parse(input);
      const account = fake.accounts.find((a) => a.id === id);
      if (!account) throw { code: 'ACCOUNT_NOT_FOUND', message: 'That account no longer exists.' } satisfies AppErrorShape;
      return fake.checks.get(id) ?? okCheck(account.kind);
    },
    verificationSend: (input) => {
      const parsed = verificationSendSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const msgId = String(nextMsgId++);
      fake.codes.set(msgId, { code: parsed.data.channel === 'voice' && parsed.data.code ? parsed.data.code : '123456', used: false });
      return { msgId };
    },
    verificationCheck: (input) => {
      const parsed = verificationCheckSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const sent = fake.codes.get(parsed.data.msgId);
      if (!sent) throw { code: 'JSMS_MSG_NOT_FOUND', message: 'JSMS does not know that message id.' } satisfies AppErrorShape;
      if (sent.used) return { valid: false, reason: 'This code was already used.', reasonCode: 50012 };
      if (sent.code !== parsed.data.code) return { valid: false, reason: 'The code is wrong.', reasonCode: 50010 };
      sent.used = true;
      return { valid: true };
    },
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
      const handler = handlers[name];
      if (!handler) return { ok: false, error: { code: 'NOT_IN_FAKE', message: `The fake main does not implement ${name}.` } };
      try {
        // Like the real bridge: values cross as JSON, so nothing is shared by reference.
        return { ok: true, value: JSON.parse(JSON.stringify(handler(input) ?? null)) as unknown };
      } catch (err) {
        return { ok: false, error: err as AppErrorShape };
      }
    };
  }
  bridge.on = (name: string, listener: (payload: unknown) => void) => {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };
  fake.bridge = bridge as Bridge;
  return fake;
}
