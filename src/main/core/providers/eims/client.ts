import type { z } from 'zod';
import { CAPABILITIES, EIMS_LIMITS } from '../capabilities.ts';
import { ProviderError, inputError, limitError } from '../errors.ts';
import { badShape, createTransport, encodeQuery, httpStatusError } from '../http.ts';
import { CHINA_UTC_OFFSET_MINUTES, formatCompact } from '../provider-time.ts';
import type { ConnectionCheck, ProviderClientBase, ProviderDeps, SecretGetter, SendResult } from '../types.ts';
import { eimsAuthFields } from './auth.ts';
import { buildJobBody, checkContent, type EimsJobInput } from './job.ts';
import { createInFlightLimit, sharedInFlightLimit } from '../in-flight-limit.ts';
import { parseEimsInboundRow, parseEimsReportRows, type EimsInboundRow, type EimsReportRow } from './rows.ts';
import * as S from './schemas.ts';
import { matchAccepted } from './send-result.ts';
import { describeEimsStatus, eimsStatusSentence } from './status-codes.ts';

export interface EimsSendInput {
  numbers: readonly string[];
  content: string;
  /** 0 SMS (default), 1 MMS. */
  smsType?: 0 | 1;
  mmsTitle?: string;
  sender?: string;
  /** Timed send: epoch ms, converted to the platform's wall clock (yyyyMMddHHmmss). */
  sendAt?: number;
  /** GET takes ≤100 numbers, POST ≤10,000. Default POST. */
  method?: 'GET' | 'POST';
  timeoutMs?: number;
}

export interface EimsPersonalisedEntry {
  numbers: readonly string[];
  content: string;
  smsType?: 0 | 1;
  mmsTitle?: string;
  sender?: string;
}

export interface EimsClientOptions {
  /** UTC offset of the platform's clock (for sendtime and report times). Default UTC+8. */
  utcOffsetMinutes?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;

function cleanNumbers(numbers: readonly string[]): string[] {
  const out = numbers.map((n) => n.trim()).filter((n) => n !== '');
  for (const n of out) if (n.includes(',')) throw inputError('eims', `A number cannot contain a comma: “${n}”.`, 'numbers');
  return out;
}

/** What the client needs of an EIMS account (a subset of EimsConfig plus the id). */
export interface EimsAccount {
  id: string;
  baseUrl: string;
  account: string;
  sender?: string | undefined;
  encrypted: boolean;
}

export function createEimsClient(account: EimsAccount, secret: SecretGetter, deps: ProviderDeps, options: EimsClientOptions = {}) {
  const offset = options.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES;
  const transport = createTransport({ provider: 'eims', baseUrl: account.baseUrl, fetch: deps.fetch, timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS });

  const auth = () =>
    eimsAuthFields({
      account: account.account,
      encrypted: account.encrypted,
      password: secret('password'),
      key: secret('key'),
      nextSeq: deps.nextSeq,
      nowMs: deps.clock.now(),
    });

  /**
   * In encrypted mode the platform refuses a seq not above the last one it saw, so requests of one
   * account go one at a time and take their seq only when they start (arrival order = seq order).
   * The gate is shared by every client of the same platform account in this process.
   */
  const gate = account.encrypted ? sharedInFlightLimit(`eims|${account.baseUrl}|${account.account}`, 1) : createInFlightLimit(4);

  /** One EIMS call: credentials, HTTP, `status` check, then the documented success shape. */
  function call<T extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, unknown>,
    schema: T,
    what: string,
    mutating: boolean,
    timeoutMs?: number,
  ): Promise<z.output<T>> {
    return gate.run(() => callNow(method, path, params, schema, what, mutating, timeoutMs));
  }

