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
  allowWeakStorageSchema,
  type AccountView,
  type SecretsProtection,
} from '../../src/shared/accounts.ts';
import { METHOD_NAMES, type Bridge, type EventName, type EventPayload } from '../../src/shared/api.ts';
import type { AppErrorShape, Result } from '../../src/shared/errors.ts';
import { insightRangeSchema, type InsightReport } from '../../src/shared/insight.ts';
import { DEFAULT_SETTINGS, settingsPatchSchema, type Settings } from '../../src/shared/settings.ts';
import { verificationCheckSchema, verificationSendSchema, type ConnectionCheck } from '../../src/shared/providers.ts';
import {
  campaignCreateSchema,
  campaignDraftSchema,
  campaignExportSchema,
  campaignIdSchema,
  campaignMessagesSchema,
  campaignRetrySchema,
  emptyCounts,
  type CampaignPreview,
  type CampaignView,
  type MessageCounts,
  type MessageEventView,
  type MessageRow,
} from '../../src/shared/campaigns.ts';
import type { ContactRow, ListView } from '../../src/shared/contact-lists.ts';
import { composeToolHandlers, type ComposeToolsState } from './fake-compose-tools.ts';
import type { CampaignPortEvent } from '../../src/shared/box-ports.ts';
import {
  campaignRepliesSchema,
  inboxMarkDoneSchema,
  inboxMarkReadSchema,
  inboxReplySchema,
  inboxThreadSchema,
  inboxThreadsSchema,
  messageLogExportSchema,
  messageLogFilterSchema,
  messageLogQuerySchema,
  receiverConfigureSchema,
  type BoxPushState,
  type DashboardAccounts,
  type DashboardStats,
  type CampaignRepliesPage,
  type InboxThreadSummary,
  type MessageLogFilter,
  type MessageLogRow,
  type ReceiverStatus,
  type ThreadItem,
} from '../../src/shared/monitoring.ts';
import { inboxRuleDeleteSchema, inboxRuleSaveSchema, type InboxRuleView } from '../../src/shared/inbox-rules.ts';

import type { DashboardHealth } from '../../src/shared/health.ts';

type Handler = (input: unknown) => unknown;

export interface FakeMain extends ComposeToolsState {
  bridge: Bridge;
  calls: Array<{ method: string; input: unknown }>;
  accounts: AccountView[];
  /** What the secret store holds: account id → field → value. */
  secrets: Map<string, Record<string, string>>;
  /** How the secret store keeps them (secretsProtection). */
  protection: SecretsProtection;
  settings: Settings;
  failNext: (method: string, error: AppErrorShape) => void;
  emit: <K extends EventName>(name: K, payload: EventPayload<K>) => void;
  callsOf: (method: string) => unknown[];
  /** What `accountsTest` answers per account id (default: a plausible ok check for the kind). */
  checks: Map<string, ConnectionCheck>;
  /** Verification codes sent: msg_id → the code and whether it was used. */
  codes: Map<string, { code: string; used: boolean }>;
  /** Contact lists and their members (for compose: list picker and variable names). */
  lists: ListView[];
  listContacts: Map<string, ContactRow[]>;
  /** Campaigns, newest first; their messages and each message's history. */
  campaigns: CampaignView[];
  messages: Map<string, MessageRow[]>;
  histories: Map<number, MessageEventView[]>;
  /** A campaign's gateway port history lines (campaignHistory). */
  portHistories: Map<string, CampaignPortEvent[]>;
  /** What `campaignPreview` answers (default: one recipient per pasted number and list member). */
  preview: CampaignPreview | null;
  /** Monitoring: the message log (any order; served newest id first), inbox threads and their items (newest first). */
  log: MessageLogRow[];
  threads: InboxThreadSummary[];
  threadItems: Map<string, ThreadItem[]>;
  /** Inbox keyword rules, and the replies counted per campaign (campaignReplies). */
  rules: InboxRuleView[];
  replies: Map<string, CampaignRepliesPage>;
  stats: DashboardStats | null;
  dashAccounts: DashboardAccounts | null;
  /** What `dashboardHealth` answers (default: nothing needs attention; the setup counted from the fake's accounts, lists and campaigns). */
  health: DashboardHealth | null;
  /** The Insight report answered for any valid range (null: an error says it is not available). */
  insight: InsightReport | null;
  receiver: ReceiverStatus;
  boxPush: Map<string, BoxPushState>;
}

