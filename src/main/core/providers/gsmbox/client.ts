import type { z } from 'zod';
import { CAPABILITIES } from '../capabilities.ts';
import { ProviderError, inputError, limitError, missingSecretError } from '../errors.ts';
import { createInFlightLimit } from '../in-flight-limit.ts';
import { badShape, createTransport, httpStatusError } from '../http.ts';
import { formatDashed } from '../provider-time.ts';
import type { ConnectionCheck, DeliveryState, PortInfo, ProviderClientBase, ProviderDeps, SecretGetter } from '../types.ts';
import { boxError, isBoxSuccess } from './reply.ts';
import { parseOutbox, parsePorts, type OutboxEntry } from './rows.ts';
import { envelope, pushSettings, type GsmboxPushSettings } from './schemas.ts';

export interface GsmboxAccount {
  id: string;
  baseUrl: string;
  username: string;
}

export interface GsmboxSendInput {
  /** Exactly one destination number. */
  number: string;
  message: string;
  /** Port values (from getPorts) the box may use. */
  ports: readonly number[];
  /** async (default): the result is pushed later; sync: the result comes back inline. */
  mode?: 'async' | 'sync';
  timeoutMs?: number;
}

export interface GsmboxSendResult {
  /** The box's id for the message when its reply carries one. */
  providerId: string | null;
  /** For sync sends: sent/failed when the reply says so; otherwise 'submitted'. */
  state: DeliveryState;
  /** The reply's `data` as received (its shape is not documented). */
  raw: unknown;
}

export interface OutboxQuery {
  page?: number;
  phoneNumber?: string;
  /** Epoch ms, formatted in the box's local time. */
  from?: number;
  to?: number;
}

