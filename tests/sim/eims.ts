import { createFaults, type FaultOptions, type Faults } from './faults.ts';
import { listen, parseJson, type SimRecord, type SimReply, type SimRequest } from './http-kit.ts';
import {
  checkEimsAuth,
  compactChinaTime,
  pushRow,
  reportRow,
  validCompactTime,
  type ReportShape,
  type SimInbound,
  type SimJob,
  type SimMessage,
} from './eims-data.ts';

/**
 * EIMS-style platform simulator (specs/eims.md): getbalance, sendsms (GET ≤100, POST ≤10,000,
 * smsarray, sendtime), getreport (≤200 ids, configurable row shape), getsms (base64, returned once),
 * smsjob, plain and encrypted auth (md5 + strictly increasing seq), and PUT pushes of reports.
 */

export interface EimsSimOptions {
  port?: number;
  account?: string;
  password?: string;
  key?: string;
  encrypted?: boolean;
  balance?: number;
  gift?: number;
  /** Price of one SMS in balance units. */
  price?: number;
  reportShape?: ReportShape;
  /** Delivery state a new message starts with. */
  initialSendStatus?: number;
  initialDeliverStatus?: number;
  sensitiveWords?: string[];
  /** Where pushed reports go (HTTP PUT, ≤50 rows per request). */
  pushUrl?: string;
  faults?: FaultOptions;
}

export interface EimsSimState {
  account: string;
  password: string;
  key: string;
  encrypted: boolean;
  balance: number;
  gift: number;
  price: number;
  reportShape: ReportShape;
  ipBlocked: boolean;
  locked: boolean;
  pushUrl: string | undefined;
  messages: Map<number, SimMessage>;
  inbound: SimInbound[];
  jobs: SimJob[];
  /** Every message accepted for sending, one record per number. */
  accepted: SimRecord[];
  /** seq values accepted in encrypted mode, in order. */
  seq: { last: number; seen: number[] };
  requests: { method: string; path: string; at: number; status?: number }[];
  /** How many numbers each accepted send carried, in order (one text of a request: a whole POST, one smsarray entry). */
  sendSizes: number[];
  /** Every push request made (rows per request). */
  pushes: { rows: unknown[][]; status: number | 'error' }[];
  /** Status codes the next send requests answer with (e.g. -12 batch error), one per request in arrival order, nothing processed. */
  sendStatusQueue: number[];
  /** Extra delays (ms) before the next send requests are processed, one per request, in arrival order. */
  sendDelaysMs: number[];
}

export interface EimsSim {
  url: string;
  port: number;
  state: EimsSimState;
  faults: Faults;
  close(): Promise<void>;
  setBalance(n: number): void;
  addInbound(sms: { from: string; text: string; at?: number }): number;
  setReport(id: number | string, sendStatus: number, deliverStatus?: number): void;
  /** Marks every message delivered (or the given delivery status). */
  deliverAll(deliverStatus?: number): void;
  /** PUTs reports of the given ids (default: all) to the push URL, ≤50 rows per request. */
  pushReports(ids?: (number | string)[]): Promise<number>;
}

const MOBILE = /^\+?\d{5,20}$/;