/** Message log rows for tests: ids first..first+n-1, e164 +8613900000000 + id. */
export function fakeLogRows(n: number, first = 1, partial: Partial<MessageLogRow> = {}): MessageLogRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: first + i,
    campaignId: 'cmp-1',
    campaignName: 'Spring sale',
    campaignKind: 'campaign' as const,
    accountId: 'acc-e',
    provider: 'eims' as const,
    e164: `+86139${String(first + i).padStart(8, '0')}`,
    name: null,
    text: 'Hello',
    template: null,
    segments: 1,
    state: 'delivered' as const,
    providerId: `p-${first + i}`,
    port: null,
    errorCode: null,
    errorMessage: null,
    handedAt: Date.UTC(2026, 0, 2, 3, 4, 5) + (first + i) * 1000,
    updatedAt: Date.UTC(2026, 0, 2, 3, 4, 5) + (first + i) * 1000,
    ...partial,
  }));
}

export function fakeReceiver(partial: Partial<ReceiverStatus> = {}): ReceiverStatus {
  return {
    state: 'listening',
    host: '192.168.1.20',
    port: 18080,
    boundPort: 18080,
    error: null,
    advertisedHost: '192.168.1.20',
    urls: [],
    interfaces: [
      { name: 'eth0', address: '192.168.1.20', family: 'IPv4', cidr: '192.168.1.20/24', internal: false, reachability: 'private' },
      { name: 'lo', address: '127.0.0.1', family: 'IPv4', cidr: '127.0.0.1/8', internal: true, reachability: 'loopback' },
    ],
    lastPushAt: { eims: null, box: null, jsms: null },
    accepted: 0,
    refused: 0,
    ...partial,
  };
}

function matchesLog(r: MessageLogRow, f: MessageLogFilter): boolean {
  return (
    (!f.singles || r.campaignKind !== 'campaign') &&
    (!f.campaignId || r.campaignId === f.campaignId) &&
    (!f.accountId || r.accountId === f.accountId) &&
    (!f.states || f.states.includes(r.state)) &&
    (f.from === undefined || (r.handedAt ?? r.updatedAt) >= f.from) &&
    (f.to === undefined || (r.handedAt ?? r.updatedAt) < f.to) &&
    (f.search === '' || r.e164.includes(f.search))
  );
}

/** A campaign view for tests: counts given per state, the rest plausible. */
export function fakeCampaign(partial: Partial<Omit<CampaignView, 'counts'>> & { id: string; counts?: Partial<MessageCounts> }): CampaignView {
  const counts = { ...emptyCounts(), ...partial.counts };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    kind: 'campaign',
    name: `Campaign ${partial.id}`,
    accountId: 'acc-e',
    accountName: 'Wholesale',
    provider: 'eims',
    state: 'running',
    content: { mode: 'text', body: 'Hello {name}' },
    quietHours: null,
    total,
    totalSegments: total,
    createdAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    updatedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    finishedAt: null,
    handedAt: null,
    reportsUntil: null,
    probablyLost: 0,
    waitingUntil: null,
    lastError: null,
    retryOf: null,
    ...partial,
    counts,
  };
}

/** Messages for a campaign: `e164` +8613800000000 + i, states as given in order. */
export function fakeMessages(states: MessageRow['state'][], firstId = 1): MessageRow[] {
  return states.map((state, i) => ({
    id: firstId + i,
    e164: `+86138000${String(i).padStart(5, '0')}`,
    name: null,
    address: `138000${String(i).padStart(5, '0')}`,
    text: 'Hello',
    template: null,
    segments: 1,
    state,
    attempts: state === 'queued' ? 0 : 1,
    providerId: state === 'queued' ? null : `p-${firstId + i}`,
    port: null,
    errorCode: state === 'failed' ? 'EIMS_REJECTED' : null,
    errorMessage: state === 'failed' ? 'EIMS says: number is blacklisted.' : null,
    providerCode: state === 'failed' ? '-5' : null,
    updatedAt: Date.UTC(2026, 0, 2, 3, 5, 0),
  }));
}

