import type { ZodType, output as ZodOutput } from 'zod';
import { CAPABILITIES, JSMS_LIMITS } from '../capabilities.ts';
import { ProviderError, inputError, limitError, missingSecretError } from '../errors.ts';
import { createTransport, type HttpCall, type HttpMethod } from '../http.ts';
import { CHINA_UTC_OFFSET_MINUTES, formatDashed, parseProviderTime } from '../provider-time.ts';
import type { BalanceLine, ConnectionCheck, ProviderClientBase, ProviderDeps, SecretGetter, SendResult } from '../types.ts';
import { jsmsCall } from './http-call.ts';
import { toSendResult } from './results.ts';
import * as S from './schemas.ts';

export type TemplateParams = Record<string, string | number>;

export interface JsmsRecipient {
  mobile: string;
  tempPara?: TemplateParams;
}

export interface JsmsBatchInput {
  tempId: number;
  recipients: JsmsRecipient[];
  signId?: number;
  /** ≤ 10 characters. */
  tag?: string;
}

export interface JsmsVoiceCodeInput {
  mobile: string;
  /** 4–8 digits; JSMS generates one when absent. */
  code?: string;
  /** 0 Chinese, 1 English, 2 mixed. */
  voiceLang?: 0 | 1 | 2;
  ttlSeconds?: number;
}

/** A schedule time: epoch ms (converted to China time) — never a string computed in the PC's zone. */
export type JsmsSendAt = number;

export interface JsmsBalances {
  app?: { balance: number | null; voice: number | null; industry: number | null; market: number | null };
  dev?: { balance: number | null; voice: number | null; industry: number | null; market: number | null };
}

export interface JsmsTemplateInput {
  template: string;
  /** 1 verification code, 2 notice, 3 marketing. */
  type: 1 | 2 | 3;
  ttl?: number;
  remark?: string;
}

