import type Database from 'better-sqlite3';
import type { MessageState } from '../../../shared/campaigns.ts';
import type { Clock } from '../ports.ts';
import { createTransitions } from '../store/transitions.ts';
import { createBulkAdvance, type Advance, type EventRow } from './bulk-advance.ts';
import { sameNumber } from './numbers.ts';

/**
 * The ONE ingest for delivery reports, pushed or polled. Reports find their message by the provider's
 * id within the account, by the ledger id (outbox reconciliation), or — GSM box delivery reports carry
 * no id — by number + port + the nearest earlier send. A message only moves forward
 * (submitted < sent < delivered | failed | expired): the same report twice, or a late "sent" after
 * "delivered", changes nothing. Each change is written with its message_events row (source push|poll)
 * in one transaction per batch.
 */

export type ReportState = 'submitted' | 'sent' | 'delivered' | 'failed' | 'expired';

export type ReportMatch =
  /** By the provider's message id within the account; `settleUnknownByNumber`: EIMS and JSMS `unknown` messages may take a report for their number. */
  | { by: 'provider-id'; accountId: string; providerId: string; number?: string; settleUnknownByNumber?: boolean; port?: number | null }
  /** By the ledger id (the caller already matched it, e.g. from the box outbox). */
  | { by: 'message'; messageId: number }
  /** GSM box delivery report: number + port + nearest earlier send (at or before `at`, with clock slack). */
  | { by: 'number-port-time'; accountId: string; number: string; port: number | null; at: number };

export interface ReportInput {
  match: ReportMatch;
  state: ReportState;
  source: 'push' | 'poll';
  /** When the provider says it happened (epoch ms). */
  at?: number;
  code?: string | undefined;
  message?: string | undefined;
  providerCode?: string | undefined;
  /** A short note for the history (e.g. "EIMS report 0/3"). */
  detail: string;
}

export interface IngestResult {
  /** Reports that found their message. */
  matched: number;
  /** Messages whose state changed. */
  changed: number;
  unmatched: number;
  campaignIds: Set<string>;
  /**
   * Sends whose outcome this batch first told (the message left submitted/unknown): `ok` it reached
   * the network, else the GSM box could not send it. The box's port rotation learns from these.
   */
  sendOutcomes: SendOutcome[];
}

export interface SendOutcome {
  messageId: number;
  campaignId: string;
  accountId: string;
  ok: boolean;
}

/** The code a GSM box's "Fail" send result is recorded with. */
export const BOX_SEND_FAILED = 'GSMBOX_SEND_FAILED';

function firstOutcome(target: Target, from: MessageState, to: ReportState, code: string | null): SendOutcome | undefined {
  if ((from !== 'submitted' && from !== 'unknown') || to === 'submitted') return undefined;
  return { messageId: target.id, campaignId: target.campaign_id, accountId: target.account_id, ok: !(to === 'failed' && code === BOX_SEND_FAILED) };
}

const RANK: Partial<Record<MessageState, number>> = { submitted: 1, sent: 2, delivered: 3, failed: 3, expired: 3 };
/** The box's clock and the PC's are on one LAN but not in sync to the second. */
export const CLOCK_SLACK_MS = 120_000;

interface Target {
  id: number;
  campaign_id: string;
  account_id: string;
  state: MessageState;
  provider_id: string | null;
}

