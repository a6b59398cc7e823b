import { createFaults, type FaultOptions, type Faults } from './faults.ts';
import { listen, parseJson, type SimRecord, type SimReply, type SimRequest } from './http-kit.ts';
import { sendBoxPush, type BoxPushConfig, type MessageEncoding, type RawPushResult } from './gsmbox-push.ts';

/**
 * OpenVox GSM gateway simulator (specs/openvox.md): POST JSON with username/password, replies
 * `{uri, code, msg, data}`; ports with status; one number per send; a port stays busy for a while
 * after each send (a second send on a busy port is refused); outbox with paging and filters; push
 * settings; and raw GET pushes (inbound SMS, async send results, delivery reports) to the configured URL.
 */

export interface GsmboxSimOptions {
  port?: number;
  username?: string;
  password?: string;
  /** Number of GSM ports (default 4); `downPorts` lists ports whose status is 0. */
  ports?: number;
  downPorts?: number[];
  /** How long a port stays busy after a send (default 1500 ms). */
  busyMs?: number;
  /** Delay of the async send result push and of the delivery report push (the outbox row turns DELIVERD then too). */
  resultDelayMs?: number;
  reportDelayMs?: number;
  /** Rows per /smsoutbox/get page (default 20, as boxes serve it). */
  outboxPageSize?: number;
  /** How the message text travels in pushes: raw UTF-8 bytes (default) or percent-encoded UTF-8. */
  messageEncoding?: MessageEncoding;
  /** Time format in pushes: 'dash' YYYY-MM-DD HH:MM:SS (default) or 'slash' YYYY/MM/DD HH:MM:SS. */
  pushTimeFormat?: 'dash' | 'slash';
  pushConfig?: Partial<BoxPushConfig>;
  faults?: FaultOptions;
}

export interface SimPort {
  port: number;
  port_name: string;
  status: number;
  imsi: string;
  busyUntil: number;
}

export interface SimOutboxRow {
  id: number;
  port: number;
  port_name: string;
  phonenumber: string;
  time: number;
  message: string;
  status: 'SENT' | 'FAILED' | 'DELIVERD';
}

export interface GsmboxSimState {
  username: string;
  password: string;
  ports: SimPort[];
  busyMs: number;
  outbox: SimOutboxRow[];
  accepted: SimRecord[];
  config: BoxPushConfig;
  /** Numbers whose sends fail (result Fail, outbox FAILED). */
  failNumbers: Set<string>;
  /**
   * Ports whose SIM cannot send (out of credit, barred, no signal): the box still takes the send and
   * its result is Fail, outbox FAILED, as a real box answers for a SIM the network refuses.
   */
  failPorts: Set<number>;
  /** Numbers whose delivery report says "not received" (cause "Absent subscriber"). */
  undeliveredNumbers: Set<string>;
  /** Numbers whose delivery report says "not received" with cause EXPIRED (the SMSC gave up). */
  expiredNumbers: Set<string>;
  pushes: (RawPushResult & { kind: 'inbound' | 'result' | 'report' })[];
  /** Every request: the outbox queries with their filters (to count read-back calls and per-number look-ups). */
  requests: { uri: string; at: number; code: number; outbox?: { page: number; phone: string; from?: string; to?: string; rows: number } }[];
  messageEncoding: MessageEncoding;
}

export interface GsmboxSim {
  url: string;
  port: number;
  state: GsmboxSimState;
  faults: Faults;
  close(): Promise<void>;
  /** An SMS arrives on a port: pushed to the receiver when pushes are enabled. */
  receiveSms(sms: { from: string; port: number; text: string; at?: number; imsi?: string }): Promise<void>;
  /** Waits until every scheduled push has been sent. */
  flushPushes(): Promise<void>;
  setPortStatus(port: number, status: 0 | 1): void;
  /** A new SIM in the port: later pushes carry its IMSI. */
  setImsi(port: number, imsi: string): void;
}

export const DEFAULT_PUSH_CONFIG: BoxPushConfig = {
  enable: 0, reports_enable: 0, results_enable: 0,
  url_http: 'http', url_host: '127.0.0.1', url_port: '80', url_path: '/push',
  url_from_num: 'phonenumber', url_to_num: 'port', url_portname: 'portname', url_message: 'message',
  url_time: 'time', url_imsi: 'imsi', url_status: 'status', url_user_defined: '',
};