/** A picture sent with a signature for review (JSMS takes up to four: image0…image3). */
export interface JsmsSignImage {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

export interface JsmsSignInput {
  sign: string;
  images?: JsmsSignImage[];
}

export interface JsmsScheduleQuery {
  scheduleId: string;
  /** As JSMS wrote it (China time). */
  sendTime: string;
  /** The same instant as epoch ms, when readable. */
  sendAt: number | null;
  tempId: number;
  recipients: { msgId?: string; mobile: string; tempPara?: Record<string, unknown> }[];
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** What the client needs of a JSMS account (a subset of JsmsConfig plus the id). */
export interface JsmsAccount {
  id: string;
  baseUrl: string;
  appKey: string;
  signId?: number | undefined;
  devKey?: string | undefined;
}

export type JsmsAppQuotas = NonNullable<JsmsBalances['app']>;

/**
 * The app's four quotas as balance lines (all shown, null = not assigned): a template SMS draws on its
 * type's quota first — codes and notices on industry, marketing on market — then on the all-type one.
 */
export function pushAppQuotas(balances: BalanceLine[], app: JsmsAppQuotas): void {
  balances.push({ label: 'App SMS, all types', amount: app.balance, unit: 'messages', pool: 'all' });
  balances.push({ label: 'App industry SMS (codes, notices)', amount: app.industry, unit: 'messages', pool: 'industry' });
  balances.push({ label: 'App marketing SMS', amount: app.market, unit: 'messages', pool: 'market' });
  balances.push({ label: 'App voice codes', amount: app.voice, unit: 'messages', pool: 'voice' });
}

export function createJsmsClient(account: JsmsAccount, secret: SecretGetter, deps: ProviderDeps) {
  const transport = createTransport({
    provider: 'jsms',
    baseUrl: account.baseUrl,
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const secrets = () => [secret('masterSecret'), secret('devSecret')];

  const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`;
  const appAuth = () => {
    const masterSecret = secret('masterSecret');
    if (!masterSecret) throw missingSecretError('jsms', 'Master Secret');
    return basic(account.appKey, masterSecret);
  };
  const devAuth = () => {
    const devSecret = secret('devSecret');
    if (!account.devKey) throw inputError('jsms', 'The account balance needs the dev key. Open the account and enter it.', 'devKey');
    if (!devSecret) throw missingSecretError('jsms', 'dev secret');
    return basic(account.devKey, devSecret);
  };

  const call = <T extends ZodType>(
    method: HttpMethod,
    path: string,
    what: string,
    schema: T | null,
    opts: { json?: unknown; form?: FormData; mutating: boolean; auth?: string; timeoutMs?: number },
  ) => {
    const req: HttpCall = { method, path, headers: { authorization: opts.auth ?? appAuth() } };
    if (opts.form !== undefined) req.form = opts.form;
    else if (opts.json !== undefined) {
      req.json = opts.json;
      req.headers = { ...req.headers, 'content-type': 'application/json' }; // exactly as JSMS documents it
    }
    if (opts.timeoutMs !== undefined) req.timeoutMs = opts.timeoutMs;
    return jsmsCall({ transport, call: req, schema, what, mutating: opts.mutating, secrets: secrets() });
  };

  const withSign = (body: Record<string, unknown>, signId: number | undefined) => {
    const sign = signId ?? account.signId;
    if (sign !== undefined) body.sign_id = sign;
    return body;
  };

  const checkMobile = (mobile: string) => {
    if (!mobile || !mobile.trim()) throw limitError('jsms', 'JSMS_50004', 'JSMS needs a phone number. Add one.', 'mobile');
  };
  const checkBatch = (input: JsmsBatchInput) => {
    if (input.recipients.length === 0) throw limitError('jsms', 'JSMS_50030', 'The recipient list is empty. Add recipients.', 'recipients');
    if (input.recipients.length > JSMS_LIMITS.recipientsPerBatch) {
      throw limitError(
        'jsms',
        'JSMS_50031',
        `JSMS takes at most ${JSMS_LIMITS.recipientsPerBatch} recipients per call (got ${input.recipients.length}). Split the batch.`,
        'recipients',
      );
    }
    if (input.tag !== undefined && [...input.tag].length > JSMS_LIMITS.tagLength) {
      throw limitError('jsms', 'JSMS_TAG_TOO_LONG', `A JSMS tag is at most ${JSMS_LIMITS.tagLength} characters. Shorten it.`, 'tag');
    }
    for (const r of input.recipients) checkMobile(r.mobile);
  };
  const recipientsBody = (recipients: JsmsRecipient[]) =>
    recipients.map((r) => (r.tempPara ? { mobile: r.mobile, temp_para: r.tempPara } : { mobile: r.mobile }));
  const batchBody = (input: JsmsBatchInput) => {
    const body: Record<string, unknown> = { temp_id: input.tempId, recipients: recipientsBody(input.recipients) };
    if (input.tag !== undefined) body.tag = input.tag;
    return withSign(body, input.signId);
  };
  const sendTime = (at: JsmsSendAt) => {
    if (!Number.isFinite(at)) throw inputError('jsms', 'Pick a valid send time.', 'sendTime');
    return formatDashed(at, CHINA_UTC_OFFSET_MINUTES);
  };
  const idPath = (id: string) => encodeURIComponent(id);
  /** The multipart body of a signature: `sign` and the pictures as image0…image3, as JSMS documents it. */
  const signForm = (input: JsmsSignInput) => {
    const sign = input.sign.trim();
    if (sign === '') throw inputError('jsms', 'Write the signature text.', 'sign');
    const images = input.images ?? [];
    if (images.length > 4) throw inputError('jsms', 'JSMS takes at most four pictures with a signature.', 'images');
    const form = new FormData();
    form.append('sign', sign);
    images.forEach((img, i) => form.append(`image${i}`, new Blob([new Uint8Array(img.bytes)], { type: img.mime }), img.fileName));
    return form;
  };

  const client = {
    kind: 'jsms' as const,
    accountId: account.id,
    capabilities: CAPABILITIES.jsms,

    /** POST /v1/codes — a text verification code from a code template. */
    async sendTextCode(input: { mobile: string; tempId: number; signId?: number }): Promise<{ msgId: string }> {
      checkMobile(input.mobile);
      const body = withSign({ mobile: input.mobile, temp_id: input.tempId }, input.signId);
      const r = await call('POST', '/v1/codes', 'verification code send', S.msgIdReply, { json: body, mutating: true });
      return { msgId: r.msg_id };
    },

    /** POST /v1/voice_codes. */
    async sendVoiceCode(input: JsmsVoiceCodeInput): Promise<{ msgId: string }> {
      checkMobile(input.mobile);
      const body: Record<string, unknown> = { mobile: input.mobile };
      if (input.code !== undefined) {
        if (!/^\d+$/.test(input.code)) throw inputError('jsms', 'A voice code has digits only.', 'code');
        if (input.code.length < JSMS_LIMITS.voiceCodeMin || input.code.length > JSMS_LIMITS.voiceCodeMax) {
          throw inputError('jsms', 'A voice code has 4 to 8 digits.', 'code');
        }
        body.code = input.code;
      }
      if (input.voiceLang !== undefined) body.voice_lang = input.voiceLang;
      if (input.ttlSeconds !== undefined) {
        if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds <= 0 || input.ttlSeconds > 86_400) {
          throw inputError('jsms', 'The code validity is 1 to 86400 seconds.', 'ttl');
        }
        body.ttl = input.ttlSeconds;
      }
      const r = await call('POST', '/v1/voice_codes', 'voice code send', S.msgIdReply, { json: body, mutating: true });
      return { msgId: r.msg_id };
    },

    /** POST /v1/codes/{msg_id}/valid. Wrong/expired/used codes are a normal answer, not an error. */
    async verifyCode(msgId: string, code: string): Promise<{ valid: boolean; reasonCode?: number; reason?: string }> {
      if (!code.trim()) throw inputError('jsms', 'Enter the code to check.', 'code');
      const verdict = (reasonCode: number | undefined) => {
        const out: { valid: boolean; reasonCode?: number; reason?: string } = { valid: false };
        if (reasonCode !== undefined) out.reasonCode = reasonCode;
        out.reason = reasonCode === 50011 ? 'The code has expired.' : reasonCode === 50012 ? 'The code was already used.' : 'The code is wrong.';
        return out;
      };
      try {
        const r = await call('POST', `/v1/codes/${idPath(msgId)}/valid`, 'code check', S.validReply, { json: { code }, mutating: false });
        return r.is_valid ? { valid: true } : verdict(r.error?.code);
      } catch (err) {
        // Some versions answer a wrong/expired/used code with a plain error envelope (HTTP 403).
        if (err instanceof ProviderError && [50010, 50011, 50012].includes(Number(err.providerCode))) return verdict(Number(err.providerCode));
        throw err;
      }
    },

    /** POST /v1/messages — one template SMS. */
    async sendTemplate(input: { mobile: string; tempId: number; tempPara?: TemplateParams; signId?: number }): Promise<{ msgId: string }> {
      checkMobile(input.mobile);
      const body: Record<string, unknown> = { mobile: input.mobile, temp_id: input.tempId };
      if (input.tempPara) body.temp_para = input.tempPara;
      const r = await call('POST', '/v1/messages', 'template SMS send', S.msgIdReply, { json: withSign(body, input.signId), mutating: true });
      return { msgId: r.msg_id };
    },

    /** POST /v1/messages/batch — ≤1000 recipients; accepts both `recipients` and `failure_recipients` replies. */
    async sendTemplateBatch(input: JsmsBatchInput): Promise<SendResult & { successCount: number; failureCount: number }> {
      checkBatch(input);
      const r = await call('POST', '/v1/messages/batch', 'batch template SMS send', S.batchReply, { json: batchBody(input), mutating: true });
      return toSendResult(r, input.recipients);
    },

    /** POST /v1/schedule. */
    async scheduleCreate(input: { sendAt: JsmsSendAt; mobile: string; tempId: number; tempPara?: TemplateParams; signId?: number }): Promise<{ scheduleId: string }> {
      checkMobile(input.mobile);
      const body: Record<string, unknown> = { send_time: sendTime(input.sendAt), mobile: input.mobile, temp_id: input.tempId };
      if (input.tempPara) body.temp_para = input.tempPara;
      const r = await call('POST', '/v1/schedule', 'scheduled SMS', S.scheduleReply, { json: withSign(body, input.signId), mutating: true });
      return { scheduleId: r.schedule_id };
    },

    /** PUT /v1/schedule/{id}. */
    async scheduleUpdate(
      scheduleId: string,
      input: { sendAt: JsmsSendAt; mobile: string; tempId: number; tempPara?: TemplateParams; signId?: number },
    ): Promise<{ scheduleId: string }> {
      checkMobile(input.mobile);
      const body: Record<string, unknown> = { send_time: sendTime(input.sendAt), mobile: input.mobile, temp_id: input.tempId };
      if (input.tempPara) body.temp_para = input.tempPara;
      const r = await call('PUT', `/v1/schedule/${idPath(scheduleId)}`, 'schedule change', S.scheduleReply, {
        json: withSign(body, input.signId),
        mutating: true,
      });
      return { scheduleId: r.schedule_id };
    },

    /** POST /v1/schedule/batch. */
    async scheduleBatchCreate(input: JsmsBatchInput & { sendAt: JsmsSendAt }) {
      checkBatch(input);
      const body = { send_time: sendTime(input.sendAt), ...batchBody(input) };
      const r = await call('POST', '/v1/schedule/batch', 'scheduled batch', S.scheduleBatchReply, { json: body, mutating: true });
      return { scheduleId: r.schedule_id, ...toSendResult(r, input.recipients) };
    },

    /** PUT /v1/schedule/batch/{id}. */
    async scheduleBatchUpdate(scheduleId: string, input: JsmsBatchInput & { sendAt: JsmsSendAt }) {
      checkBatch(input);
      const body = { send_time: sendTime(input.sendAt), ...batchBody(input) };
      const r = await call('PUT', `/v1/schedule/batch/${idPath(scheduleId)}`, 'scheduled batch change', S.scheduleBatchReply, {
        json: body,
        mutating: true,
      });
      return { scheduleId: r.schedule_id, ...toSendResult(r, input.recipients) };
    },

    /** GET /v1/schedule/{id}. */
    async scheduleGet(scheduleId: string): Promise<JsmsScheduleQuery> {
      const r = await call('GET', `/v1/schedule/${idPath(scheduleId)}`, 'schedule query', S.scheduleQueryReply, { mutating: false });
      return {
        scheduleId: r.schedule_id,
        sendTime: r.send_time,
        sendAt: parseProviderTime(r.send_time, CHINA_UTC_OFFSET_MINUTES) ?? null,
        tempId: r.temp_id,
        recipients: r.recipients.map((x) => {
          const row: JsmsScheduleQuery['recipients'][number] = { mobile: x.mobile };
          if (x.msg_id !== undefined) row.msgId = x.msg_id;
          if (x.temp_para) row.tempPara = x.temp_para;
          return row;
        }),
      };
    },

    /** DELETE /v1/schedule/{id} (200 with an empty body). */
    async scheduleDelete(scheduleId: string): Promise<void> {
      await call('DELETE', `/v1/schedule/${idPath(scheduleId)}`, 'schedule delete', null, { mutating: true });
    },

    /** GET /v1/accounts/app. */
    async appBalance() {
      const r = await call('GET', '/v1/accounts/app', 'app balance query', S.appBalanceReply, { mutating: false });
      return { balance: r.app_balance, voice: r.app_voice, industry: r.app_industry, market: r.app_market };
    },

    /** GET /v1/accounts/dev — authenticated with the dev key pair. */
    async devBalance() {
      let r: ZodOutput<typeof S.devBalanceReply>;
      try {
        r = await call('GET', '/v1/accounts/dev', 'account balance query', S.devBalanceReply, { mutating: false, auth: devAuth() });
      } catch (err) {
        // The generic 50002 sentence names the AppKey and Master Secret; here only the dev pair was sent.
        if (err instanceof ProviderError && err.code === 'JSMS_50002') {
          throw new ProviderError(err.code, 'JSMS refused the dev key pair (50002): the dev key or dev secret is wrong. Check both in the account; the AppKey and Master Secret work.', {
            kind: 'auth',
            outcome: 'not-sent',
            provider: 'jsms',
            providerCode: 50002,
          });
        }
        throw err;
      }
      return { balance: r.dev_balance, voice: r.dev_voice, industry: r.dev_industry, market: r.dev_market };
    },

    /**
     * GET /v1/report — delivery reports not yet fetched (≤500 a call, each returned ONCE, ≤1 call / 5 s).
     * Raw items: the caller stores them before anything else. A body that is not an array is a bad reply.
     */
    async pullReports(): Promise<unknown[]> {
      return call('GET', '/v1/report', 'delivery report pull', S.pullReply, { mutating: false });
    },

    /** GET /v1/reply — replies (inbound SMS) not yet fetched, with the same limits as pullReports. */
    async pullReplies(): Promise<unknown[]> {
      return call('GET', '/v1/reply', 'reply pull', S.pullReply, { mutating: false });
    },

    hasDevCredentials(): boolean {
      return Boolean(account.devKey && secret('devSecret'));
    },

    async templateCreate(input: JsmsTemplateInput): Promise<{ tempId: number }> {
      const r = await call('POST', '/v1/templates', 'template create', S.templateIdReply, { json: input, mutating: true });
      return { tempId: r.temp_id };
    },
    async templateUpdate(tempId: number, input: JsmsTemplateInput): Promise<{ tempId: number }> {
      const r = await call('PUT', `/v1/templates/${tempId}`, 'template change', S.templateIdReply, {
        json: { temp_id: tempId, ...input },
        mutating: true,
      });
      return { tempId: r.temp_id };
    },
    async templateGet(tempId: number) {
      const r = await call('GET', `/v1/templates/${tempId}`, 'template query', S.templateReply, { mutating: false });
      return { tempId: r.temp_id, template: r.template, type: r.type, ttl: r.ttl ?? null, remark: r.remark ?? null, status: r.status ?? null };
    },
    async templateDelete(tempId: number): Promise<void> {
      await call('DELETE', `/v1/templates/${tempId}`, 'template delete', null, { mutating: true });
    },

    /** POST /v1/sign (multipart) — submits a signature for review. */
    async signCreate(input: JsmsSignInput): Promise<{ signId: number }> {
      const r = await call('POST', '/v1/sign', 'signature create', S.signIdReply, { form: signForm(input), mutating: true });
      return { signId: r.sign_id };
    },
    /** POST /v1/sign/{id} (multipart) — changes a signature that failed review and submits it again. */
    async signUpdate(signId: number, input: JsmsSignInput): Promise<{ signId: number }> {
      const r = await call('POST', `/v1/sign/${signId}`, 'signature change', S.signIdReply, { form: signForm(input), mutating: true });
      return { signId: r.sign_id };
    },
    /** GET /v1/sign/{id} — status 1 passed, 2 rejected (0 while reviewed); use_status 1 in use. */
    async signGet(signId: number) {
      const r = await call('GET', `/v1/sign/${signId}`, 'signature query', S.signReply, { mutating: false });
      return { signId: r.sign_id, sign: r.sign, status: r.status ?? null, useStatus: r.use_status ?? null };
    },
    /** DELETE /v1/sign/{id} — a signature in use cannot be deleted (50105). */
    async signDelete(signId: number): Promise<void> {
      await call('DELETE', `/v1/sign/${signId}`, 'signature delete', null, { mutating: true });
    },

    async checkConnection(): Promise<ConnectionCheck> {
      const balances: BalanceLine[] = [];
      const warnings: string[] = [];
      let app: Awaited<ReturnType<typeof client.appBalance>>;
      try {
        app = await client.appBalance();
      } catch (err) {
        // 50033 proves the credentials work: the app simply has no quota yet.
        if (!(err instanceof ProviderError && err.providerCode === 50033)) throw err;
        app = { balance: null, voice: null, industry: null, market: null };
        warnings.push(err.message);
      }
      pushAppQuotas(balances, app);
      if (account.devKey && !secret('devSecret')) warnings.push('A dev key is set but no dev secret: the account balance was not checked.');
      if (client.hasDevCredentials()) {
        try {
          const dev = await client.devBalance();
          balances.push({ label: 'Account balance (SMS)', amount: dev.balance, unit: 'messages' });
        } catch (err) {
          warnings.push(err instanceof Error ? err.message : 'The account balance could not be read.');
        }
      }
      return {
        ok: true,
        kind: 'jsms',
        summary: `Connected to JSMS. App balance: ${app.balance ?? 'no quota assigned'}.`,
        balances,
        ports: [],
        warnings,
        checkedAt: deps.clock.now(),
      };
    },
  } satisfies ProviderClientBase & Record<string, unknown>;
  return client;
}

export type JsmsClient = ReturnType<typeof createJsmsClient>;