export function createReportIngest(db: Database.Database, clock: Clock) {
  const s = {
    byProviderId: db.prepare<[string, string], Target>(
      `SELECT id, campaign_id, account_id, state, provider_id FROM messages WHERE account_id = ? AND provider_id = ? ORDER BY id DESC LIMIT 1`,
    ),
    byId: db.prepare<[number], Target>(`SELECT id, campaign_id, account_id, state, provider_id FROM messages WHERE id = ?`),
    unknownOfAccount: db.prepare<[string, number], Target & { address: string }>(
      `SELECT m.id, m.campaign_id, m.account_id, m.state, m.provider_id, m.address FROM messages m JOIN submissions s ON s.id = m.submission_id
       WHERE m.account_id = ? AND m.state = 'unknown' AND s.started_at <= ? ORDER BY m.id`,
    ),
    boxByAddress: db.prepare<[string, string, number], Target & { port: number; handed_at: number }>(
      `SELECT id, campaign_id, account_id, state, provider_id, port, handed_at FROM messages
       WHERE account_id = ? AND address = ? AND port IS NOT NULL AND handed_at <= ? ORDER BY handed_at DESC LIMIT 20`,
    ),
    boxByPort: db.prepare<[string, number, number, number], Target & { address: string; handed_at: number }>(
      `SELECT id, campaign_id, account_id, state, provider_id, address, handed_at FROM messages
       WHERE account_id = ? AND port = ? AND handed_at BETWEEN ? AND ? ORDER BY handed_at DESC LIMIT 500`,
    ),
    settleUnknown: db.prepare<[string, string, string | null, string | null, string | null, number, number]>(
      `UPDATE messages SET state = ?, provider_id = COALESCE(provider_id, ?), error_code = ?, error_message = ?, provider_code = ?,
         updated_at = ?, handed_at = COALESCE(handed_at, updated_at) WHERE id = ? AND state = 'unknown'`,
    ),
    event: db.prepare<[number, number, string, string, string]>(`INSERT INTO message_events (message_id, at, state, source, detail) VALUES (?, ?, ?, ?, ?)`),
  };

  function findBoxReport(m: Extract<ReportMatch, { by: 'number-port-time' }>): Target | undefined {
    const upTo = m.at + CLOCK_SLACK_MS;
    let rows: (Target & { port: number | null })[] = s.boxByAddress.all(m.accountId, m.number, upTo);
    if (rows.length === 0 && m.port !== null) {
      rows = s.boxByPort.all(m.accountId, m.port, upTo - 3 * 86_400_000, upTo).filter((r) => sameNumber(r.address, m.number)).map((r) => ({ ...r, port: m.port }));
    }
    const onPort = m.port === null ? rows : rows.filter((r) => r.port === m.port);
    // Nearest earlier send that still waits for its report; else the nearest (a repeat changes nothing).
    return onPort.find((r) => r.state === 'submitted' || r.state === 'sent') ?? onPort[0];
  }

  /** A batch's `unknown` messages per account, read once per batch (a batch may carry thousands of unmatched reports). */
  type UnknownCache = Map<string, (Target & { address: string })[]>;

  function find(m: ReportMatch, state: ReportState, unknowns: UnknownCache): { target: Target; viaUnknown: boolean } | undefined {
    if (m.by === 'message') {
      const t = s.byId.get(m.messageId);
      return t ? { target: t, viaUnknown: false } : undefined;
    }
    if (m.by === 'number-port-time') {
      const t = findBoxReport(m);
      return t ? { target: t, viaUnknown: false } : undefined;
    }
    const t = s.byProviderId.get(m.accountId, m.providerId);
    if (t) return { target: t, viaUnknown: false };
    if (m.settleUnknownByNumber && m.number !== undefined && state !== 'submitted') {
      // EIMS: the send reply that carried the ids was lost. A report row for the number, within the
      // account, after the request started, settles the oldest such message.
      let list = unknowns.get(m.accountId);
      if (!list) unknowns.set(m.accountId, (list = s.unknownOfAccount.all(m.accountId, clock.now())));
      const at = list.findIndex((r) => sameNumber(r.address, m.number!));
      // Taken from the cache now: it is settled by this report (or, if that fails, left for a later batch).
      if (at >= 0) return { target: list.splice(at, 1)[0]!, viaUnknown: true };
    }
    return undefined;
  }

  const byProviderIds = db.prepare<[string, string], Target>(
    `SELECT m.id, m.campaign_id, m.account_id, m.state, m.provider_id FROM json_each(?) j CROSS JOIN messages m WHERE m.account_id = ? AND m.provider_id = j.value`,
  );
  const bulk = createBulkAdvance(db);

  /** Provider-id matches of a batch, looked up in one statement per account (the newest message wins a shared id). */
  function prefetch(inputs: readonly ReportInput[]): Map<string, Target> {
    const byAccount = new Map<string, Set<string>>();
    for (const i of inputs) {
      if (i.match.by !== 'provider-id') continue;
      let set = byAccount.get(i.match.accountId);
      if (!set) byAccount.set(i.match.accountId, (set = new Set()));
      set.add(i.match.providerId);
    }
    const found = new Map<string, Target>();
    for (const [accountId, ids] of byAccount) {
      for (const t of byProviderIds.all(JSON.stringify([...ids]), accountId)) {
        const key = `${accountId}\u0000${t.provider_id}`;
        const had = found.get(key);
        if (!had || had.id < t.id) found.set(key, t);
      }
    }
    return found;
  }

  const counts = createTransitions(db);

  function apply(inputs: readonly ReportInput[], result: IngestResult): void {
    const now = clock.now();
    const known = prefetch(inputs);
    const unknowns: UnknownCache = new Map();
    /** The state each touched message is in as this batch goes (repeats within a batch are no-ops). */
    const current = new Map<number, MessageState>();
    const updates = new Map<number, Advance>();
    const events: EventRow[] = [];
    for (const input of inputs) {
      const m = input.match;
      const pre = m.by === 'provider-id' ? known.get(`${m.accountId}\u0000${m.providerId}`) : undefined;
      const found = pre ? { target: pre, viaUnknown: false } : find(m, input.state, unknowns);
      if (!found) {
        result.unmatched += 1;
        continue;
      }
      result.matched += 1;
      const { target, viaUnknown } = found;
      const failure = input.state === 'failed' || input.state === 'expired';
      const code = failure ? (input.code ?? null) : null;
      const message = failure ? (input.message ?? null) : null;
      const providerCode = input.providerCode ?? null;
      const state = current.get(target.id) ?? target.state;
      const note0 = message && !input.detail.includes(message) ? `${input.detail}: ${message}` : input.detail;
      if (viaUnknown || state === 'unknown') {
        const providerId = m.by === 'provider-id' ? m.providerId : (target.provider_id ?? '');
        if (s.settleUnknown.run(input.state, providerId, code, message, providerCode, now, target.id).changes !== 1) continue;
        // handed_at was set by the UPDATE (COALESCE with updated_at), so the send counts as handed over now.
        counts.record(now, [{ id: target.id, campaignId: target.campaign_id, accountId: target.account_id, from: 'unknown', to: input.state, handed: true }]);
        s.event.run(target.id, now, input.state, input.source, `${note0} (settles an unknown send)`);
        current.set(target.id, input.state);
        const o = firstOutcome(target, 'unknown', input.state, code);
        if (o) result.sendOutcomes.push(o);
      } else {
        const from = RANK[state];
        const to = RANK[input.state]!;
        // Forward only; final states never change (a delivered message stays delivered).
        if (from === undefined || to <= from) continue;
        current.set(target.id, input.state);
        const o = firstOutcome(target, state, input.state, code);
        if (o) result.sendOutcomes.push(o);
        const prev = updates.get(target.id);
        updates.set(target.id, {
          id: target.id,
          campaignId: target.campaign_id,
          accountId: target.account_id,
          from: prev?.from ?? state,
          state: input.state,
          code: code ?? prev?.code ?? null,
          message: message ?? prev?.message ?? null,
          providerCode,
        });
        events.push({ id: target.id, state: input.state, source: input.source, detail: note0 });
      }
      result.changed += 1;
      result.campaignIds.add(target.campaign_id);
    }
    if (updates.size > 0) bulk.write([...updates.values()], events, now);
  }

  const ingestTx = db.transaction((inputs: readonly ReportInput[], result: IngestResult) => apply(inputs, result));

  return {
    /** Applies a batch of reports in one transaction; idempotent. */
    ingest(inputs: readonly ReportInput[]): IngestResult {
      const result: IngestResult = { matched: 0, changed: 0, unmatched: 0, campaignIds: new Set(), sendOutcomes: [] };
      if (inputs.length > 0) ingestTx(inputs, result);
      return result;
    },
  };
}

export type ReportIngest = ReturnType<typeof createReportIngest>;