export async function startEimsSim(options: EimsSimOptions = {}): Promise<EimsSim> {
  const state: EimsSimState = {
    account: options.account ?? 'demo',
    password: options.password ?? 'demo-password',
    key: options.key ?? 'demo-key',
    encrypted: options.encrypted ?? false,
    balance: options.balance ?? 100,
    gift: options.gift ?? 50,
    price: options.price ?? 0.05,
    reportShape: options.reportShape ?? 'deliver',
    ipBlocked: false,
    locked: false,
    pushUrl: options.pushUrl,
    messages: new Map(),
    inbound: [],
    jobs: [],
    accepted: [],
    seq: { last: 0, seen: [] },
    requests: [],
    sendSizes: [],
    sendStatusQueue: [],
    sendDelaysMs: [],
    pushes: [],
  };
  const faults = createFaults(options.faults ?? {});
  let nextId = 1;
  let nextInboundId = 1;
  let nextJobId = 1;
  const sensitive = options.sensitiveWords ?? ['forbidden'];
  const fail = (status: number): SimReply => ({ status: 200, body: { status } });

  const contentError = (content: unknown): number | null => {
    if (typeof content !== 'string' || content === '') return -4;
    if ([...content].length > 1024) return -5;
    if (sensitive.some((w) => content.includes(w))) return -3;
    return null;
  };

  /** Validates and accepts one text for a list of numbers; returns [number, id] rows or a status. */
  const accept = (numbersField: unknown, content: unknown, sendtime: unknown, max: number, via: string) => {
    const numbers = String(numbersField ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '');
    if (numbers.length === 0) return -8;
    if (numbers.length > max) return -7;
    const c = contentError(content);
    if (c !== null) return c;
    if (sendtime !== undefined && sendtime !== '' && !validCompactTime(String(sendtime))) return -11;
    const good = numbers.filter((n) => MOBILE.test(n));
    if (good.length === 0) return -9;
    if (state.balance < good.length * state.price) return -10;
    return { numbers, good, content: String(content), sendtime: sendtime ? String(sendtime) : undefined, via };
  };

  const commit = (a: { good: string[]; content: string; sendtime: string | undefined; via: string }) => {
    state.sendSizes.push(a.good.length);
    const rows: [string, number][] = [];
    const now = Date.now();
    for (const n of a.good) {
      const id = nextId++;
      state.balance = Math.round((state.balance - state.price) * 1e6) / 1e6;
      const m: SimMessage = {
        id, number: n, content: a.content, acceptedAt: now,
        sendStatus: options.initialSendStatus ?? 0, deliverStatus: options.initialDeliverStatus ?? 1,
      };
      if (a.sendtime) m.sendtime = a.sendtime;
      state.messages.set(id, m);
      state.accepted.push({ number: n, content: a.content, providerId: String(id), at: now, via: a.via });
      rows.push([n, id]);
    }
    return rows;
  };

  const sendsms = (p: Record<string, unknown>, method: string): SimReply => {
    const max = method === 'GET' ? 100 : 10_000;
    if (Array.isArray(p.smsarray)) {
      const checked = [];
      let total = 0;
      for (const e of p.smsarray as Record<string, unknown>[]) {
        const r = accept(e?.numbers, e?.content, p.sendtime, max, 'sendsms-smsarray');
        if (typeof r === 'number') return fail(r);
        total += r.numbers.length;
        checked.push(r);
      }
      if (total > max) return fail(-7);
      const cost = checked.reduce((s, r) => s + r.good.length, 0) * state.price;
      if (state.balance < cost) return fail(-10);
      const rows = checked.flatMap((r) => commit(r));
      return { status: 200, body: { status: 0, success: rows.length, fail: total - rows.length, array: rows } };
    }
    const r = accept(p.numbers, p.content, p.sendtime, max, method === 'GET' ? 'sendsms-get' : 'sendsms-post');
    if (typeof r === 'number') return fail(r);
    const rows = commit(r);
    return { status: 200, body: { status: 0, success: rows.length, fail: r.numbers.length - rows.length, array: rows } };
  };

  const getreport = (p: Record<string, unknown>): SimReply => {
    const ids = String(p.ids ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (ids.length === 0) return fail(-8);
    if (ids.length > 200) return fail(-7);
    const rows: unknown[] = [];
    const counts = { success: 0, fail: 0, unsent: 0, sending: 0, nofound: 0 };
    for (const id of ids) {
      const m = state.messages.get(Number(id));
      if (!m) {
        counts.nofound++;
        continue;
      }
      if (m.sendStatus === 0) counts.success++;
      else if (m.sendStatus === 1) counts.unsent++;
      else if (m.sendStatus === 2) counts.sending++;
      else counts.fail++;
      rows.push(reportRow(m, state.reportShape));
    }
    return { status: 200, body: { status: 0, ...counts, array: rows } };
  };

  const getsms = (p: Record<string, unknown>): SimReply => {
    const from = p.start_time === undefined || p.start_time === '' ? 0 : Number(p.start_time) * 1000;
    const rows = state.inbound.filter((m) => !m.returned && m.at >= from).slice(0, 50);
    for (const m of rows) m.returned = true;
    return {
      status: 200,
      body: { status: 0, cnt: rows.length, array: rows.map((m) => [m.id, m.from, compactChinaTime(m.at), Buffer.from(m.text, 'utf8').toString('base64')]) },
    };
  };

  const smsjob = (p: Record<string, unknown>): SimReply => {
    const name = typeof p.job === 'string' ? p.job : '';
    if (name === '' || [...name].length > 64) return fail(-15);
    const jobtype = p.jobtype === undefined ? 0 : Number(p.jobtype);
    if (![0, 1, 2, 3, 4, 5].includes(jobtype)) return fail(-16);
    const src = p.numbersrc === undefined ? 0 : Number(p.numbersrc);
    if (src !== 0 && src !== 1) return fail(-14);
    const c = contentError(p.content);
    if (c !== null) return fail(c);
    const numbers = String(p.numbers ?? '');
    if (numbers === '') return fail(-8);
    if (src === 0 && Buffer.byteLength(numbers, 'utf8') > 4096) return fail(-7);
    if (src === 1 && !/^https?:\/\/.+\.xls(\?.*)?$/i.test(numbers)) return fail(-14);
    if (jobtype >= 2 && (p.min === undefined || p.hour === undefined)) return fail(-17);
    if (jobtype === 1 && p.planstarttm === undefined) return fail(-11);
    const jobId = nextJobId++;
    state.jobs.push({ jobId, body: { ...p, password: undefined }, at: Date.now() });
    if (jobtype === 0 && src === 0) {
      const r = accept(numbers, p.content, undefined, 10_000, 'smsjob');
      if (typeof r === 'number') return fail(r);
      commit(r);
    }
    return { status: 200, body: { status: 0, jobid: jobId } };
  };

  const routes: Record<string, { methods: string[]; run: (p: Record<string, unknown>, method: string) => SimReply }> = {
    '/getbalance': { methods: ['GET'], run: () => ({ status: 200, body: { status: 0, balance: state.balance.toFixed(6), gift: state.gift.toFixed(5) } }) },
    '/sendsms': { methods: ['GET', 'POST'], run: sendsms },
    '/getreport': { methods: ['GET'], run: getreport },
    '/getsms': { methods: ['GET'], run: getsms },
    '/smsjob': { methods: ['POST'], run: smsjob },
  };

  const handle = async (req: SimRequest): Promise<SimReply> => {
    // A send's forced status and delay are taken in arrival order, so a delayed request keeps its own.
    const forcedStatus = req.path === '/sendsms' ? state.sendStatusQueue.shift() : undefined;
    const delay = req.path === '/sendsms' ? state.sendDelaysMs.shift() : undefined;
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const entry: EimsSimState['requests'][number] = { method: req.method, path: req.path, at: Date.now() };
    state.requests.push(entry);
    const route = routes[req.path];
    if (!route) return { status: 404, body: '<html><body>404 Not Found</body></html>', headers: { 'content-type': 'text/html' } };
    if (!route.methods.includes(req.method)) return { status: 405, body: 'Method Not Allowed', headers: { 'content-type': 'text/plain' } };
    let params: Record<string, unknown>;
    if (req.method === 'GET') params = Object.fromEntries(req.query.entries());
    else {
      const body = parseJson(req.text);
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return fail(-17);
      params = body as Record<string, unknown>;
    }
    const reply = (() => {
      if (state.ipBlocked) return fail(-2);
      const authFail = checkEimsAuth(params, { ...state, timeWindowSeconds: 300 }, state.seq, Date.now());
      if (authFail !== null) return fail(authFail);
      if (state.locked) return fail(-13);
      if (forcedStatus !== undefined) return fail(forcedStatus);
      return route.run(params, req.method);
    })();
    entry.status = (reply.body as { status?: number } | undefined)?.status;
    return reply;
  };

  const server = await listen(handle, { port: options.port, faults, serverErrorBody: () => '<html><body>500 Internal Server Error</body></html>' });

  return {
    url: server.url,
    port: server.port,
    state,
    faults,
    close: server.close,
    setBalance: (n) => {
      state.balance = n;
    },
    addInbound: ({ from, text, at }) => {
      const id = nextInboundId++;
      state.inbound.push({ id, from, text, at: at ?? Date.now(), returned: false });
      return id;
    },
    setReport: (id, sendStatus, deliverStatus) => {
      const m = state.messages.get(Number(id));
      if (!m) throw new Error(`no message ${id}`);
      m.sendStatus = sendStatus;
      if (deliverStatus !== undefined) {
        m.deliverStatus = deliverStatus;
        m.deliverAt = Date.now();
      }
    },
    deliverAll: (deliverStatus = 3) => {
      for (const m of state.messages.values()) {
        if (m.sendStatus !== 0) continue;
        m.deliverStatus = deliverStatus;
        m.deliverAt = Date.now();
      }
    },
    pushReports: async (ids) => {
      if (!state.pushUrl) throw new Error('no push URL configured');
      const list = ids ? ids.map((i) => state.messages.get(Number(i))).filter((m): m is SimMessage => m !== undefined) : [...state.messages.values()];
      let requests = 0;
      for (let i = 0; i < list.length; i += 50) {
        const rows = list.slice(i, i + 50).map(pushRow);
        const record: EimsSimState['pushes'][number] = { rows, status: 'error' };
        state.pushes.push(record);
        requests++;
        try {
          const res = await fetch(state.pushUrl, {
            method: 'PUT',
            headers: { 'content-type': 'application/json;charset=utf-8' },
            body: JSON.stringify({ type: 'report', cnt: rows.length, array: rows }),
            signal: AbortSignal.timeout(5000),
          });
          record.status = res.status;
          await res.arrayBuffer();
        } catch {
          record.status = 'error';
        }
      }
      return requests;
    },
  };
}