const pad = (n: number) => String(n).padStart(2, '0');
/** Box local time (this machine's zone), as the box prints it. */
export function boxTime(ms: number, sep: '-' | '/' = '-'): string {
  const d = new Date(ms);
  return `${d.getFullYear()}${sep}${pad(d.getMonth() + 1)}${sep}${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * An outbox date filter, `YY-MM-DD H:i:s` as the seed writes it (firmware also takes a 4-digit year),
 * in the box's local time, to the second: undefined when absent, NaN when unreadable.
 */
function parseFilterTime(v: unknown): number | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const m = /^(\d{2}|\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2})$/.exec(v.trim());
  if (!m) return NaN;
  const y = m[1]!.length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
  return new Date(y, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])).getTime();
}

export async function startGsmboxSim(options: GsmboxSimOptions = {}): Promise<GsmboxSim> {
  const portCount = options.ports ?? 4;
  const state: GsmboxSimState = {
    username: options.username ?? 'admin',
    password: options.password ?? 'demo-box-password',
    ports: Array.from({ length: portCount }, (_, i) => ({
      port: i + 1,
      port_name: `gsm-1.${i + 1}`,
      status: options.downPorts?.includes(i + 1) ? 0 : 1,
      imsi: `46000123456789${i}`,
      busyUntil: 0,
    })),
    busyMs: options.busyMs ?? 1500,
    outbox: [],
    accepted: [],
    config: { ...DEFAULT_PUSH_CONFIG, ...options.pushConfig },
    failNumbers: new Set(),
    failPorts: new Set(),
    undeliveredNumbers: new Set(),
    expiredNumbers: new Set(),
    pushes: [],
    requests: [],
    messageEncoding: options.messageEncoding ?? 'raw',
  };
  const faults = createFaults(options.faults ?? {});
  const pending = new Set<Promise<unknown>>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const sep = options.pushTimeFormat === 'slash' ? '/' : '-';
  let nextId = 1;
  let lastOutbox: GsmboxSimState['requests'][number]['outbox'];

  const reply = (uri: string, code: number, msg: string, data: unknown = []): SimReply => ({ status: 200, body: { uri, code, msg, data } });

  const push = (kind: 'inbound' | 'result' | 'report', pairs: [string, string, boolean?][]) => {
    const cfg = state.config;
    if (!cfg.enable) return;
    if (kind === 'result' && !cfg.results_enable) return;
    if (kind === 'report' && !cfg.reports_enable) return;
    const p = sendBoxPush(cfg, pairs, state.messageEncoding).then((r) => state.pushes.push({ ...r, kind }));
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const handlers: Record<string, (b: Record<string, unknown>) => SimReply | Promise<SimReply>> = {
    '/sms/get_valid_spans': () =>
      reply('/sms/get_valid_spans', 200, 'OK', state.ports.map((p) => ({ port: p.port, port_name: p.port_name, status: p.status }))),

    '/sms/send': async (b) => {
      const uri = '/sms/send';
      const spans = Array.isArray(b.spans) ? b.spans.map(Number) : [];
      const dest = typeof b.dest_num === 'string' ? b.dest_num.trim() : '';
      const msg = typeof b.msg === 'string' ? b.msg : '';
      if (spans.length === 0 || spans.some((s) => !state.ports.some((p) => p.port === s))) return reply(uri, 400, 'Invalid spans');
      if (dest === '' || /[,;\s]/.test(dest)) return reply(uri, 400, 'Invalid dest_num');
      if (msg === '') return reply(uri, 400, 'msg is empty');
      const candidates = state.ports.filter((p) => spans.includes(p.port) && p.status === 1);
      if (candidates.length === 0) return reply(uri, 500, 'No available port');
      const now = Date.now();
      const port = candidates.find((p) => p.busyUntil <= now);
      if (!port) return reply(uri, 503, 'Port is busy, try again later');
      port.busyUntil = now + state.busyMs;
      const id = nextId++;
      const failed = state.failNumbers.has(dest) || state.failPorts.has(port.port);
      const row: SimOutboxRow = { id, port: port.port, port_name: port.port_name, phonenumber: dest, time: now, message: msg, status: failed ? 'FAILED' : 'SENT' };
      state.outbox.push(row);
      state.accepted.push({ number: dest, content: msg, providerId: String(id), at: now, via: 'sms/send' });
      const resultPairs = (): [string, string, boolean?][] => [
        [state.config.url_from_num, dest], [state.config.url_to_num, String(port.port)], ['id', String(id)],
        [state.config.url_imsi, port.imsi], [state.config.url_message, '', true], [state.config.url_time, boxTime(Date.now(), sep)],
        ['type', 'SMS-Status-Result'], [state.config.url_status, failed ? 'Fail' : 'Sent'],
      ];
      if (!failed) {
        later(options.reportDelayMs ?? 60, () => {
          const expired = state.expiredNumbers.has(dest);
          const received = !state.undeliveredNumbers.has(dest) && !expired;
          if (received) row.status = 'DELIVERD';
          push('report', [
            [state.config.url_from_num, dest], [state.config.url_to_num, String(port.port)], [state.config.url_imsi, port.imsi],
            [state.config.url_message, '', true], [state.config.url_time, boxTime(Date.now(), sep)], ['type', 'SMS-Status-Report'],
            [state.config.url_status, received ? 'Message received on handset' : 'Message not received on handset'],
            ['cause', received ? 'Delivered' : expired ? 'EXPIRED' : 'Absent subscriber'],
          ]);
        });
      }
      if (b.mode === 1 || b.mode === '1') {
        await new Promise((r) => setTimeout(r, 20));
        return reply(uri, 200, 'OK', [{ id, port: port.port, port_name: port.port_name, dest_num: dest, status: failed ? 'Fail' : 'Sent' }]);
      }
      later(options.resultDelayMs ?? 20, () => push('result', resultPairs()));
      return reply(uri, 200, 'OK', [{ id, port: port.port, port_name: port.port_name }]);
    },

    '/smsoutbox/get': (b) => {
      const uri = '/smsoutbox/get';
      const page = b.current_page === undefined ? 1 : Number(b.current_page);
      if (!Number.isInteger(page) || page < 1) return reply(uri, 400, 'Invalid current_page');
      const from = parseFilterTime(b.start_datetime_filter);
      const to = parseFilterTime(b.end_datetime_filter);
      if (Number.isNaN(from) || Number.isNaN(to)) return reply(uri, 400, 'Invalid datetime filter');
      const phone = typeof b.phone_number_filter === 'string' ? b.phone_number_filter : '';
      const size = options.outboxPageSize ?? 20;
      // The box keeps whole seconds: a row is in [start, end] by its send time to the second, both ends included.
      const second = (ms: number) => Math.floor(ms / 1000) * 1000;
      const matching = state.outbox
        .filter((r) => (phone ? r.phonenumber.includes(phone) : true))
        .filter((r) => (from === undefined || second(r.time) >= from) && (to === undefined || second(r.time) <= to));
      // Newest first, `size` rows a page.
      const rows = matching
        .slice()
        .reverse()
        .slice((page - 1) * size, page * size)
        .map((r) => ({ port_name: r.port_name, phonenumber: r.phonenumber, time: boxTime(r.time), message: r.message, status: r.status }));
      lastOutbox = { page, phone, ...(typeof b.start_datetime_filter === 'string' ? { from: b.start_datetime_filter } : {}), ...(typeof b.end_datetime_filter === 'string' ? { to: b.end_datetime_filter } : {}), rows: rows.length };
      return reply(uri, 200, 'OK', rows);
    },

    '/smsoutbox/get_config': () => reply('/smsoutbox/get_config', 200, 'OK', { ...state.config }),

    '/smsoutbox/set_config': (b) => {
      const uri = '/smsoutbox/set_config';
      const next = { ...state.config };
      for (const key of Object.keys(DEFAULT_PUSH_CONFIG) as (keyof BoxPushConfig)[]) {
        if (b[key] === undefined) continue;
        if (key === 'enable' || key === 'reports_enable' || key === 'results_enable') {
          const n = Number(b[key]);
          if (n !== 0 && n !== 1) return reply(uri, 400, `Invalid ${key}`);
          next[key] = n;
        } else next[key] = String(b[key]);
      }
      if (next.url_http !== 'http' && next.url_http !== 'https') return reply(uri, 400, 'Invalid url_http');
      state.config = next;
      return reply(uri, 200, 'OK');
    },
  };

  const handle = async (req: SimRequest): Promise<SimReply> => {
    const uri = req.path;
    const out = await (async () => {
      const h = handlers[uri];
      if (!h) return { status: 404, body: '<html><body><h1>404 Not Found</h1></body></html>', headers: { 'content-type': 'text/html' } } as SimReply;
      if (req.method !== 'POST') return reply(uri, 405, 'Method not allowed');
      const body = parseJson(req.text);
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return reply(uri, 400, 'Invalid JSON');
      const b = body as Record<string, unknown>;
      if (b.username !== state.username || b.password !== state.password) return reply(uri, 401, 'Authentication failed');
      return h(b);
    })();
    state.requests.push({ uri, at: Date.now(), code: (out.body as { code?: number } | undefined)?.code ?? out.status, ...(uri === '/smsoutbox/get' && lastOutbox ? { outbox: lastOutbox } : {}) });
    lastOutbox = undefined;
    return out;
  };

  const server = await listen(handle, { port: options.port, faults, serverErrorBody: () => '<html><body>500 Internal Server Error</body></html>' });

  return {
    url: server.url,
    port: server.port,
    state,
    faults,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...pending]);
      await server.close();
    },
    receiveSms: async ({ from, port, text, at, imsi }) => {
      const p = state.ports.find((x) => x.port === port);
      push('inbound', [
        [state.config.url_from_num, from], [state.config.url_to_num, String(port)], [state.config.url_portname, p?.port_name ?? `gsm-1.${port}`],
        [state.config.url_message, text, true], [state.config.url_time, boxTime(at ?? Date.now(), sep)], [state.config.url_imsi, imsi ?? p?.imsi ?? ''],
      ]);
      await Promise.allSettled([...pending]);
    },
    flushPushes: async () => {
      while (timers.size > 0 || pending.size > 0) {
        await new Promise((r) => setTimeout(r, 10));
        await Promise.allSettled([...pending]);
      }
    },
    setPortStatus: (port, status) => {
      const p = state.ports.find((x) => x.port === port);
      if (p) p.status = status;
    },
    setImsi: (port, imsi) => {
      const p = state.ports.find((x) => x.port === port);
      if (p) p.imsi = imsi;
    },
  };
}
