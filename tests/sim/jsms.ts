import { randomUUID } from 'node:crypto';
import { createFaults, seededRandom } from './faults.ts';
import { listen, parseJson, type SimReply, type SimRequest } from './http-kit.ts';
import { createJsmsCatalog } from './jsms-catalog.ts';
import { createJsmsPull } from './jsms-pull.ts';
import { JSMS_HTTP_STATUS, jsmsFail, renderTemplate } from './jsms-rules.ts';
import { chinaTimeToMs, type JsmsSim, type JsmsSimOptions, type JsmsSimState, type SimSchedule } from './jsms-types.ts';

export type { JsmsSim, JsmsSimOptions, JsmsSimState } from './jsms-types.ts';

/**
 * JSMS simulator: the REST API of specs/jsms.md on 127.0.0.1 — Basic auth (dev key pair for
 * /v1/accounts/dev), JSON only, the documented error codes and HTTP statuses, verification codes,
 * template SMS (single, batch ≤1000), scheduled SMS, balances, templates and signatures
 * (jsms-catalog.ts), and the report/reply pull.
 */

const MOBILE = /^\+?\d{5,20}$/;

export async function startJsmsSim(options: JsmsSimOptions = {}): Promise<JsmsSim> {
  const rand = seededRandom(options.seed ?? 7);
  let nextMsgId = 274887115920;
  const state: JsmsSimState = {
    appKey: options.appKey ?? 'demo-app-key',
    masterSecret: options.masterSecret ?? 'demo-master-secret',
    devKey: options.devKey ?? 'demo-dev-key',
    devSecret: options.devSecret ?? 'demo-dev-secret',
    appBalance: options.appBalance === undefined ? 1000 : options.appBalance,
    appIndustry: options.appIndustry ?? null,
    appMarket: options.appMarket ?? null,
    appVoice: options.appVoice === undefined ? 100 : options.appVoice,
    devBalance: options.devBalance === undefined ? 5000 : options.devBalance,
    templates: new Map(
      (options.templates ?? [
        { id: 1, type: 1, template: 'Your code is {{code}}', status: 1, ttl: 300 },
        { id: 2, type: 2, template: 'Hello {{name}}, your order {{order}} has shipped.', status: 1 },
        { id: 3, type: 3, template: 'Sale today!', status: 1 },
        { id: 4, type: 2, template: 'Pending {{x}}', status: 0 },
      ]).map((t) => [t.id, t]),
    ),
    signs: new Map(),
    codes: new Map(),
    schedules: new Map(),
    accepted: [],
    refusedRecipients: [],
    requests: [],
    batchReplyShape: options.batchReplyShape ?? 'recipients',
    numericMsgIds: options.numericMsgIds ?? false,
    reportQueue: [],
    replyQueue: [],
    reported: new Set(),
    pullRefused: 0,
  };
  const pull = createJsmsPull(state, options.pullGapMs ?? 5000);
  const catalog = createJsmsCatalog(state);
  const faults = createFaults(options.faults ?? {});
  const newMsgId = () => String(nextMsgId++);
  const outId = (id: string) => (state.numericMsgIds ? Number(id) : id);

  const checkAuth = (req: SimRequest, dev: boolean): SimReply | null => {
    const h = req.headers.authorization;
    if (!h || !h.startsWith('Basic ')) return jsmsFail(50001);
    const [user, ...rest] = Buffer.from(h.slice(6), 'base64').toString('utf8').split(':');
    const pass = rest.join(':');
    const ok = dev ? user === state.devKey && pass === state.devSecret : user === state.appKey && pass === state.masterSecret;
    return ok ? null : jsmsFail(50002);
  };

  type Pool = 'appIndustry' | 'appMarket' | 'appVoice';
  /** The quota a template type draws on first: codes and notices industry, marketing market. */
  const poolOf = (tempId: unknown): Pool => (state.templates.get(Number(tempId))?.type === 3 ? 'appMarket' : 'appIndustry');
  const noQuota = () => state.appBalance === null && state.appIndustry === null && state.appMarket === null;
  /** What a send from `pool` can still use: its own quota, then the all-type quota. */
  const available = (pool: Pool) => (state[pool] ?? 0) + (state.appBalance ?? 0);
  const spend = (n: number, pool: Pool): SimReply | null => {
    if (noQuota()) return jsmsFail(50033);
    if (available(pool) < n) return jsmsFail(50014);
    const own = Math.min(state[pool] ?? 0, n);
    if (own > 0) state[pool] = state[pool]! - own;
    if (n > own) state.appBalance = state.appBalance! - (n - own);
    return null;
  };

  const record = (number: string, content: string, providerId: string, via: string) =>
    state.accepted.push({ number, content, providerId, at: Date.now(), via });

  /** 50009 when a mobile already got `maxPerMobilePerMinute` messages in the last minute. */
  const tooFrequent = (mobile: string): SimReply | null => {
    const max = options.maxPerMobilePerMinute;
    if (max === undefined) return null;
    const since = Date.now() - 60_000;
    return state.accepted.filter((r) => r.number === mobile && r.at >= since).length >= max ? jsmsFail(50009) : null;
  };

  /** Validates one template send; returns the rendered content or an error code. */
  const checkTemplateSend = (tempId: unknown, para: unknown, allowTypes: number[]): { content: string } | { code: number } => {
    if (tempId === undefined || tempId === null || tempId === '') return { code: 50005 };
    const t = state.templates.get(Number(tempId));
    if (!t) return { code: 50013 };
    if (t.status === 0) return { code: 50020 };
    if (t.status === 2) return { code: 50021 };
    if (!allowTypes.includes(t.type)) return { code: 50025 };
    const rendered = renderTemplate(t.template, para);
    if (rendered === null) return { code: 50022 };
    return { content: rendered };
  };

  const batchRecipients = (body: Record<string, unknown>, via: string, sendNow: boolean) => {
    const list = body.recipients;
    if (!Array.isArray(list) || list.length === 0) return { error: jsmsFail(50030) } as const;
    if (list.length > 1000) return { error: jsmsFail(50031) } as const;
    if (typeof body.tag === 'string' && [...body.tag].length > 10) return { error: jsmsFail(50007) } as const;
    const ok: { mobile: string; temp_para?: Record<string, unknown>; msg_id: string; content: string }[] = [];
    const bad: { error_code: string; error_message: string; mobile: string; temp_para?: unknown }[] = [];
    const refuse = (mobile: string, code: number, message: string, para: unknown) => {
      bad.push({ error_code: String(code), error_message: message, mobile, temp_para: para });
      state.refusedRecipients.push({ mobile, code, at: Date.now() });
    };
    for (const r of list as Record<string, unknown>[]) {
      const mobile = String(r?.mobile ?? '');
      const check = checkTemplateSend(body.temp_id, r?.temp_para, [2, 3]);
      if ('code' in check && (check.code === 50013 || check.code === 50005 || check.code === 50020 || check.code === 50021 || check.code === 50025)) {
        return { error: jsmsFail(check.code) } as const;
      }
      if (!MOBILE.test(mobile)) refuse(mobile, 50006, 'invalid mobile', r?.temp_para);
      else if ('code' in check) refuse(mobile, check.code, 'parameters not all replaced', r?.temp_para);
      else ok.push({ mobile, temp_para: r.temp_para as Record<string, unknown>, msg_id: newMsgId(), content: check.content });
    }
    if (sendNow && options.balanceCheck === 'recipient' && !noQuota()) {
      const affordable = Math.max(0, Math.min(ok.length, available(poolOf(body.temp_id))));
      for (const r of ok.splice(affordable)) refuse(r.mobile, 50014, 'no money', r.temp_para);
    }
    if (sendNow) {
      const fail = spend(ok.length, poolOf(body.temp_id));
      if (fail) return { error: fail } as const;
      for (const r of ok) record(r.mobile, r.content, r.msg_id, via);
    }
    return { ok, bad } as const;
  };

  const batchReply = (ok: { mobile: string; msg_id: string }[], bad: unknown[]) =>
    state.batchReplyShape === 'recipients'
      ? { success_count: ok.length, failure_count: bad.length, recipients: [...ok.map((r) => ({ msg_id: outId(r.msg_id), mobile: r.mobile })), ...bad] }
      : { success_count: ok.length, failure_count: bad.length, failure_recipients: bad };

  const routes: { method: string; pattern: RegExp; run: (req: SimRequest, body: Record<string, unknown>, m: RegExpExecArray) => SimReply | Promise<SimReply> }[] = [
    {
      method: 'POST', pattern: /^\/v1\/codes$/,
      run: (_req, b) => {
        if (!b.mobile) return jsmsFail(50004);
        if (!MOBILE.test(String(b.mobile))) return jsmsFail(50006);
        const freq = tooFrequent(String(b.mobile));
        if (freq) return freq;
        const check = checkTemplateSend(b.temp_id, { code: '000000' }, [1]);
        if ('code' in check) return jsmsFail(check.code);
        const fail = spend(1, 'appIndustry');
        if (fail) return fail;
        const code = String(Math.floor(rand() * 900000) + 100000);
        const msgId = newMsgId();
        const ttl = state.templates.get(Number(b.temp_id))?.ttl ?? 60;
        state.codes.set(msgId, { msgId, mobile: String(b.mobile), code, expiresAt: Date.now() + ttl * 1000, used: false });
        record(String(b.mobile), renderTemplate(state.templates.get(Number(b.temp_id))!.template, { code }) ?? code, msgId, 'codes');
        return { status: 200, body: { msg_id: outId(msgId) } };
      },
    },
    {
      method: 'POST', pattern: /^\/v1\/voice_codes$/,
      run: (_req, b) => {
        if (!b.mobile) return jsmsFail(50004);
        if (!MOBILE.test(String(b.mobile))) return jsmsFail(50006);
        const freq = tooFrequent(String(b.mobile));
        if (freq) return freq;
        let code = b.code === undefined ? String(Math.floor(rand() * 9000) + 1000) : String(b.code);
        if (!/^\d*$/.test(code)) return jsmsFail(50039);
        if (code.length < 4 || code.length > 8) return jsmsFail(50038);
        if (b.voice_lang !== undefined && ![0, 1, 2].includes(Number(b.voice_lang))) return jsmsFail(50040);
        const ttl = b.ttl === undefined ? 60 : Number(b.ttl);
        if (!Number.isInteger(ttl) || ttl <= 0 || ttl > 86400) return jsmsFail(50041);
        const fail = spend(1, 'appVoice');
        if (fail) return fail;
        const msgId = newMsgId();
        code = String(code);
        state.codes.set(msgId, { msgId, mobile: String(b.mobile), code, expiresAt: Date.now() + ttl * 1000, used: false });
        record(String(b.mobile), `voice:${code}`, msgId, 'voice_codes');
        return { status: 200, body: { msg_id: outId(msgId) } };
      },
    },
    {
      method: 'POST', pattern: /^\/v1\/codes\/([^/]+)\/valid$/,
      run: (_req, b, m) => {
        if (b.code === undefined || b.code === '') return jsmsFail(50015);
        const c = state.codes.get(decodeURIComponent(m[1]!));
        if (!c) return jsmsFail(50026);
        const invalid = (code: number, message: string) => ({ status: 200, body: { is_valid: false, error: { code, message } } });
        if (c.used) return invalid(50012, 'verified code');
        if (Date.now() > c.expiresAt) return invalid(50011, 'expired code');
        if (String(b.code) !== c.code) return invalid(50010, 'invalid code');
        c.used = true;
        return { status: 200, body: { is_valid: true } };
      },
    },
    {
      method: 'POST', pattern: /^\/v1\/messages$/,
      run: (_req, b) => {
        if (!b.mobile) return jsmsFail(50004);
        if (!MOBILE.test(String(b.mobile))) return jsmsFail(50006);
        const freq = tooFrequent(String(b.mobile));
        if (freq) return freq;
        const check = checkTemplateSend(b.temp_id, b.temp_para, [2, 3]);
        if ('code' in check) return jsmsFail(check.code);
        const fail = spend(1, poolOf(b.temp_id));
        if (fail) return fail;
        const msgId = newMsgId();
        record(String(b.mobile), check.content, msgId, 'messages');
        return { status: 200, body: { msg_id: outId(msgId) } };
      },
    },
    {
      method: 'POST', pattern: /^\/v1\/messages\/batch$/,
      run: (_req, b) => {
        const r = batchRecipients(b, 'messages/batch', true);
        if ('error' in r) return r.error!;
        return { status: 200, body: batchReply(r.ok, r.bad) };
      },
    },
    { method: 'POST', pattern: /^\/v1\/schedule$/, run: (_req, b) => scheduleSingle(b, undefined) },
    { method: 'PUT', pattern: /^\/v1\/schedule\/batch\/([^/]+)$/, run: (_req, b, m) => scheduleBatch(b, decodeURIComponent(m[1]!)) },
    { method: 'POST', pattern: /^\/v1\/schedule\/batch$/, run: (_req, b) => scheduleBatch(b, undefined) },
    { method: 'PUT', pattern: /^\/v1\/schedule\/([^/]+)$/, run: (_req, b, m) => scheduleSingle(b, decodeURIComponent(m[1]!)) },
    {
      method: 'GET', pattern: /^\/v1\/schedule\/([^/]+)$/,
      run: (_req, _b, m) => {
        const s = state.schedules.get(decodeURIComponent(m[1]!));
        if (!s || s.status === 'deleted') return jsmsFail(50028);
        return {
          status: 200,
          body: { schedule_id: s.id, send_time: s.sendTime, temp_id: s.tempId, recipients: s.recipients.map((r) => ({ ...r, msg_id: outId(r.msg_id) })) },
        };
      },
    },
    {
      method: 'DELETE', pattern: /^\/v1\/schedule\/([^/]+)$/,
      run: (_req, _b, m) => {
        const s = state.schedules.get(decodeURIComponent(m[1]!));
        if (!s) return jsmsFail(50028);
        if (s.status !== 'pending') return jsmsFail(50029);
        s.status = 'deleted';
        return { status: 200 };
      },
    },
    {
      method: 'GET', pattern: /^\/v1\/accounts\/app$/,
      run: () =>
        noQuota()
          ? jsmsFail(50033)
          : { status: 200, body: { app_balance: state.appBalance, app_voice: state.appVoice, app_industry: state.appIndustry, app_market: state.appMarket } },
    },
    {
      method: 'GET', pattern: /^\/v1\/accounts\/dev$/,
      run: () => ({ status: 200, body: { dev_balance: state.devBalance, dev_voice: null, dev_industry: state.devBalance, dev_market: null } }),
    },
    ...catalog.routes,
    ...pull.routes,
  ];

  function scheduleTimeError(b: Record<string, unknown>): SimReply | null {
    const at = chinaTimeToMs(b.send_time);
    return at === undefined || at <= Date.now() ? jsmsFail(50027) : null;
  }

  function existing(id: string | undefined, batch: boolean): SimSchedule | SimReply | null {
    if (id === undefined) return null;
    const s = state.schedules.get(id);
    if (!s || s.batch !== batch) return jsmsFail(50028);
    if (s.status !== 'pending') return jsmsFail(50029);
    return s;
  }

  function scheduleSingle(b: Record<string, unknown>, id: string | undefined): SimReply {
    const prev = existing(id, false);
    if (prev && 'status' in prev && typeof prev.status === 'number') return prev as SimReply;
    const timeErr = scheduleTimeError(b);
    if (timeErr) return timeErr;
    if (!b.mobile) return jsmsFail(50004);
    if (!MOBILE.test(String(b.mobile))) return jsmsFail(50006);
    const check = checkTemplateSend(b.temp_id, b.temp_para, [2, 3]);
    if ('code' in check) return jsmsFail(check.code);
    const sid = id ?? randomUUID();
    const recipient = { mobile: String(b.mobile), msg_id: newMsgId(), ...(b.temp_para ? { temp_para: b.temp_para as Record<string, unknown> } : {}) };
    state.schedules.set(sid, { id: sid, batch: false, sendTime: String(b.send_time), tempId: Number(b.temp_id), recipients: [recipient], status: 'pending' });
    return { status: 200, body: { schedule_id: sid } };
  }

  function scheduleBatch(b: Record<string, unknown>, id: string | undefined): SimReply {
    const prev = existing(id, true);
    if (prev && 'status' in prev && typeof prev.status === 'number') return prev as SimReply;
    const timeErr = scheduleTimeError(b);
    if (timeErr) return timeErr;
    const r = batchRecipients(b, 'schedule/batch', false);
    if ('error' in r) return r.error!;
    const sid = id ?? randomUUID();
    state.schedules.set(sid, {
      id: sid, batch: true, sendTime: String(b.send_time), tempId: Number(b.temp_id),
      recipients: r.ok.map(({ content: _c, ...rest }) => rest), status: 'pending',
    });
    return { status: 200, body: { schedule_id: sid, success_count: r.ok.length, failure_count: r.bad.length, failure_recipients: r.bad } };
  }

  const handle = (req: SimRequest): SimReply | Promise<SimReply> => {
    state.requests.push({ method: req.method, path: req.path, at: Date.now() });
    const matching = routes.filter((r) => r.pattern.test(req.path));
    if (matching.length === 0) return jsmsFail(50016);
    const route = matching.find((r) => r.method === req.method);
    if (!route) return jsmsFail(50018);
    const authErr = checkAuth(req, req.path === '/v1/accounts/dev');
    if (authErr) return authErr;
    let body: Record<string, unknown> = {};
    if ((req.method === 'POST' || req.method === 'PUT') && !req.path.startsWith('/v1/sign')) {
      if (!String(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return jsmsFail(50017);
      if (req.text.trim() === '') return jsmsFail(50003);
      const parsed = parseJson(req.text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return jsmsFail(50007);
      body = parsed as Record<string, unknown>;
    }
    return route.run(req, body, route.pattern.exec(req.path)!);
  };

  const server = await listen(handle, { port: options.port, faults, serverErrorBody: () => ({ error: { code: 50019, message: 'server error' } }) });
  return {
    url: server.url,
    port: server.port,
    state,
    faults,
    close: server.close,
    codeFor: (msgId) => state.codes.get(msgId)?.code,
    expireCode: (msgId) => {
      const c = state.codes.get(msgId);
      if (c) c.expiresAt = 0;
    },
    setAppBalance: (n) => {
      state.appBalance = n;
    },
    reportAll: pull.reportAll,
    addReply: pull.addReply,
    review: catalog.review,
    fireSchedules: (force = false) => {
      let n = 0;
      for (const s of state.schedules.values()) {
        if (s.status !== 'pending') continue;
        if (!force && (chinaTimeToMs(s.sendTime) ?? Infinity) > Date.now()) continue;
        const t = state.templates.get(s.tempId);
        for (const r of s.recipients) {
          record(r.mobile, renderTemplate(t?.template ?? '', r.temp_para) ?? '', r.msg_id, s.batch ? 'schedule/batch' : 'schedule');
          n++;
        }
        s.status = 'sent';
      }
      return n;
    },
  };
}

export { JSMS_HTTP_STATUS };