/** A plausible successful check for each kind (the fake's default answer to `accountsTest`). */
export function okCheck(kind: AccountView['kind'], checkedAt = Date.UTC(2026, 0, 2, 3, 4, 5)): ConnectionCheck {
  if (kind === 'gsmbox') {
    const ports = [1, 2, 3, 4].map((port) => ({ port, name: `Port ${port}`, available: port !== 3 }));
    return { ok: true, kind, summary: 'Connected to the GSM box. 3 of 4 ports can send.', balances: [], ports, warnings: [], checkedAt };
  }
  const balances: ConnectionCheck['balances'] =
    kind === 'jsms'
      ? [
          { label: 'App SMS, all types', amount: 1000, unit: 'messages', pool: 'all' },
          { label: 'App industry SMS (codes, notices)', amount: 5000, unit: 'messages', pool: 'industry' },
          { label: 'App marketing SMS', amount: null, unit: 'messages', pool: 'market' },
          { label: 'App voice codes', amount: 100, unit: 'messages', pool: 'voice' },
        ]
      : [{ label: 'Balance', amount: 12.5, unit: 'money' }];
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
    protection: { mode: 'keychain', canStoreWeakly: false },
    settings: { ...DEFAULT_SETTINGS, ...seed.settings },
    failNext: (method, error) => failures.set(method, error),
    emit: (name, payload) => {
      for (const l of listeners.get(name) ?? []) l(payload);
    },
    callsOf: (method) => fake.calls.filter((c) => c.method === method).map((c) => c.input),
    checks: new Map(),
    codes: new Map(),
    lists: [],
    listContacts: new Map(),
    campaigns: [],
    messages: new Map(),
    histories: new Map(),
    portHistories: new Map(),
    preview: null,
    log: [],
    threads: [],
    threadItems: new Map(),
    rules: [],
    replies: new Map(),
    stats: null,
    dashAccounts: null,
    health: null,
    insight: null,
    receiver: fakeReceiver(),
    boxPush: new Map(),
    templates: [],
    signs: [],
    drafts: [],
    duplicates: new Map(),
    tests: [],
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

  const campaignOf = (id: string) => {
    const c = fake.campaigns.find((x) => x.id === id);
    if (!c) throw { code: 'CAMPAIGN_NOT_FOUND', message: 'That campaign no longer exists.' } satisfies AppErrorShape;
    return c;
  };
  const putCampaign = (c: CampaignView, reason: 'created' | 'state') => {
    fake.campaigns = fake.campaigns.some((x) => x.id === c.id) ? fake.campaigns.map((x) => (x.id === c.id ? c : x)) : [c, ...fake.campaigns];
    fake.emit('campaignsChanged', { reason, id: c.id });
    return c;
  };
  const defaultPreview = (draft: ReturnType<typeof campaignDraftSchema.parse>): CampaignPreview => {
    const pasted = draft.recipients.pasted.split(/[\s,;]+/).filter((x) => x !== '');
    const members = draft.recipients.listIds.flatMap((id) => fake.listContacts.get(id) ?? []);
    const numbers = [...pasted, ...members.map((m) => m.e164)];
    const body = draft.content.mode === 'text' ? draft.content.body : '';
    const account = fake.accounts.find((a) => a.id === draft.accountId);
    return {
      accountId: draft.accountId,
      provider: account?.kind ?? 'eims',
      recipients: numbers.length,
      optedOut: 0,
      invalid: 0,
      nonMobile: 0,
      duplicates: 0,
      excluded: [],
      totalSegments: numbers.length,
      missingVariables: [],
      defaultedVariables: [],
      sample: numbers.slice(0, 3).map((e164) => ({ e164, text: body, segments: 1, encoding: 'GSM-7' as const })),
      balances: [{ label: 'Balance', amount: 100, unit: 'money' }],
      cost: { segments: numbers.length, money: null, currency: null },
      funds: null,
      boxCapacity: null,
      warnings: [],
    };
  };

  const monitoringHandlers: Record<string, Handler> = {
    messageLog: (input) => {
      const q = messageLogQuerySchema.parse(input);
      const rows = fake.log.filter((r) => matchesLog(r, q) && (q.cursor === undefined || r.id < q.cursor)).sort((a, b) => b.id - a.id);
      const page = rows.slice(0, q.limit);
      return { rows: page, nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
    },
    messageLogCount: (input) => {
      const f = messageLogFilterSchema.parse(input);
      return { total: fake.log.filter((r) => matchesLog(r, f)).length };
    },
    messageLogExport: (input) => {
      const q = messageLogExportSchema.parse(input);
      const rows = fake.log.filter((r) => matchesLog(r, q)).length;
      return { fileName: `messages.${q.format}`, mime: q.format === 'csv' ? 'text/csv' : 'application/octet-stream', base64: btoa('phone,state\n'), rows };
    },
    inboxThreads: (input) => {
      const q = inboxThreadsSchema.parse(input);
      const answers = (n: string) => (fake.threadItems.get(n) ?? []).some((i) => i.kind === 'in' && i.campaignId === q.campaignId);
      const all = fake.threads
        .filter((t) => (!q.unreadOnly || t.unread > 0) && (q.search === '' || t.number.includes(q.search)))
        .filter((t) => (q.status === 'all' || (q.status === 'done') === t.done) && (q.campaignId === undefined || answers(t.number)))
        .sort((a, b) => b.lastAt - a.lastAt);
      const start = q.cursor ? Number(q.cursor) : 0;
      const threads = all.slice(start, start + q.limit);
      return { threads, nextCursor: start + q.limit < all.length ? String(start + q.limit) : null, unreadTotal: fake.threads.reduce((a, t) => a + t.unread, 0) };
    },
    inboxThread: (input) => {
      const q = inboxThreadSchema.parse(input);
      const items = fake.threadItems.get(q.number) ?? [];
      const start = q.cursor ? Number(q.cursor) : 0;
      const summary = fake.threads.find((t) => t.number === q.number);
      const lastIn = items.find((i) => i.kind === 'in');
      return {
        number: q.number,
        name: summary?.name ?? null,
        items: items.slice(start, start + q.limit),
        nextCursor: start + q.limit < items.length ? String(start + q.limit) : null,
        optedOut: summary?.optedOut ?? false,
        replyAccountId: lastIn?.accountId ?? null,
        done: summary?.done ?? false,
      };
    },
    inboxMarkDone: (input) => {
      const { number, done } = inboxMarkDoneSchema.parse(input);
      fake.threads = fake.threads.map((t) => (t.number === number ? { ...t, done } : t));
      return { done };
    },
    inboxRules: () => ({ rules: fake.rules, optOutKeywords: fake.settings.optOutKeywords }),
    inboxRuleSave: (input) => {
      const parsed = inboxRuleSaveSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const r = parsed.data;
      if (fake.settings.optOutKeywords.some((k) => k.toLowerCase() === r.keyword.toLowerCase())) {
        throw { code: 'RULE_KEYWORD_IS_OPT_OUT', message: `“${r.keyword}” is an opt-out keyword: it always adds the sender to the opt-out list. Pick another keyword.` } satisfies AppErrorShape;
      }
      const view: InboxRuleView = { id: r.id ?? `rule-${fake.rules.length + 1}`, accountId: r.accountId, keyword: r.keyword, replyText: r.replyText, listId: r.listId, enabled: r.enabled, updatedAt: Date.UTC(2026, 0, 3) };
      fake.rules = [...fake.rules.filter((x) => x.id !== view.id), view];
      return view;
    },
    inboxRuleDelete: (input) => {
      const { id } = inboxRuleDeleteSchema.parse(input);
      fake.rules = fake.rules.filter((x) => x.id !== id);
      return { deleted: true as const };
    },
    campaignReplies: (input) => {
      const q = campaignRepliesSchema.parse(input);
      return fake.replies.get(q.campaignId) ?? { replies: 0, repliedNumbers: 0, optOuts: 0, handed: 0, replyRate: 0, items: [], nextCursor: null };
    },
    inboxMarkRead: (input) => {
      const { number } = inboxMarkReadSchema.parse(input);
      fake.threads = fake.threads.map((t) => (t.number === number ? { ...t, unread: 0 } : t));
      fake.threadItems.set(number, (fake.threadItems.get(number) ?? []).map((i) => (i.kind === 'in' ? { ...i, read: true } : i)));
      return { unreadTotal: fake.threads.reduce((a, t) => a + t.unread, 0) };
    },
    inboxReply: (input) => {
      const parsed = inboxReplySchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const r = parsed.data;
      const account = fake.accounts.find((a) => a.id === r.accountId);
      const messageId = nextMsgId++;
      const campaignId = `cmp-r${messageId}`;
      const item: ThreadItem = {
        kind: 'out',
        messageId,
        at: Date.UTC(2026, 0, 3),
        text: r.text,
        template: null,
        accountId: r.accountId,
        accountName: account?.name ?? '?',
        provider: account?.kind ?? 'eims',
        port: null,
        state: 'queued',
        campaignId,
        campaignKind: 'reply',
      };
      fake.threadItems.set(r.number, [item, ...(fake.threadItems.get(r.number) ?? [])]);
      return { campaignId, messageId };
    },
    dashboardStats: () => {
      if (!fake.stats) throw { code: 'MONITORING_NOT_READY', message: 'Monitoring is not available in this build yet. Update the app and try again.' } satisfies AppErrorShape;
      return fake.stats;
    },
    dashboardAccounts: () => fake.dashAccounts ?? { balances: [], boxes: [] },
    dashboardHealth: () =>
      fake.health ?? {
        items: [],
        setup: { accounts: fake.accounts.length, accountsTested: fake.accounts.length, lists: fake.lists.length, sent: fake.campaigns.length > 0 },
        checkedAt: Date.UTC(2026, 0, 2),
      },
    insightReport: (input) => {
      const parsed = insightRangeSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      if (!fake.insight) throw { code: 'INSIGHT_NOT_READY', message: 'Insight is not available yet. Try again.' } satisfies AppErrorShape;
      return { ...fake.insight, range: parsed.data };
    },
    insightExport: (input) => {
      const parsed = insightRangeSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      return { fileName: 'Insight.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: 'UEs=', rows: 1 };
    },
    receiverStatus: () => fake.receiver,
    receiverConfigure: (input) => {
      const parsed = receiverConfigureSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      fake.receiver = { ...fake.receiver, host: parsed.data.host, port: parsed.data.port, boundPort: parsed.data.port };
      return fake.receiver;
    },
    receiverRotateToken: () => {
      fake.receiver = { ...fake.receiver, urls: fake.receiver.urls.map((u) => ({ ...u, url: u.url.replace(/\/push\/[^/]+\//, `/push/new-token-${nextId++}/`) })) };
      return fake.receiver;
    },
    boxPushGet: (input) => {
      const { accountId } = input as { accountId: string };
      return fake.boxPush.get(accountId) ?? { accountId, enabled: false, reportsEnabled: false, resultsEnabled: false, target: '', pointsHere: false, problem: 'Push is off on the gateway.', lastPushAt: null };
    },
    boxPushSetup: (input) => {
      const { accountId } = input as { accountId: string };
      const state: BoxPushState = { accountId, enabled: true, reportsEnabled: true, resultsEnabled: true, target: `http://192.168.1.20:18080/push/••••/box/${accountId}`, pointsHere: true, problem: null, lastPushAt: null };
      fake.boxPush.set(accountId, state);
      return state;
    },
    boxPushTest: () => ({ campaignId: 'cmp-test', messageId: 1, arrived: true, state: 'delivered', summary: 'The gateway pushed the result of the test message.' }),
  };

  const handlers: Record<string, Handler> = {
    ...monitoringHandlers,
    ...composeToolHandlers(fake, {
      campaignOf: (id) => (id === '__test__' ? fakeCampaign({ id }) : campaignOf(id)),
      emit: (name, payload) => fake.emit(name, payload),
      nextId: () => nextId++,
    }),
    listsList: () => fake.lists,
    contactsSearch: (input) => {
      const { listId, offset = 0, limit = 200 } = input as { listId?: string; offset?: number; limit?: number };
      const rows = listId ? (fake.listContacts.get(listId) ?? []) : [...fake.listContacts.values()].flat();
      return { rows: rows.slice(offset, offset + limit), total: rows.length, offset };
    },
    campaignPreview: (input) => {
      const parsed = campaignDraftSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      return fake.preview ?? defaultPreview(parsed.data);
    },
    campaignCreate: (input) => {
      const parsed = campaignCreateSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const d = parsed.data;
      const preview = fake.preview ?? defaultPreview(d);
      const account = fake.accounts.find((a) => a.id === d.accountId);
      const c = fakeCampaign({
        id: `cmp-n${nextId++}`,
        name: d.name,
        accountId: d.accountId,
        accountName: account?.name ?? '?',
        provider: account?.kind ?? 'eims',
        content: d.content,
        quietHours: d.quietHours,
        counts: { ...emptyCounts(), queued: preview.recipients },
      });
      fake.messages.set(c.id, fakeMessages(Array.from({ length: preview.recipients }, () => 'queued' as const), nextId * 1000));
      return putCampaign(c, 'created');
    },
    campaignsList: () => fake.campaigns,
    campaignGet: (input) => campaignOf(campaignIdSchema.parse(input).id),
    campaignMessages: (input) => {
      const q = campaignMessagesSchema.parse(input);
      campaignOf(q.id);
      const rows = (fake.messages.get(q.id) ?? []).filter((m) => (!q.states || q.states.includes(m.state)) && (q.search === '' || m.e164.includes(q.search)));
      return { total: rows.length, rows: rows.slice(q.offset, q.offset + q.limit) };
    },
    messageHistory: (input) => fake.histories.get((input as { messageId: number }).messageId) ?? [],
    campaignHistory: (input) => fake.portHistories.get(campaignOf(campaignIdSchema.parse(input).id).id) ?? [],
    campaignPause: (input) => putCampaign({ ...campaignOf(campaignIdSchema.parse(input).id), state: 'paused' }, 'state'),
    campaignResume: (input) => putCampaign({ ...campaignOf(campaignIdSchema.parse(input).id), state: 'running' }, 'state'),
    campaignCancel: (input) => {
      const c = campaignOf(campaignIdSchema.parse(input).id);
      const counts = { ...c.counts, cancelled: c.counts.cancelled + c.counts.queued, queued: 0 };
      fake.messages.set(c.id, (fake.messages.get(c.id) ?? []).map((m) => (m.state === 'queued' ? { ...m, state: 'cancelled' as const } : m)));
      return putCampaign({ ...c, state: 'cancelled', counts }, 'state');
    },
    campaignRetry: (input) => {
      const q = campaignRetrySchema.parse(input);
      const c = campaignOf(q.id);
      const n = q.states.reduce((sum, s) => sum + c.counts[s], 0);
      const retry = fakeCampaign({ id: `cmp-n${nextId++}`, name: q.name ?? `${c.name} (retry)`, retryOf: c.id, counts: { ...emptyCounts(), queued: n } });
      return putCampaign(retry, 'created');
    },
    campaignExport: (input) => {
      const q = campaignExportSchema.parse(input);
      const c = campaignOf(q.id);
      return { fileName: `${c.name}.${q.format}`, mime: q.format === 'csv' ? 'text/csv' : 'application/octet-stream', base64: btoa('phone,state\n'), rows: c.total };
    },
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
      const account: AccountView = { ...parsed.data.config, id, createdAt: 1, updatedAt: 1, hasSecret: hasSecret(id, parsed.data.config.kind), secretsToReenter: [] };
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
      const account: AccountView = { ...config, id, createdAt: existing.createdAt, updatedAt: 2, hasSecret: hasSecret(id, config.kind), secretsToReenter: existing.secretsToReenter.filter((f) => !(typeof secrets[f] === 'string')) };
      fake.accounts = fake.accounts.map((a) => (a.id === id ? account : a));
      fake.emit('accountsChanged', { reason: 'updated', id });
      return account;
    },
    secretsProtection: () => fake.protection,
    secretsAllowWeakStorage: (input) => {
      allowWeakStorageSchema.parse(input);
      if (fake.protection.mode === 'session' && fake.protection.canStoreWeakly) fake.protection = { ...fake.protection, mode: 'weak', canStoreWeakly: false };
      return fake.protection;
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