export interface GsmboxClientOptions {
  /** UTC offset of the box's clock; default: this PC's current offset (the box is on the same LAN). */
  utcOffsetMinutes?: number;
  /**
   * Year style of the outbox date filters. The box documents `YY-MM-DD H:i:s`; firmware read so far
   * takes a 4-digit year ('yyyy', default). 'yy' sends two digits for boxes that insist.
   */
  outboxYear?: 'yyyy' | 'yy';
  /** Most requests in flight to this box at once (default 2). */
  maxInFlight?: number;
  /** Extra attempts for READ calls that failed transiently (default 1). Sends are never retried. */
  readRetries?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const ID_KEYS = ['id', 'sms_id', 'smsid', 'msg_id', 'msgid', 'message_id'];
const STATUS_KEYS = ['status', 'result', 'state', 'send_status'];

function firstObject(data: unknown): Record<string, unknown> | undefined {
  const v = Array.isArray(data) ? data[0] : data;
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Best-effort reading of the undocumented send reply. */
export function readSendData(data: unknown, sync: boolean): { providerId: string | null; state: DeliveryState } {
  const obj = firstObject(data);
  let providerId: string | null = null;
  let state: DeliveryState = 'submitted';
  if (obj) {
    for (const k of ID_KEYS) {
      const v = obj[k];
      if ((typeof v === 'string' && v !== '') || typeof v === 'number') {
        providerId = String(v);
        break;
      }
    }
    if (sync) {
      for (const k of STATUS_KEYS) {
        const v = obj[k];
        if (typeof v !== 'string') continue;
        if (/^(sent|success|ok|delivered|deliverd)$/i.test(v.trim())) state = 'sent';
        else if (/^(fail|failed|error)$/i.test(v.trim())) state = 'failed';
        break;
      }
    }
  }
  return { providerId, state };
}

export function createGsmboxClient(account: GsmboxAccount, secret: SecretGetter, deps: ProviderDeps, options: GsmboxClientOptions = {}) {
  const offset = options.utcOffsetMinutes ?? -new Date().getTimezoneOffset();
  const transport = createTransport({ provider: 'gsmbox', baseUrl: account.baseUrl, fetch: deps.fetch, timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS });

  const limit = createInFlightLimit(options.maxInFlight ?? 2);
  const readRetries = options.readRetries ?? 1;

  async function call<T>(uri: string, fields: Record<string, unknown>, what: string, mutating: boolean, read: (data: unknown) => T | undefined, timeoutMs?: number): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await limit.run(() => callOnce(uri, fields, what, mutating, read, timeoutMs));
      } catch (err) {
        const retryable = !mutating && attempt < readRetries && err instanceof ProviderError && err.kind === 'transient';
        if (!retryable) throw err;
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
      }
    }
  }

  async function callOnce<T>(uri: string, fields: Record<string, unknown>, what: string, mutating: boolean, read: (data: unknown) => T | undefined, timeoutMs?: number): Promise<T> {
    const password = secret('password');
    if (!password) throw missingSecretError('gsmbox', 'password');
    const reply = await transport.call({ method: 'POST', path: uri, json: { username: account.username, password, ...fields }, ...(timeoutMs ? { timeoutMs } : {}) });
    const env = envelope.safeParse(reply.body);
    if (env.success && !isBoxSuccess(env.data.code)) throw boxError(env.data.code, env.data.msg, [password]);
    if (reply.status < 200 || reply.status >= 300) throw httpStatusError('gsmbox', reply.status, what, mutating);
    if (!env.success) throw badShape('gsmbox', transport.host, what, mutating ? 'unknown' : 'not-sent');
    const out = read(env.data.data);
    if (out === undefined) throw badShape('gsmbox', transport.host, what, mutating ? 'unknown' : 'not-sent');
    return out;
  }

  const parseWith = <S extends z.ZodType>(schema: S) => (data: unknown): z.output<S> | undefined => {
    const obj = firstObject(data);
    const r = schema.safeParse(obj);
    return r.success ? r.data : undefined;
  };

  const client = {
    kind: 'gsmbox' as const,
    accountId: account.id,
    capabilities: CAPABILITIES.gsmbox,

    /** /sms/get_valid_spans: every port and whether it can send now. */
    async getPorts(): Promise<PortInfo[]> {
      return call('/sms/get_valid_spans', {}, 'port query', false, parsePorts);
    },

    /** /sms/send: ONE number per call (several numbers in dest_num are undocumented). */
    async send(input: GsmboxSendInput): Promise<GsmboxSendResult> {
      const number = input.number.trim();
      if (number === '') throw inputError('gsmbox', 'Enter the destination number.', 'number');
      if (/[,;\s]/.test(number)) {
        throw limitError('gsmbox', 'GSMBOX_LIMIT_ONE_NUMBER', 'The GSM box sends to one number per call. Send each number separately.', 'number');
      }
      if (input.message === '') throw inputError('gsmbox', 'Write the message text.', 'message');
      if (input.ports.length === 0 || input.ports.some((p) => !Number.isInteger(p))) throw inputError('gsmbox', 'Pick at least one port to send from.', 'ports');
      const sync = input.mode === 'sync';
      const data = await call(
        '/sms/send',
        { spans: [...input.ports], dest_num: number, msg: input.message, mode: sync ? 1 : 0 },
        'send',
        true,
        (d) => d ?? null,
        input.timeoutMs,
      );
      return { ...readSendData(data, sync), raw: data };
    },

    /** /smsoutbox/get: one page of the outbox, optionally filtered by number and time. */
    async outbox(query: OutboxQuery = {}): Promise<{ page: number; entries: OutboxEntry[]; unreadable: unknown[] }> {
      const page = query.page ?? 1;
      if (!Number.isInteger(page) || page < 1) throw inputError('gsmbox', 'Pages start at 1.', 'page');
      const fields: Record<string, unknown> = { current_page: page };
      if (query.phoneNumber) fields.phone_number_filter = query.phoneNumber;
      const filterTime = (ms: number) => (options.outboxYear === 'yy' ? formatDashed(ms, offset).slice(2) : formatDashed(ms, offset));
      if (query.from !== undefined) fields.start_datetime_filter = filterTime(query.from);
      if (query.to !== undefined) fields.end_datetime_filter = filterTime(query.to);
      const r = await call('/smsoutbox/get', fields, 'outbox query', false, (d) => parseOutbox(d, offset));
      return { page, ...r };
    },

    /** /smsoutbox/get_config: the box's push settings. */
    async getPushSettings(): Promise<GsmboxPushSettings> {
      return call('/smsoutbox/get_config', {}, 'push settings query', false, parseWith(pushSettings));
    },

    /** /smsoutbox/set_config: writes push settings (read them back to confirm). */
    async setPushSettings(settings: GsmboxPushSettings): Promise<void> {
      const checked = pushSettings.safeParse(settings);
      if (!checked.success) throw inputError('gsmbox', 'The push settings are incomplete.', 'settings');
      if (checked.data.url_http && !/^https?$/.test(checked.data.url_http)) throw inputError('gsmbox', 'The push protocol is http or https.', 'url_http');
      await call('/smsoutbox/set_config', checked.data, 'push settings change', false, () => null);
    },

    async checkConnection(): Promise<ConnectionCheck> {
      const ports = await client.getPorts();
      const available = ports.filter((p) => p.available).length;
      return {
        ok: true,
        kind: 'gsmbox',
        summary: `Connected to the GSM box. ${available} of ${ports.length} ports can send.`,
        balances: [],
        ports,
        warnings: available === 0 ? ['No port can send right now: check the SIM cards and signal.'] : [],
        checkedAt: deps.clock.now(),
      };
    },
  } satisfies ProviderClientBase & Record<string, unknown>;
  return client;
}

export type GsmboxClient = ReturnType<typeof createGsmboxClient>;