  async function callNow<T extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, unknown>,
    schema: T,
    what: string,
    mutating: boolean,
    timeoutMs?: number,
  ): Promise<z.output<T>> {
    const fields = { ...auth(), ...params };
    const reply = await transport.call(
      method === 'GET'
        ? { method, path, query: encodeQuery(fields as Record<string, string | number | undefined>), ...(timeoutMs ? { timeoutMs } : {}) }
        : { method, path, json: fields, ...(timeoutMs ? { timeoutMs } : {}) },
    );
    const status = S.statusReply.safeParse(reply.body);
    if (status.success && status.data.status !== 0) {
      const info = describeEimsStatus(status.data.status);
      throw new ProviderError(info.code, eimsStatusSentence(status.data.status), {
        kind: info.kind,
        outcome: 'not-sent',
        provider: 'eims',
        providerCode: status.data.status,
      });
    }
    if (reply.status < 200 || reply.status >= 300) throw httpStatusError('eims', reply.status, what, mutating);
    const parsed = schema.safeParse(reply.body);
    if (!parsed.success) throw badShape('eims', transport.host, what, mutating ? 'unknown' : 'not-sent');
    return parsed.data;
  }

  const checkNumbers = (numbers: string[], method: 'GET' | 'POST') => {
    if (numbers.length === 0) throw limitError('eims', 'EIMS_NO_NUMBERS', 'Add at least one number.', 'numbers');
    const max = method === 'GET' ? EIMS_LIMITS.numbersPerGet : EIMS_LIMITS.numbersPerPost;
    if (numbers.length > max) {
      throw limitError('eims', 'EIMS_LIMIT_NUMBERS', `EIMS takes at most ${max} numbers per ${method} request (got ${numbers.length}). Split the batch.`, 'numbers');
    }
  };

  const sendParams = (e: { content: string; smsType?: 0 | 1; mmsTitle?: string; sender?: string }) => {
    const p: Record<string, unknown> = { smstype: e.smsType ?? 0, content: e.content };
    if (e.mmsTitle !== undefined) p.mmstitle = e.mmsTitle;
    const sender = e.sender ?? account.sender;
    if (sender !== undefined) p.sender = sender;
    return p;
  };

  const client = {
    kind: 'eims' as const,
    accountId: account.id,
    capabilities: CAPABILITIES.eims,

    /** GET /getbalance. */
    async balance(): Promise<{ balance: number; gift: number | null }> {
      const r = await call('GET', '/getbalance', {}, S.balanceReply, 'balance query', false);
      return { balance: r.balance, gift: r.gift ?? null };
    },

    /** GET (≤100 numbers) or POST (≤10,000) /sendsms: one text to many numbers, optionally timed. */
    async sendSms(input: EimsSendInput): Promise<SendResult & { success: number; fail: number }> {
      const method = input.method ?? 'POST';
      const numbers = cleanNumbers(input.numbers);
      checkNumbers(numbers, method);
      checkContent(input.content);
      const params = { ...sendParams(input), numbers: numbers.join(',') } as Record<string, unknown>;
      if (input.sendAt !== undefined) {
        if (!Number.isFinite(input.sendAt)) throw inputError('eims', 'Pick a valid send time.', 'sendAt');
        params.sendtime = formatCompact(input.sendAt, offset);
      }
      const r = await call(method, '/sendsms', params, S.sendReply, 'send', true, input.timeoutMs);
      return { ...matchAccepted(numbers, r.array), success: r.success ?? 0, fail: r.fail ?? 0 };
    },

    /** POST /sendsms with `smsarray`: a different text per entry. */
    async sendPersonalised(entries: readonly EimsPersonalisedEntry[], opts: { timeoutMs?: number } = {}) {
      if (entries.length === 0) throw limitError('eims', 'EIMS_NO_NUMBERS', 'Add at least one message.', 'smsarray');
      const all: string[] = [];
      const smsarray = entries.map((e) => {
        const numbers = cleanNumbers(e.numbers);
        if (numbers.length === 0) throw limitError('eims', 'EIMS_NO_NUMBERS', 'Every message needs at least one number.', 'numbers');
        checkContent(e.content);
        all.push(...numbers);
        return { ...sendParams(e), numbers: numbers.join(',') };
      });
      checkNumbers(all, 'POST');
      const r = await call('POST', '/sendsms', { smsarray }, S.sendReply, 'personalised send', true, opts.timeoutMs);
      return { ...matchAccepted(all, r.array), success: r.success ?? 0, fail: r.fail ?? 0 };
    },

    /** GET /getreport for ≤200 ids; rows of every documented shape. */
    async queryReports(ids: readonly string[]): Promise<{
      reports: EimsReportRow[];
      notFound: string[];
      unreadable: unknown[];
      counts: { success?: number; fail?: number; unsent?: number; sending?: number; nofound?: number };
    }> {
      const list = ids.map((i) => String(i).trim()).filter((i) => i !== '');
      if (list.length === 0) return { reports: [], notFound: [], unreadable: [], counts: {} };
      if (list.length > EIMS_LIMITS.idsPerReport) {
        throw limitError('eims', 'EIMS_LIMIT_IDS', `EIMS reports at most ${EIMS_LIMITS.idsPerReport} ids per query (got ${list.length}). Split the ids.`, 'ids');
      }
      const r = await call('GET', '/getreport', { ids: list.join(',') }, S.reportReply, 'report query', false);
      const { reports, unreadable } = parseEimsReportRows(r.array, 'poll', offset);
      const seen = new Set(reports.map((x) => x.providerId));
      const counts: { success?: number; fail?: number; unsent?: number; sending?: number; nofound?: number } = {};
      for (const k of ['success', 'fail', 'unsent', 'sending', 'nofound'] as const) if (r[k] !== undefined) counts[k] = r[k];
      return { reports, notFound: list.filter((i) => !seen.has(i)), unreadable, counts };
    },

    /**
     * GET /getsms: ≤50 inbound SMS, content decoded from base64 UTF-8. The platform returns each message
     * ONCE: persist the result before anything else. Duplicated ids in one answer are dropped.
     */
    async fetchInbound(startTime?: number): Promise<{ messages: EimsInboundRow[]; unreadable: unknown[] }> {
      const params: Record<string, unknown> = {};
      if (startTime !== undefined) params.start_time = Math.floor(startTime / 1000);
      const r = await call('GET', '/getsms', params, S.inboundReply, 'inbound SMS query', false);
      const messages: EimsInboundRow[] = [];
      const unreadable: unknown[] = [];
      const seen = new Set<string>();
      for (const row of r.array) {
        const m = parseEimsInboundRow(row, offset);
        if (!m) unreadable.push(row);
        else if (!seen.has(m.providerId)) {
          seen.add(m.providerId);
          messages.push(m);
        }
      }
      return { messages, unreadable };
    },

    /** POST /smsjob. */
    async createJob(input: EimsJobInput): Promise<{ jobId: string }> {
      const body = buildJobBody({ ...input, senderId: input.senderId ?? account.sender });
      const r = await call('POST', '/smsjob', body, S.jobReply, 'job creation', true);
      if (r.jobId === undefined) throw badShape('eims', transport.host, 'job creation', 'unknown');
      return { jobId: String(r.jobId) };
    },

    async checkConnection(): Promise<ConnectionCheck> {
      const b = await client.balance();
      const balances = [{ label: 'Balance', amount: b.balance, unit: 'money' as const }];
      if (b.gift !== null) balances.push({ label: 'Gift balance', amount: b.gift, unit: 'money' as const });
      return {
        ok: true,
        kind: 'eims',
        summary: b.gift === null ? `Connected to EIMS. Balance: ${b.balance}.` : `Connected to EIMS. Balance: ${b.balance} (gift ${b.gift}).`,
        balances,
        ports: [],
        warnings: [],
        checkedAt: deps.clock.now(),
      };
    },
  } satisfies ProviderClientBase & Record<string, unknown>;
  return client;
}

export type EimsClient = ReturnType<typeof createEimsClient>;
